/**
 * A rule-data document (deadline rules, holiday calendar, discipline or quality rules) that does not
 * hold. The message is Vietnamese, for the staff who edit the data: `<label>: <path>: <problem>`,
 * where the path names the offending entry (`ruleSets[1] (vn-2026-07).rules.COMPLAINT.ACCEPTANCE.days`).
 * `code` is a stable name of the broken rule (`DAYS_OUT_OF_RANGE`, `UNKNOWN_FIELD` …) for a
 * frontend or a script that chooses its own words.
 */
export class RuleDataError extends Error {
  constructor(
    readonly label: string,
    readonly path: string,
    readonly code: string,
    readonly problem: string,
  ) {
    super(`${label}: ${path}: ${problem}`);
    this.name = 'RuleDataError';
  }
}
