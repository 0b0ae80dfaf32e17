const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);

async function sessions(userIds) {
  return redis.mget(userIds.map((id) => `session:${id}`));
}

module.exports = { sessions };
