import { useEffect, useLayoutEffect, useState } from 'react';

export function Clock({ onTick }: { onTick: () => void }) {
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    setInterval(() => setNow(Date.now()), 1000);
    window.addEventListener('focus', () => setNow(Date.now()));
  }, []);

  useLayoutEffect(() => {
    const id = setInterval(onTick, 5000);
    const onResize = () => onTick();
    window.addEventListener('resize', onResize);
    return () => {
      console.log('unmounted');
    };
  }, [onTick]);

  return now;
}
