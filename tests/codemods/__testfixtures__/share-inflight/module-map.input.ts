import { db } from './db';

// Users change rarely; the map lives as long as the process.
const users = new Map<string, User>();

export async function getUser(id: string): Promise<User> {
  const cached = users.get(id);
  if (cached) return cached;
  const user = await db.findUser(id);
  users.set(id, user);
  return user;
}

export async function getTeam(id: string): Promise<Team> {
  const teams = new Map<string, Team>();
  const team = await db.findTeam(id);
  teams.set(id, team);
  return team;
}
