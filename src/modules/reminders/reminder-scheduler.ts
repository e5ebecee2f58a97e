import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../common/logger';
import { todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import { type LoaderFactory, transactionContext } from '../../graphql/request-context';
import { Ticker } from '../board/ticker';
import { VN_UTC_OFFSET_MS } from '../reports/legal-calendar';
import type { StoredReminderItem } from './reminder-digest.entity';
import type { ReminderMailer } from './reminder-mailer';
import type { RemindersService } from './reminders.service';

export interface ReminderSchedulerOptions {
  /** REMINDER_CHECK_INTERVAL_MS; 0: `start()` does nothing. */
  intervalMs: number;
  /** REMINDER_HOUR: the local hour (Vietnam) from which the day's digests are prepared. */
  hour: number;
  logger: Logger;
  makeLoaders: LoaderFactory;
  /** undefined: SMTP_URL unset, no e-mail. */
  mailer?: ReminderMailer | undefined;
  ringDoorbell?: (() => void) | undefined;
}

export interface ReminderRun {
  prepared: number;
  mailed: number;
  mailFailures: number;
}

/**
 * Prepares each day's reminder digests once, from REMINDER_HOUR in Vietnam, and mails those still
 * owed. Every instance runs it on a timer: the unique (account, day) row makes each digest
 * happen once, and a digest's e-mail is sent under its row lock (FOR UPDATE SKIP LOCKED), so two
 * instances never send the same one at once. A failed send is logged without address or content
 * and retried on the next run that day; it never stops the run or the process.
 */
export class ReminderScheduler {
  private readonly ticker: Ticker;
  /** Running totals of this instance, read by the metrics. */
  readonly stats = { runs: 0, failures: 0, prepared: 0, mailed: 0, mailFailures: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly service: RemindersService,
    private readonly opts: ReminderSchedulerOptions,
  ) {
    this.ticker = new Ticker('reminders', Math.max(opts.intervalMs, 1), () => this.runOnce(), opts.logger);
  }

  start(): void {
    if (this.opts.intervalMs > 0) this.ticker.start(0);
  }

  async stop(): Promise<void> {
    await this.ticker.stop();
    this.opts.mailer?.close();
  }

  /** A run now, in the background (after the ADMIN mutation committed: its digests' e-mails go at once). */
  kick(): void {
    void this.ticker.runNow();
  }

  /** One pass: today's digests once the hour has come, then the e-mails still owed today. */
  async runOnce(now: Date = this.service.now()): Promise<ReminderRun> {
    try {
      return await this.pass(now);
    } catch (err) {
      this.stats.failures++;
      throw err;
    }
  }

  private async pass(now: Date): Promise<ReminderRun> {
    const today = todayInVietnam(now);
    const hour = new Date(now.getTime() + VN_UTC_OFFSET_MS).getUTCHours();
    const run: ReminderRun = { prepared: 0, mailed: 0, mailFailures: 0 };
    if (hour >= this.opts.hour) run.prepared = (await this.prepareDay(today, now)).prepared;
    if (this.opts.mailer) Object.assign(run, await this.mailOwed(today, this.opts.mailer));
    this.stats.runs++;
    this.stats.prepared += run.prepared;
    this.stats.mailed += run.mailed;
    this.stats.mailFailures += run.mailFailures;
    if (run.prepared || run.mailed || run.mailFailures) this.opts.logger.info({ day: today, ...run }, 'reminder digests');
    return run;
  }

  /**
   * Every recipient's digest of `day` not yet prepared, each in its own transaction without an
   * acting account (row-level security then hides no report: the recusal that matters is the
   * recipient's, applied by the service). Returns the recipients and how many digests went in.
   */
  async prepareDay(day: string, now: Date): Promise<{ recipients: number; prepared: number }> {
    let made = 0;
    const recipients = await this.service.recipients(this.dataSource.manager);
    for (const recipient of recipients) {
      const digest = await this.dataSource.transaction((manager) =>
        this.service.prepare(this.context(manager), recipient, day, now),
      );
      if (digest) {
        made++;
        this.opts.ringDoorbell?.();
      }
    }
    return { recipients: recipients.length, prepared: made };
  }

  /** The e-mails of `day`'s digests that list something and have not gone, one at a time under the row's lock. */
  private async mailOwed(day: string, mailer: ReminderMailer): Promise<Pick<ReminderRun, 'mailed' | 'mailFailures'>> {
    const out = { mailed: 0, mailFailures: 0 };
    const tried = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const sent = await this.dataSource.transaction(async (manager) => {
        // Only an active staff account's own sign-in address: the digest row names an account, and
        // reporters have none, so no path leads from here to a reporter.
        const [row] = (await manager.query(
          `SELECT d.id, d.account_id, a.email, a.cadre_id, to_char(d.day, 'YYYY-MM-DD') AS day, to_char(d.due_by, 'YYYY-MM-DD') AS due_by,
                  d.as_chair, d.overdue_count, d.due_soon_count, d.items
             FROM reminder_digest d JOIN account a ON a.id = d.account_id
            WHERE d.day = $1 AND d.mailed_at IS NULL AND d.overdue_count + d.due_soon_count > 0
              AND NOT a.disabled AND a.role <> 'VIEWER' AND NOT (d.id = ANY($2::uuid[]))
            ORDER BY d.id LIMIT 1 FOR UPDATE OF d SKIP LOCKED`,
          [day, [...tried]],
        )) as Array<{
          id: string;
          account_id: string;
          email: string;
          cadre_id: string | null;
          day: string;
          due_by: string;
          as_chair: boolean;
          overdue_count: number;
          due_soon_count: number;
          items: StoredReminderItem[];
        }>;
        if (!row) return null;
        tried.add(row.id);
        const items = await this.service.current(manager, row.items, row.cadre_id);
        try {
          await mailer.send(
            { accountId: row.account_id, email: row.email },
            {
              day: row.day,
              dueBy: row.due_by,
              asChair: row.as_chair,
              overdueCount: row.overdue_count,
              dueSoonCount: row.due_soon_count,
              items,
            },
          );
        } catch (err) {
          // The server's answer may quote the address: log only the digest, the account and the error's code.
          const code = (err as { code?: unknown; responseCode?: unknown }).responseCode ?? (err as { code?: unknown }).code;
          this.opts.logger.warn(
            {
              digestId: row.id,
              accountId: row.account_id,
              code: typeof code === 'string' || typeof code === 'number' ? code : null,
            },
            'reminder e-mail not sent; retried on the next run',
          );
          await manager.query(`UPDATE reminder_digest SET mail_attempts = mail_attempts + 1 WHERE id = $1`, [row.id]);
          return false;
        }
        await manager.query(`UPDATE reminder_digest SET mailed_at = now() WHERE id = $1`, [row.id]);
        return true;
      });
      if (sent === null) break;
      if (sent) out.mailed++;
      else out.mailFailures++;
    }
    return out;
  }

  private context(manager: EntityManager): RequestContext {
    return transactionContext(manager, this.opts.makeLoaders, {
      requestId: 'reminders',
      account: null,
      logger: this.opts.logger,
      clientAddress: 'internal',
    });
  }
}
