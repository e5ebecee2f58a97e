import type { ReportExtension } from './report-extension.entity';
import type { Report } from './report.entity';

/** The legal deadlines, as dated rule data (see reports.policies.ts). */
export interface DeadlinePolicy {
  /** Id of the rule set in force on the day a report was received. */
  ruleSetIdFor(receivedAt: Date): string;
  /**
   * Due date of the report's current stage, or null when nothing is due any more; never later than
   * the reply deadline of a press report merged into it. A set of extensions the rule no longer
   * allows (complexity lowered after them) throws CONFLICT naming the rule.
   */
  dueAt(report: Report, extensions: readonly ReportExtension[]): Date | null;
  /** Throws BAD_USER_INPUT/CONFLICT naming the rule (Vietnamese message, `reason`) when one more extension is not allowed. */
  assertExtensionAllowed(report: Report, extensions: readonly ReportExtension[], days: number, decidedOn: string): void;
  /** The report's kind has remote-area periods in the rule set it follows (Luật Khiếu nại Art. 28). */
  remoteAreaApplies(report: Report): boolean;
  /** The last instant to forward a report the ward is not competent for (the TRANSFER rule), or null when the kind has none. */
  forwardingDueAt(report: Report): Date | null;
}

/** Sealing of reporters' identities and receipt codes (see reports.policies.ts). */
export interface ReportSecrets {
  /** Seals under the report's data key when given (`v2`), else under the keyring (`v1`). */
  seal(value: string, table: string, column: string, rowId: string, dataKey?: Buffer): string;
  /** Opens a `v1` value, or a `v2` one with its report's data key (DATA_KEY_MISSING without). */
  open(sealed: string, table: string, column: string, rowId: string, dataKey?: Buffer | null): string;
  /** A fresh data key for a report and its wrapped form for `report_data_key`. */
  newDataKey(reportId: string): { key: Buffer; wrapped: string };
  /** A report's data key from its wrapped form. */
  unwrapDataKey(wrapped: string, reportId: string): Buffer;
  newReceiptCode(): string;
  /** The canonical code, or null when it is malformed or its check character is wrong. */
  normalizeReceipt(input: string): string | null;
  /** Keyed hash stored instead of the code. */
  receiptKey(code: string): string;
}
