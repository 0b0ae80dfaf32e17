import express from 'express';
import { ProductCache } from './cache';
import { pool, redis } from './db';
import { BackupScheduler } from './jobs/backup';
import { startReconciler } from './jobs/reconcile';
import { CustomerRepository } from './repositories/customers';
import { OrderRepository } from './repositories/orders';
import { orderRoutes } from './routes/orders';

const logger = {
  info: (msg: string, fields: Record<string, unknown> = {}) => console.log(JSON.stringify({ level: 'info', msg, ...fields })),
  error: (msg: string, fields: Record<string, unknown> = {}) => console.error(JSON.stringify({ level: 'error', msg, ...fields })),
};

const orders = new OrderRepository(pool);
const customers = new CustomerRepository(pool);
const products = new ProductCache(redis, orders);
const backups = new BackupScheduler(process.env.BACKUP_DIR ?? '/var/backups/shop');

const app = express();
app.use(express.json({ limit: '256kb' }));
app.get('/healthz', (_req, res) => {
  res.json({ ok: true, pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } });
});
app.use('/v1', orderRoutes(orders, customers, products));

const server = app.listen(Number(process.env.PORT ?? 3000), () => logger.info('listening'));
startReconciler(pool, logger);
backups.start();

// Module scope runs once, so this interval lives exactly as long as the process.
setInterval(() => {
  logger.info('pool stats', { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
}, 60_000).unref();

process.once('SIGTERM', () => {
  backups.stop();
  server.close(() => {
    void Promise.all([pool.end(), redis.quit()]).then(() => process.exit(0));
  });
});
