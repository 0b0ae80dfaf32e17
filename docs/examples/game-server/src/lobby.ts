import { Room } from './rooms';
import type { PlayerProfile } from './matchmaking';

/** Places players in rooms, opening a room when all are full and closing it when it empties. */
export class Lobby {
  private readonly rooms = new Map<string, Room>();
  private readonly online = new Map<string, string>();
  private nextRoom = 1;

  /** The first room with a free seat, or a new one. */
  place(): Room {
    for (const room of this.rooms.values()) {
      if (!room.full) return room;
    }
    return this.open();
  }

  roomOf(playerId: string): string | undefined {
    return this.online.get(playerId);
  }

  summary(): { id: string; players: number; npcs: number }[] {
    return [...this.rooms.values()].map((room) => {
      const census = room.world.census();
      return { id: room.id, players: census.player, npcs: census.npc };
    });
  }

  closeAll(): void {
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  private open(): Room {
    const room = new Room(`arena-${this.nextRoom++}`);
    this.rooms.set(room.id, room);
    this.track(room);
    room.open();
    return room;
  }

  // The room is this function's own parameter and the listeners die with it (close() removes them).
  private track(room: Room): void {
    room.on('join', (profile: PlayerProfile) => this.online.set(profile.id, room.id));
    room.on('leave', (profile: PlayerProfile) => this.online.delete(profile.id));
    room.on('empty', () => {
      room.close();
      this.rooms.delete(room.id);
    });
  }
}
