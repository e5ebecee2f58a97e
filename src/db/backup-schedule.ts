import type { Logger } from '../common/logger';
import { type BackupOptions, pruneBackups, takeBackup } from './backup';

/** Milliseconds from `now` to the next `hour`:00 local time (tomorrow's when that hour has passed). */
export function msUntilHour(now: Date, hour: number): number {
  const next = new Date(now);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}

/**
 * The daily backup of the embedded PostgreSQL (BACKUP_DIR, BACKUP_HOUR, BACKUP_KEEP): one base
 * backup a day at the hour, then the oldest beyond `keep` deleted (only after a backup
 * succeeded, so a failing disk never eats the last good ones). A failure is logged at error
 * level and retried the next day. The timer is unref'd.
 */
export class DailyBackup {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly backup: () => Omit<BackupOptions, 'keysDir' | 'now'>,
    private readonly opts: { hour: number; keep: number; logger: Logger },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** One backup and the pruning after it; never throws. Resolves with the new folder, if any. */
  async runOnce(): Promise<string | undefined> {
    const options = this.backup();
    try {
      const { dir } = await takeBackup({ ...options, now: this.clock() });
      const removed = await pruneBackups(options.outDir, this.opts.keep);
      this.opts.logger.info({ dir, removed: removed.length }, 'daily backup written');
      return dir;
    } catch (err) {
      this.opts.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'daily backup failed');
      return undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.running = this.runOnce().then(() => {
          this.running = undefined;
          this.schedule();
        });
      },
      msUntilHour(this.clock(), this.opts.hour),
    );
    this.timer.unref();
  }
}
