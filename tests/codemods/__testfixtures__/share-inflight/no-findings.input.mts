// Already an in-flight map: the promise is stored before anyone awaits it.
const depots = new Map<string, Promise<Point>>();

export function depotLocation(depotId: string): Promise<Point> {
  let pending = depots.get(depotId);
  if (!pending) {
    pending = lookupDepot(depotId);
    depots.set(depotId, pending);
    pending.catch(() => depots.delete(depotId));
  }
  return pending;
}
