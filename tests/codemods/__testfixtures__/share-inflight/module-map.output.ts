import { db } from './db';

// Users change rarely; the map lives as long as the process.
const users = new Map<string, User>();
const getUserLoads = new Map<unknown, Promise<unknown>>();

export async function getUser(id: string): Promise<User> {
  const cached = users.get(id);
  if (cached) return cached;
  const user = await shareInflight(getUserLoads, id, () => db.findUser(id));
  users.set(id, user);
  return user;
}

export async function getTeam(id: string): Promise<Team> {
  const teams = new Map<string, Team>();
  const team = await db.findTeam(id);
  teams.set(id, team);
  return team;
}

/**
 * Callers that miss the cache for the same key while a load is in flight share that load instead of
 * starting their own. The key is forgotten once the load settles: the cache answers from then on,
 * and after a rejection (which every waiting caller receives) the next caller loads again.
 */
function shareInflight<T>(loads: Map<unknown, Promise<unknown>>, key: unknown, load: () => T | PromiseLike<T>): Promise<T> {
  let pending = loads.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = Promise.resolve(load()) as Promise<T>;
    loads.set(key, pending);
    const forget = () => loads.delete(key);
    pending.then(forget, forget);
  }
  return pending;
}
