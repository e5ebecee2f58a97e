import type { Logger } from '../../common/logger';
import { inBackground } from '../../common/request-scope';

/**
 * Runs `work` every `intervalMs` (the next run is scheduled when the previous one ended, so runs
 * never overlap), logs its failures instead of throwing, and stops cleanly: `stop()` cancels the
 * next run and waits for the current one. The timer is unref'd: it never keeps a process alive.
 */
export class Ticker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /** Starts; the first run comes after `firstDelayMs` (default: one interval). */
  start(firstDelayMs = this.intervalMs): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  /** Runs now (unless a run is under way, which is then awaited). */
  runNow(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await inBackground(this.name, this.work);
      } catch (err) {
        this.logger.error({ err: err instanceof Error ? err.message : String(err), ticker: this.name }, 'background work failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runNow().then(() => this.schedule(this.intervalMs));
    }, delay);
    this.timer.unref();
  }
}
