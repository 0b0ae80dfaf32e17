import { useEffect, useLayoutEffect, useState } from 'react';

export function Clock({ onTick }: { onTick: () => void }) {
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    const intervalId = setInterval(() => setNow(Date.now()), 1000);
    const handleFocus = () => setNow(Date.now());
    window.addEventListener('focus', handleFocus);
    return () => {
      window.removeEventListener('focus', handleFocus);
      clearInterval(intervalId);
    };
  }, []);

  useLayoutEffect(() => {
    const id = setInterval(onTick, 5000);
    const onResize = () => onTick();
    window.addEventListener('resize', onResize);
    return () => {
      clearInterval(id);
      window.removeEventListener('resize', onResize);
      console.log('unmounted');
    };
  }, [onTick]);

  return now;
}
