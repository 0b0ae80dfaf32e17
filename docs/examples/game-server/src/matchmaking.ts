const AUTH_URL = process.env.AUTH_URL ?? 'http://auth.internal:8080';
const STATS_URL = process.env.STATS_URL ?? 'http://stats.internal:8080';
const SERVICE_TOKEN = process.env.SERVICE_TOKEN ?? '';

export interface PlayerProfile {
  id: string;
  displayName: string;
  rating: number;
}

export interface MatchResult {
  roomId: string;
  playerId: string;
  score: number;
}

/** Exchanges the one-time ticket a client got from the launcher for its profile. */
export async function verifyTicket(ticket: string): Promise<PlayerProfile> {
  const response = await fetch(`${AUTH_URL}/v1/tickets/${encodeURIComponent(ticket)}`, {
    headers: { authorization: `Bearer ${SERVICE_TOKEN}` },
  });
  if (!response.ok) throw new Error(`ticket rejected: ${response.status}`);
  return (await response.json()) as PlayerProfile;
}

export async function reportMatchResult(result: MatchResult): Promise<void> {
  const response = await fetch(`${STATS_URL}/v1/results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVICE_TOKEN}` },
    body: JSON.stringify(result),
    signal: AbortSignal.timeout(2_000),
  });
  if (!response.ok) throw new Error(`stats service answered ${response.status}`);
}
