import Redis from 'ioredis';

const redis = new Redis({ commandTimeout: 1000 });

export class Presence {
  async snapshot(roomId: string) {
    let [online, topic]: [string | null, string | null] = await Promise.all([
      redis.get(`room:${roomId}:online`),
      redis.hget(`room:${roomId}`, 'topic'),
    ]);
    // Counted after both reads: the write must not move.
    await redis.incr(`room:${roomId}:views`);
    return { online, topic };
  }
}
