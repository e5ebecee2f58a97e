import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../common/logger';
import { todayInVietnam } from '../../common/validation';
import { BoardEventType } from '../board/board-event.types';
import { recordEvent } from '../../events/event-writer';
import type { RequestContext } from '../../graphql/context';
import { type LoaderFactory, transactionContext } from '../../graphql/request-context';
import { Ticker } from '../board/ticker';
import { lastEndedPeriod, PeriodKind } from './period';
import type { PeriodicReportsService } from './periodic-reports.service';
import { templateOn } from './report-templates';

export interface PeriodicReportSchedulerOptions {
  /** PERIODIC_REPORT_CHECK_INTERVAL_MS; 0: `start()` does nothing. */
  intervalMs: number;
  /** Periods that ended longer ago than this get no draft when first seen (a first start does not fill the board with old periods). */
  lookbackDays?: number;
  logger: Logger;
  makeLoaders: LoaderFactory;
  ringDoorbell?: (() => void) | undefined;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Prepares each period's draft of every template the day after the period ends, and puts a
 * PERIODIC_REPORT_READY item ("Báo cáo kỳ này đã sẵn sàng") on the board. Every instance runs it
 * on a timer; the unique row of `periodic_report_draft` makes it happen once (see the entity).
 */
export class PeriodicReportScheduler {
  private readonly ticker: Ticker;
  readonly stats = { runs: 0, drafts: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly service: PeriodicReportsService,
    private readonly opts: PeriodicReportSchedulerOptions,
    private readonly clock: () => string = () => todayInVietnam(),
  ) {
    this.ticker = new Ticker('periodic-reports', Math.max(opts.intervalMs, 1), () => this.runOnce(), opts.logger);
  }

  start(): void {
    if (this.opts.intervalMs > 0) this.ticker.start(0);
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  /** One pass: the drafts of every period that ended and has none yet; returns how many it prepared. */
  async runOnce(today: string = this.clock()): Promise<number> {
    const oldest = new Date(Date.parse(`${today}T00:00:00Z`) - (this.opts.lookbackDays ?? 31) * DAY_MS)
      .toISOString()
      .slice(0, 10);
    const codes = [...new Set(this.service.templates.map((t) => t.code))];
    let made = 0;
    for (const code of codes)
      for (const kind of Object.values(PeriodKind)) {
        const period = lastEndedPeriod(kind, today);
        if (!period || period.to < oldest) continue;
        let template;
        try {
          template = templateOn(this.service.templates, code, period.to);
        } catch {
          continue; // the template was not in force then
        }
        const wrote = await this.dataSource.transaction(async (manager) => {
          const inserted = (await manager.query(
            `INSERT INTO periodic_report_draft (template_code, template_version, period_kind, year, number, period_from, period_to)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
            [code, template.id, kind, period.year, period.number, period.from, period.to],
          )) as Array<{ id: string }>;
          const id = inserted[0]?.id;
          if (!id) return false;
          const ctx = this.context(manager);
          const view = await this.service.build(ctx, template, period, null);
          await manager.query(`UPDATE periodic_report_draft SET tables = $2::jsonb WHERE id = $1`, [
            id,
            JSON.stringify(view.tables),
          ]);
          await recordEvent(ctx, BoardEventType.PERIODIC_REPORT_READY, {
            draftId: id,
            template: code,
            periodKind: kind,
            year: period.year,
            number: period.number,
            from: period.from,
            to: period.to,
            title: `Báo cáo kỳ này đã sẵn sàng: ${template.subtitle.toLowerCase()} ${view.periodLabel}`,
          });
          return true;
        });
        if (wrote) {
          made++;
          this.opts.ringDoorbell?.();
        }
      }
    this.stats.runs++;
    this.stats.drafts += made;
    if (made) this.opts.logger.info({ drafts: made }, 'periodic report drafts prepared');
    return made;
  }

  private context(manager: EntityManager): RequestContext {
    return transactionContext(manager, this.opts.makeLoaders, {
      requestId: 'periodic-reports',
      account: null,
      logger: this.opts.logger,
      clientAddress: 'internal',
    });
  }
}
