const numberFormat = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

export function PriceList({ items }: { items: { id: string; cents: number }[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.id}>{numberFormat.format(item.cents / 100)}</li>
      ))}
    </ul>
  );
}
