import { createHmac } from 'node:crypto';
import { conflict } from '../../common/errors';
import type { IdentityCipher } from './identity-cipher';
import { generateReceiptCode, normalizeReceiptCode, receiptLookupKey } from './receipt-code';
import type { HolidayCalendar } from './legal-calendar';
import {
  type DeadlineInput,
  type DeadlineStage,
  dueDate,
  type RuleSet,
  ruleSetInForce,
  validateExtension,
} from './deadline-rules';
import type { ReportExtension } from './report-extension.entity';
import type { Report } from './report.entity';
import { ReportSource, ReportStatus } from './report.enums';
import type { DeadlinePolicy, ReportSecrets } from './reports.ports';

/** Which legal period runs in each handling stage; null when nothing is due any more. */
function stageOf(report: Pick<Report, 'status' | 'source'>): DeadlineStage | null {
  const press = report.source === ReportSource.PRESS;
  switch (report.status) {
    case ReportStatus.RECEIVED:
    case ReportStatus.CLASSIFIED:
      return press ? 'PRESS_REPLY' : 'ACCEPTANCE';
    case ReportStatus.ACCEPTED:
    case ReportStatus.UNDER_VERIFICATION:
    case ReportStatus.CONCLUDED:
      return press ? 'PRESS_REPLY' : 'RESOLUTION';
    case ReportStatus.NOT_ACCEPTED:
    case ReportStatus.TRANSFERRED:
    case ReportStatus.CLOSED:
    case ReportStatus.MERGED:
      return null;
  }
}

/**
 * The legal deadlines applied to reports: the dated rule sets and the holiday calendar, fixed
 * (the bundled files, for the demo generator and unit tests) or read on every use from the
 * rule catalog the database feeds (src/modules/rules), so that a change needs no release.
 */
export class RuleBasedDeadlines implements DeadlinePolicy {
  private readonly sets: () => readonly RuleSet[];
  private readonly days: () => HolidayCalendar;

  constructor(ruleSets: readonly RuleSet[] | (() => readonly RuleSet[]), calendar: HolidayCalendar | (() => HolidayCalendar)) {
    this.sets = typeof ruleSets === 'function' ? ruleSets : () => ruleSets;
    this.days = typeof calendar === 'function' ? calendar : () => calendar;
  }

  private get ruleSets(): readonly RuleSet[] {
    return this.sets();
  }

  private get calendar(): HolidayCalendar {
    return this.days();
  }

  ruleSetIdFor(receivedAt: Date): string {
    return ruleSetInForce(receivedAt, this.ruleSets).id;
  }

  private input(report: Report, extensions: readonly ReportExtension[], stage: DeadlineStage): DeadlineInput {
    return {
      kind: report.source === ReportSource.PRESS ? 'PRESS' : report.kind,
      stage,
      receivedAt: report.receivedAt,
      // The set recorded at receipt stays the report's, whatever sets are added later.
      ...(report.ruleSetId ? { ruleSetId: report.ruleSetId } : {}),
      stageStartedAt: stage === 'RESOLUTION' ? (report.acceptedAt ?? report.stageStartedAt) : report.stageStartedAt,
      complexity: report.complexity,
      remote: report.remoteArea,
      extensions:
        stage === 'RESOLUTION'
          ? extensions.map((e) => ({ decidedAt: e.decidedAt, days: e.days, decisionNo: e.decisionNumber ?? undefined }))
          : [],
    };
  }

  dueAt(report: Report, extensions: readonly ReportExtension[]): Date | null {
    const stage = stageOf(report);
    return stage ? dueDate(this.input(report, extensions, stage), this.ruleSets, this.calendar).dueAt : null;
  }

  assertExtensionAllowed(report: Report, extensions: readonly ReportExtension[], days: number): void {
    if (stageOf(report) !== 'RESOLUTION' || report.source === ReportSource.PRESS) {
      throw conflict(
        `Only the resolution period of an accepted report can be extended (Luật Tố cáo Art. 30, Luật Khiếu nại Art. 28); this report is ${report.status}`,
      );
    }
    validateExtension(
      this.input(report, extensions, 'RESOLUTION'),
      { decidedAt: new Date(), days },
      this.ruleSets,
      this.calendar,
    );
  }
}

/** Identity sealing (AES-256-GCM, bound to table, column and row) and receipt codes (keyed hashes). */
export class SealedReportSecrets implements ReportSecrets {
  private readonly receiptKeyBytes: Buffer;

  constructor(
    private readonly cipher: IdentityCipher,
    receiptSecret: string,
  ) {
    this.receiptKeyBytes = Buffer.from(receiptSecret, 'utf8');
  }

  seal(value: string, table: string, column: string, rowId: string): string {
    return this.cipher.encrypt(value, { table, column, rowId });
  }

  open(sealed: string, table: string, column: string, rowId: string): string {
    return this.cipher.decrypt(sealed, { table, column, rowId });
  }

  newReceiptCode(): string {
    return generateReceiptCode();
  }

  normalizeReceipt(input: string): string | null {
    return normalizeReceiptCode(input);
  }

  receiptKey(code: string): string {
    // A malformed code is hashed too, so it costs the same as a well-formed unknown one.
    return (
      receiptLookupKey(code, this.receiptKeyBytes) ??
      createHmac('sha256', this.receiptKeyBytes).update(`invalid:${code}`).digest('hex')
    );
  }
}
