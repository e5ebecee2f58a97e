import { createHmac } from 'node:crypto';
import { AppError, conflict, ErrorCode } from '../../common/errors';
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
import { toLocalDate } from './legal-calendar';
import type { DeadlinePolicy, ReportSecrets } from './reports.ports';

/** Which legal period runs in each handling stage; null when nothing is due any more. */
function stageOf(report: Pick<Report, 'status' | 'source' | 'publicReply'>): DeadlineStage | null {
  const press = report.source === ReportSource.PRESS;
  switch (report.status) {
    case ReportStatus.RECEIVED:
    case ReportStatus.CLASSIFIED:
      return press ? 'PRESS_REPLY' : 'ACCEPTANCE';
    case ReportStatus.ACCEPTED:
    case ReportStatus.UNDER_VERIFICATION:
    case ReportStatus.CONCLUDED:
      return press ? 'PRESS_REPLY' : 'RESOLUTION';
    case ReportStatus.MERGED:
      // A merged press report keeps its own reply duty (Luật Báo chí Art. 39) until it is answered.
      return press && report.publicReply === null ? 'PRESS_REPLY' : null;
    case ReportStatus.NOT_ACCEPTED:
    case ReportStatus.TRANSFERRED:
    case ReportStatus.CLOSED:
    case ReportStatus.INFORMATION:
    case ReportStatus.INFORMATION_USED:
    case ReportStatus.INFORMATION_FILED:
      return null;
  }
}

/** The Vietnamese day of a stored instant or date column. */
function dayOf(value: Date | string): string {
  return typeof value === 'string' ? value : toLocalDate(value);
}

/** Vietnamese messages for the extension rules of deadline-rules.ts, by their `reason`. */
const EXTENSION_MESSAGES: Record<string, (d: Record<string, unknown>, days: number) => string> = {
  EXTENSION_NOT_ALLOWED: () =>
    'Quy định về thời hạn giải quyết loại đơn này không cho phép gia hạn (chỉ tố cáo được gia hạn, Luật Tố cáo Điều 30).',
  EXTENSION_COMPLEXITY: (d) =>
    `Chỉ vụ việc phức tạp hoặc đặc biệt phức tạp mới được gia hạn (Luật Tố cáo Điều 30); vụ việc này đang là ${String(d['complexity'])}: xác định mức độ phức tạp trước.`,
  EXTENSION_TOO_MANY: (d) =>
    `Đã gia hạn đủ số lần cho phép: vụ việc ${String(d['complexity'])} chỉ được gia hạn tối đa ${String(d['maxExtensions'])} lần (Luật Tố cáo Điều 30).`,
  EXTENSION_TOO_LONG: (d, days) => {
    // The rule set in force states the limit (its field problem reads "tối đa là N"), not this text.
    const fields = d['fields'] as { message?: string }[] | undefined;
    const max = /\d+/.exec(fields?.[0]?.message ?? '')?.[0];
    return `Gia hạn ${days} ngày vượt quá mức cho phép: mỗi lần gia hạn không quá ${max ?? 30} ngày theo quy định đang áp dụng (Luật Tố cáo Điều 30).`;
  },
  EXTENSION_DAYS_INVALID: () => 'Số ngày gia hạn phải là số nguyên, ít nhất 1 ngày.',
  EXTENSION_AFTER_DEADLINE: (d) =>
    `Quyết định gia hạn ngày ${String(d['decidedOn'])} sau khi thời hạn giải quyết (${String(d['dueOn'])}) đã hết: chỉ gia hạn được trước khi hết hạn.`,
  DATE_BEFORE_PREDECESSOR: () => 'Ngày quyết định gia hạn không được trước ngày thụ lý hoặc trước quyết định gia hạn trước đó.',
};

/** Re-raises an extension refusal of the rules with a Vietnamese message, keeping code and details. */
function inVietnamese(e: unknown, days: number): never {
  if (e instanceof AppError) {
    const reason = e.details['reason'];
    const say = typeof reason === 'string' ? EXTENSION_MESSAGES[reason] : undefined;
    if (say) {
      const fields = e.code === ErrorCode.BAD_USER_INPUT ? [{ path: 'input.days', message: e.message }] : undefined;
      throw new AppError(e.code, say(e.details, days), { ...e.details, ...(fields ? { fields } : {}), rule: e.message });
    }
  }
  throw e;
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
      stageStartedAt:
        stage === 'RESOLUTION'
          ? (report.acceptedOn ?? (report.acceptedAt ? dayOf(report.acceptedAt) : dayOf(report.stageStartedAt)))
          : report.stageStartedAt,
      complexity: report.complexity,
      remote: report.remoteArea,
      extensions:
        stage === 'RESOLUTION'
          ? extensions.map((e) => ({
              decidedAt: e.decidedOn ?? e.decidedAt,
              days: e.days,
              decisionNo: e.decisionNumber ?? undefined,
            }))
          : [],
    };
  }

  dueAt(report: Report, extensions: readonly ReportExtension[]): Date | null {
    const stage = stageOf(report);
    let due: Date | null = null;
    try {
      due = stage ? dueDate(this.input(report, extensions, stage), this.ruleSets, this.calendar).dueAt : null;
    } catch (e) {
      inVietnamese(e, 0);
    }
    // A press report merged into this one keeps its reply deadline here while this one is open.
    const pressDue = report.status === ReportStatus.MERGED ? null : report.mergedPressDueAt;
    if (due && pressDue && pressDue < due) return pressDue;
    return due;
  }

  remoteAreaApplies(report: Report): boolean {
    const kind = report.source === ReportSource.PRESS ? 'PRESS' : report.kind;
    const set = this.ruleSets.find((s) => s.id === report.ruleSetId) ?? ruleSetInForce(report.receivedAt, this.ruleSets);
    return !!set.rules[kind]?.RESOLUTION?.remote;
  }

  forwardingDueAt(report: Report): Date | null {
    const kind = report.source === ReportSource.PRESS ? 'PRESS' : report.kind;
    const set = this.ruleSets.find((s) => s.id === report.ruleSetId) ?? ruleSetInForce(report.receivedAt, this.ruleSets);
    if (!set.rules[kind]?.TRANSFER) return null;
    return dueDate({ kind, stage: 'TRANSFER', receivedAt: report.receivedAt }, this.ruleSets, this.calendar).dueAt;
  }

  assertExtensionAllowed(report: Report, extensions: readonly ReportExtension[], days: number, decidedOn: string): void {
    if (stageOf(report) !== 'RESOLUTION' || report.source === ReportSource.PRESS) {
      throw conflict(
        `Chỉ gia hạn được thời hạn giải quyết của đơn đã thụ lý (Luật Tố cáo Điều 30); đơn này đang ở bước ${report.status}.`,
        { reason: 'EXTENSION_NOT_ALLOWED', status: report.status },
      );
    }
    try {
      validateExtension(
        this.input(report, extensions, 'RESOLUTION'),
        { decidedAt: decidedOn, days },
        this.ruleSets,
        this.calendar,
      );
    } catch (e) {
      inVietnamese(e, days);
    }
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

  seal(value: string, table: string, column: string, rowId: string, dataKey?: Buffer): string {
    return this.cipher.encrypt(value, { table, column, rowId }, dataKey);
  }

  open(sealed: string, table: string, column: string, rowId: string, dataKey?: Buffer | null): string {
    return this.cipher.decrypt(sealed, { table, column, rowId }, dataKey);
  }

  newDataKey(reportId: string): { key: Buffer; wrapped: string } {
    return this.cipher.newDataKey(reportId);
  }

  unwrapDataKey(wrapped: string, reportId: string): Buffer {
    return this.cipher.unwrapDataKey(wrapped, reportId);
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
