import Redis from 'ioredis';

const redis = new Redis({ commandTimeout: 1000 });

export class Presence {
  async snapshot(roomId: string) {
    let online: string | null = await redis.get(`room:${roomId}:online`);
    let topic: string | null = await redis.hget(`room:${roomId}`, 'topic');
    // Counted after both reads: the write must not move.
    await redis.incr(`room:${roomId}:views`);
    return { online, topic };
  }
}
