import { useEffect, useState } from 'react';

export function Weather({ city }: { city: string }) {
  const [temp, setTemp] = useState<number | null>(null);
  useEffect(() => {
    fetch(`/api/weather?city=${encodeURIComponent(city)}`)
      .then((res) => res.json())
      .then((body: { temp: number }) => setTemp(body.temp));
  }, [city]);
  return <span>{temp ?? '…'}</span>;
}
