const GEO_URL = process.env.GEO_URL ?? 'https://geo.example.com/v1';

export interface Point {
  lat: number;
  lon: number;
}

export interface Stop {
  orderId: string;
  address: string;
}

export interface DeliveryEstimate {
  orderId: string;
  point: Point;
  minutes: number;
}

export async function geocode(address: string): Promise<Point> {
  const response = await fetch(`${GEO_URL}/geocode?q=${encodeURIComponent(address)}`);
  if (!response.ok) throw new Error(`geocode failed: ${response.status}`);
  return (await response.json()) as Point;
}

export async function travelMinutes(from: Point, to: Point): Promise<number> {
  const response = await fetch(`${GEO_URL}/route`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to, profile: 'van' }),
    signal: AbortSignal.timeout(3_000),
  });
  if (!response.ok) throw new Error(`route failed: ${response.status}`);
  const body = (await response.json()) as { minutes: number };
  return body.minutes;
}

/** ETA for every stop of a delivery run; a run can hold a few thousand stops. */
export async function estimateDeliveries(depot: Point, stops: Stop[]): Promise<DeliveryEstimate[]> {
  return Promise.all(
    stops.map(async (stop) => {
      const point = await geocode(stop.address);
      const minutes = await travelMinutes(depot, point);
      return { orderId: stop.orderId, point, minutes };
    }),
  );
}

// Depots are looked up on every checkout. Concurrent callers share one request per depot: the map
// holds the promise, not the value, and forgets it on failure so the next caller retries.
const depots = new Map<string, Promise<Point>>();

export function depotLocation(depotId: string): Promise<Point> {
  let pending = depots.get(depotId);
  if (!pending) {
    pending = fetch(`${GEO_URL}/depots/${depotId}`, { signal: AbortSignal.timeout(2_000) }).then(async (response) => {
      if (!response.ok) throw new Error(`depot lookup failed: ${response.status}`);
      return (await response.json()) as Point;
    });
    depots.set(depotId, pending);
    pending.catch(() => depots.delete(depotId));
  }
  return pending;
}
