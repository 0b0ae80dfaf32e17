export interface Stop {
  orderId: string;
  address: string;
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

export async function pingRegions() {
  // Three regions: bounded by the literal.
  return Promise.all(['eu', 'us', 'ap'].map((region) => fetch(`https://${region}.example.com/ping`)));
}
