import type { TickReport, World } from './world';

export const TICK_RATE = 30;

/**
 * Drives one world at a fixed rate. The interval handle is kept and cleared in stop(), so closing a
 * room really stops its simulation.
 */
export class GameLoop {
  private handle: NodeJS.Timeout | undefined;
  private lastTick = 0;

  constructor(
    private readonly world: World,
    private readonly onTick: (report: TickReport) => void,
  ) {}

  get running(): boolean {
    return this.handle !== undefined;
  }

  start(): void {
    if (this.handle) return;
    this.lastTick = performance.now();
    this.handle = setInterval(() => {
      const now = performance.now();
      // Clamp the step so a long GC pause does not teleport everyone across the map.
      const dt = Math.min((now - this.lastTick) / 1000, 3 / TICK_RATE);
      this.lastTick = now;
      this.onTick(this.world.tick(dt));
    }, 1000 / TICK_RATE);
  }

  stop(): void {
    clearInterval(this.handle);
    this.handle = undefined;
  }
}
