const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);

async function sessions(userIds) {
  return Promise.all(userIds.map((id) => redis.get(`session:${id}`)));
}

module.exports = { sessions };
