export function PriceList({ items }: { items: { id: string; cents: number }[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.id}>{new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(item.cents / 100)}</li>
      ))}
    </ul>
  );
}
