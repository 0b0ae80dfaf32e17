import type { Pool } from 'pg';
import { fetchSettlements, type Charge } from '../services/payments';

const RECONCILE_EVERY_MS = 15 * 60_000;

interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Marks orders paid once the provider's settlement report lists their charge. */
export function startReconciler(db: Pool, logger: Logger): void {
  let running = false;

  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const day = new Date().toISOString().slice(0, 10);
      const settled = await fetchSettlements(day);
      const updated = await markPaid(db, settled);
      logger.info('reconciled settlements', { day, settled: settled.length, updated });
    } catch (error) {
      logger.error('reconcile failed', { error: (error as Error).message });
    } finally {
      running = false;
    }
  };

  setInterval(run, RECONCILE_EVERY_MS);
  process.on('SIGTERM', () => logger.info('reconciler stopping', { running }));
}

async function markPaid(db: Pool, charges: Charge[]): Promise<number> {
  const ids = charges.filter((charge) => charge.status === 'succeeded').map((charge) => charge.id);
  if (ids.length === 0) return 0;
  // One statement for the whole report: the charge ids go in as one array parameter.
  const result = await db.query("UPDATE orders SET status = 'paid' WHERE charge_id = ANY($1) AND status = 'pending'", [ids]);
  return result.rowCount ?? 0;
}
