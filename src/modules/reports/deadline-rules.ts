import { badInput, conflict } from '../../common/errors';
import { RuleDataError } from '../../common/rule-data-error';
import deadlineRulesData from './data/deadline-rules.json';
import {
  addCalendarDays,
  addWorkingDays,
  endOfLocalDay,
  isIsoDate,
  toLocalDate,
  type HolidayCalendar,
  type IsoDate,
} from './legal-calendar';

/**
 * Legal deadlines for reports from the public and the press, kept as dated data
 * (`data/deadline-rules.json`) because the texts behind them change often. A report follows the
 * rule set in force on the Vietnamese day it was received, so adding a set never moves the due
 * dates of reports received before it.
 */

export const REPORT_KINDS = ['COMPLAINT', 'DENUNCIATION', 'PETITION', 'FEEDBACK', 'PRESS'] as const;
/** khiếu nại, tố cáo, kiến nghị, phản ánh, and a press request for an answer. */
export type ReportKind = (typeof REPORT_KINDS)[number];

export const DEADLINE_STAGES = ['ACCEPTANCE', 'RESOLUTION', 'PRESS_REPLY', 'TRANSFER'] as const;
/** thụ lý / classify; giải quyết; reply on the press; forward to the competent body. */
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

export const COMPLEXITIES = ['ORDINARY', 'COMPLEX', 'ESPECIALLY_COMPLEX'] as const;
/**
 * How hard the case is, as decided by the person handling it. For a denunciation's ACCEPTANCE
 * stage, COMPLEX means "checks are needed" (Luật Tố cáo Art. 24(1)).
 */
export type Complexity = (typeof COMPLEXITIES)[number];

export type DayUnit = 'WORKING' | 'CALENDAR';
/** RECEIPT: counted from the day the report was received; STAGE_START: from the day the stage started. */
export type PeriodStart = 'RECEIPT' | 'STAGE_START';

/** How far a case of one complexity may be extended, each extension a written decision. */
export interface ExtensionAllowance {
  maxExtensions: number;
  /** Each extension adds at most this many days (in the rule's unit) to the deadline in force. */
  maxDaysEach: number;
}

export interface DeadlineRule {
  days: number;
  unit: DayUnit;
  from: PeriodStart;
  /** A longer period allowed for a complex case without an extension decision (Luật Khiếu nại Art. 28). */
  complexDays?: number;
  /** Periods for remote and hard-to-reach areas (vùng sâu, vùng xa, đi lại khó khăn). */
  remote?: { days: number; complexDays?: number };
  /** Extensions by decision (Luật Tố cáo Art. 30). No entry: the deadline cannot be extended. */
  extensions?: { complex?: ExtensionAllowance; especiallyComplex?: ExtensionAllowance };
  /** The legal text (or the ward's own process) the rule comes from. */
  citation: string;
  /** Our reading, an analogy, or an unconfirmed change: to be confirmed by the ward's legal officer. */
  unsure: boolean;
  note?: string;
}

export interface RuleSet {
  id: string;
  /** First Vietnamese day on which reports received follow this set. */
  effectiveFrom: IsoDate;
  /** Legal citations of the set as a whole. */
  source: string;
  unsure: boolean;
  /**
   * What happens when a period counted in calendar days ends on a weekend or holiday:
   * NEXT_WORKING_DAY follows Civil Code 2015 Art. 148(5); KEEP ends it on that day.
   */
  calendarDeadlineOnDayOff: 'KEEP' | 'NEXT_WORKING_DAY';
  rules: Partial<Record<ReportKind, Partial<Record<DeadlineStage, DeadlineRule>>>>;
}

// ---------------------------------------------------------------------------------------------
// Loading and validating rule sets

type Obj = Record<string, unknown>;

/**
 * Checks and freezes rule sets shaped like `data/deadline-rules.json` (`{ ruleSets: [...] }`), and
 * returns them ordered by `effectiveFrom`. A problem is reported with the path of the offending
 * entry, e.g. `ruleSets[1] (vn-2026-07).rules.COMPLAINT.ACCEPTANCE.days: phải là số ngày nguyên từ 1 đến 366`, in a
 * {@link RuleDataError} whose `code` names the broken rule.
 */
export function parseRuleSets(data: unknown, label = 'quy tắc thời hạn'): readonly RuleSet[] {
  const fail = (where: string, code: string, message: string) => new RuleDataError(label, where, code, message);
  const object = (value: unknown, where: string, keys: { required: string[]; optional: string[] }): Obj => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw fail(where, 'NOT_OBJECT', 'phải là một đối tượng JSON { … }');
    const o = value as Obj;
    const allowed = [...keys.required, ...keys.optional];
    for (const k of Object.keys(o))
      if (!allowed.includes(k))
        throw fail(where, 'UNKNOWN_FIELD', `trường "${k}" không có trong mẫu (các trường được dùng: ${allowed.join(', ')})`);
    for (const k of keys.required) if (o[k] === undefined) throw fail(where, 'REQUIRED', `thiếu trường bắt buộc "${k}"`);
    return o;
  };
  const days = (value: unknown, where: string): number => {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 366)
      throw fail(where, 'DAYS_OUT_OF_RANGE', 'phải là số ngày nguyên từ 1 đến 366');
    return value as number;
  };
  const text = (value: unknown, where: string): string => {
    if (typeof value !== 'string' || value.trim() === '')
      throw fail(where, 'TEXT_REQUIRED', 'phải là một đoạn chữ, không để trống');
    return value;
  };
  const flag = (value: unknown, where: string): boolean => {
    if (value === undefined) return false;
    if (typeof value !== 'boolean') throw fail(where, 'NOT_BOOLEAN', 'phải là true (đúng) hoặc false (sai)');
    return value;
  };
  const oneOf = <T extends string>(value: unknown, options: readonly T[], where: string): T => {
    if (!options.includes(value as T)) throw fail(where, 'NOT_IN_LIST', `phải là một trong các giá trị: ${options.join(', ')}`);
    return value as T;
  };
  const allowance = (value: unknown, where: string): ExtensionAllowance => {
    const o = object(value, where, { required: ['maxExtensions', 'maxDaysEach'], optional: [] });
    const max = o['maxExtensions'];
    if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 10)
      throw fail(`${where}.maxExtensions`, 'COUNT_OUT_OF_RANGE', 'phải là số nguyên từ 1 đến 10');
    return { maxExtensions: max as number, maxDaysEach: days(o['maxDaysEach'], `${where}.maxDaysEach`) };
  };
  const rule = (value: unknown, where: string): DeadlineRule => {
    const o = object(value, where, {
      required: ['days', 'unit', 'from', 'citation'],
      optional: ['complexDays', 'remote', 'extensions', 'unsure', 'note'],
    });
    const r: DeadlineRule = {
      days: days(o['days'], `${where}.days`),
      unit: oneOf(o['unit'], ['WORKING', 'CALENDAR'] as const, `${where}.unit`),
      from: oneOf(o['from'], ['RECEIPT', 'STAGE_START'] as const, `${where}.from`),
      citation: text(o['citation'], `${where}.citation`),
      unsure: flag(o['unsure'], `${where}.unsure`),
    };
    if (o['note'] !== undefined) r.note = text(o['note'], `${where}.note`);
    if (o['complexDays'] !== undefined) {
      r.complexDays = days(o['complexDays'], `${where}.complexDays`);
      if (r.complexDays < r.days)
        throw fail(`${where}.complexDays`, 'SHORTER_THAN_BASE', `không được ngắn hơn days (${r.days} ngày)`);
    }
    if (o['remote'] !== undefined) {
      const ro = object(o['remote'], `${where}.remote`, { required: ['days'], optional: ['complexDays'] });
      const remote: { days: number; complexDays?: number } = { days: days(ro['days'], `${where}.remote.days`) };
      if (remote.days < r.days)
        throw fail(`${where}.remote.days`, 'SHORTER_THAN_BASE', `không được ngắn hơn days (${r.days} ngày)`);
      if (ro['complexDays'] !== undefined) {
        remote.complexDays = days(ro['complexDays'], `${where}.remote.complexDays`);
        if (remote.complexDays < remote.days)
          throw fail(`${where}.remote.complexDays`, 'SHORTER_THAN_BASE', `không được ngắn hơn remote.days (${remote.days} ngày)`);
      }
      r.remote = remote;
    }
    if (o['extensions'] !== undefined) {
      const eo = object(o['extensions'], `${where}.extensions`, { required: [], optional: ['complex', 'especiallyComplex'] });
      const ext: NonNullable<DeadlineRule['extensions']> = {};
      if (eo['complex'] !== undefined) ext.complex = allowance(eo['complex'], `${where}.extensions.complex`);
      if (eo['especiallyComplex'] !== undefined)
        ext.especiallyComplex = allowance(eo['especiallyComplex'], `${where}.extensions.especiallyComplex`);
      if (!ext.complex && !ext.especiallyComplex)
        throw fail(
          `${where}.extensions`,
          'EXTENSIONS_EMPTY',
          'không nêu mức gia hạn nào: bỏ trường này hoặc thêm complex / especiallyComplex',
        );
      r.extensions = ext;
    }
    return r;
  };

  const root = object(data, 'root', { required: ['ruleSets'], optional: ['description'] });
  const list = root['ruleSets'];
  if (!Array.isArray(list) || list.length === 0)
    throw fail('ruleSets', 'LIST_EMPTY', 'phải là một danh sách có ít nhất một bộ quy tắc');
  const sets = list.map((raw: unknown, i): RuleSet => {
    const peekId = typeof raw === 'object' && raw !== null ? (raw as Obj)['id'] : undefined;
    const where = `ruleSets[${i}]${typeof peekId === 'string' ? ` (${peekId})` : ''}`;
    const o = object(raw, where, {
      required: ['id', 'effectiveFrom', 'source', 'calendarDeadlineOnDayOff', 'rules'],
      optional: ['unsure', 'description'],
    });
    const id = o['id'];
    if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(id))
      throw fail(`${where}.id`, 'INVALID_ID', 'phải là một mã ngắn viết thường, ví dụ vn-2026-07');
    if (!isIsoDate(o['effectiveFrom']))
      throw fail(`${where}.effectiveFrom`, 'DATE_FORMAT', 'phải là một ngày có thật viết theo dạng YYYY-MM-DD');
    const rulesObj = object(o['rules'], `${where}.rules`, { required: [], optional: [...REPORT_KINDS] });
    const rules: RuleSet['rules'] = {};
    for (const kind of REPORT_KINDS) {
      if (rulesObj[kind] === undefined) continue;
      const stages = object(rulesObj[kind], `${where}.rules.${kind}`, { required: [], optional: [...DEADLINE_STAGES] });
      const byStage: Partial<Record<DeadlineStage, DeadlineRule>> = {};
      for (const stage of DEADLINE_STAGES) {
        if (stages[stage] !== undefined) byStage[stage] = rule(stages[stage], `${where}.rules.${kind}.${stage}`);
      }
      rules[kind] = byStage;
    }
    return deepFreeze({
      id,
      effectiveFrom: o['effectiveFrom'],
      source: text(o['source'], `${where}.source`),
      unsure: flag(o['unsure'], `${where}.unsure`),
      calendarDeadlineOnDayOff: oneOf(
        o['calendarDeadlineOnDayOff'],
        ['KEEP', 'NEXT_WORKING_DAY'] as const,
        `${where}.calendarDeadlineOnDayOff`,
      ),
      rules,
    });
  });
  const seenIds = new Set<string>();
  const seenDates = new Map<string, string>();
  for (const s of sets) {
    if (seenIds.has(s.id)) throw fail(`ruleSets (${s.id})`, 'DUPLICATE_ID', 'mã bộ quy tắc bị dùng hai lần');
    seenIds.add(s.id);
    const other = seenDates.get(s.effectiveFrom);
    if (other)
      throw fail(
        `ruleSets (${s.id})`,
        'SAME_EFFECTIVE_DATE',
        `có hiệu lực từ ${s.effectiveFrom} giống bộ ${other}: không xác định được bộ nào áp dụng`,
      );
    seenDates.set(s.effectiveFrom, s.id);
  }
  return Object.freeze([...sets].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

let defaultSets: readonly RuleSet[] | undefined;

/** The rule sets of `data/deadline-rules.json`, validated once. */
export function defaultRuleSets(): readonly RuleSet[] {
  defaultSets ??= parseRuleSets(deadlineRulesData, 'data/deadline-rules.json');
  return defaultSets;
}

// ---------------------------------------------------------------------------------------------
// Choosing the rule set and computing due dates

/**
 * The rule set in force on the Vietnamese day of `date`: the one with the latest `effectiveFrom`
 * on or before it. Throws when no set was in force yet.
 */
export function ruleSetInForce(date: Date | IsoDate, ruleSets: readonly RuleSet[]): RuleSet {
  const day = toLocalDate(date);
  let found: RuleSet | undefined;
  for (const s of ruleSets) if (s.effectiveFrom <= day && (!found || s.effectiveFrom > found.effectiveFrom)) found = s;
  if (!found) {
    const first = [...ruleSets].map((s) => s.effectiveFrom).sort()[0];
    throw badInput(
      `Ngày ${day} chưa có bộ quy tắc thời hạn nào có hiệu lực; bộ sớm nhất có hiệu lực từ ${first ?? '(chưa nạp bộ nào)'}`,
      [],
      'NO_RULE_SET_IN_FORCE',
    );
  }
  return found;
}

/** A written decision extending a deadline (quyết định gia hạn). */
export interface ExtensionDecision {
  /** When the decision was signed; it must be on or before the deadline it extends. */
  decidedAt: Date | IsoDate;
  /** Days added to the deadline in force, in the rule's unit. */
  days: number;
  /** The decision's number, quoted in error messages when given. */
  decisionNo?: string;
}

export interface DeadlineInput {
  kind: ReportKind;
  stage: DeadlineStage;
  /** When the report reached the ward; chooses the rule set, and starts periods counted from RECEIPT. */
  receivedAt: Date | string;
  /**
   * The rule set the report recorded when it was received: it keeps it, whatever sets are added
   * later. Without it (or when no set has that id), the set in force on the day of receipt.
   */
  ruleSetId?: string;
  /** When the stage started (for RESOLUTION: the acceptance decision); needed by rules counted from STAGE_START. */
  stageStartedAt?: Date | string;
  complexity?: Complexity;
  /** The reporter lives in a remote or hard-to-reach area. */
  remote?: boolean;
  /** Extension decisions already taken, oldest first. */
  extensions?: readonly ExtensionDecision[];
}

export interface Deadline {
  /** The last instant to act: 23:59:59.999 in Vietnam (+07:00) on {@link Deadline.dueOn}. */
  dueAt: Date;
  /** The Vietnamese day of the deadline. */
  dueOn: IsoDate;
  /** The day the period started from (receipt or stage start); it is not counted. */
  startedOn: IsoDate;
  /** The deadline before any extension. */
  baseDueOn: IsoDate;
  /** The period applied before extensions (complex and remote periods included). */
  periodDays: number;
  /** Days added by extension decisions. */
  extensionDays: number;
  ruleSetId: string;
  rule: DeadlineRule;
}

/** The Vietnamese words for a report kind, a deadline stage and a complexity, in the refusals below. */
const KIND_WORDS: Record<ReportKind, string> = {
  COMPLAINT: 'đơn khiếu nại',
  DENUNCIATION: 'đơn tố cáo',
  PETITION: 'đơn kiến nghị',
  FEEDBACK: 'đơn phản ánh',
  PRESS: 'vụ việc báo chí nêu',
};
const STAGE_WORDS: Record<DeadlineStage, string> = {
  ACCEPTANCE: 'thụ lý',
  RESOLUTION: 'giải quyết',
  PRESS_REPLY: 'trả lời báo chí',
  TRANSFER: 'chuyển đơn',
};
const COMPLEXITY_WORDS: Record<Complexity, string> = {
  ORDINARY: 'thông thường',
  COMPLEX: 'phức tạp',
  ESPECIALLY_COMPLEX: 'đặc biệt phức tạp',
};

function ruleLabel(set: RuleSet, kind: ReportKind, stage: DeadlineStage, rule: DeadlineRule): string {
  return `quy định thời hạn ${STAGE_WORDS[stage]} ${KIND_WORDS[kind]} của bộ quy tắc ${set.id} (${rule.citation})`;
}

function allowanceFor(rule: DeadlineRule, complexity: Complexity): ExtensionAllowance | undefined {
  if (complexity === 'COMPLEX') return rule.extensions?.complex;
  if (complexity === 'ESPECIALLY_COMPLEX') return rule.extensions?.especiallyComplex;
  return undefined;
}

function describeAllowances(rule: DeadlineRule): string {
  const parts: string[] = [];
  const e = rule.extensions;
  if (e?.complex) parts.push(`vụ việc phức tạp ${e.complex.maxExtensions} lần, mỗi lần không quá ${e.complex.maxDaysEach} ngày`);
  if (e?.especiallyComplex) {
    parts.push(
      `vụ việc đặc biệt phức tạp ${e.especiallyComplex.maxExtensions} lần, mỗi lần không quá ${e.especiallyComplex.maxDaysEach} ngày`,
    );
  }
  return parts.join(' và ');
}

/**
 * When a stage of a report is due.
 *
 * The rule comes from the set in force on the day of receipt. The period (complex and remote
 * variants included) is counted from the day after the start day; a period in calendar days that
 * ends on a day off moves to the next working day when the set says so (Civil Code Art. 148(5)).
 * Each extension decision then adds its days to the deadline in force at the time, and is checked
 * against the rule like {@link validateExtension} does.
 *
 * @throws AppError BAD_USER_INPUT when the rule is missing, a needed start is missing, or an
 *   extension is malformed; CONFLICT when an extension is not allowed by the rule.
 */
export function dueDate(input: DeadlineInput, ruleSets: readonly RuleSet[], calendar: HolidayCalendar): Deadline {
  const { kind, stage } = input;
  const receivedOn = toLocalDate(input.receivedAt);
  const set =
    (input.ruleSetId !== undefined ? ruleSets.find((s) => s.id === input.ruleSetId) : undefined) ??
    ruleSetInForce(receivedOn, ruleSets);
  const rule = set.rules[kind]?.[stage];
  if (!rule) {
    const stages = Object.keys(set.rules[kind] ?? {});
    throw badInput(
      `Bộ quy tắc ${set.id} không có thời hạn ${STAGE_WORDS[stage]} (${stage}) cho ${KIND_WORDS[kind]} (${kind})` +
        (stages.length ? ` (bộ này có: ${stages.join(', ')})` : ' (bộ này không có thời hạn nào cho loại đơn này)'),
      [],
      'NO_DEADLINE_RULE',
    );
  }
  let startedOn = receivedOn;
  if (rule.from === 'STAGE_START') {
    if (input.stageStartedAt === undefined) {
      throw badInput(
        `Thời hạn ${STAGE_WORDS[stage]} ${KIND_WORDS[kind]} tính từ ngày bắt đầu bước xử lý: hãy nêu stageStartedAt`,
        [{ path: 'stageStartedAt', message: 'bắt buộc với bước xử lý này', code: 'REQUIRED' }],
        'STAGE_START_REQUIRED',
      );
    }
    startedOn = toLocalDate(input.stageStartedAt);
    if (startedOn < receivedOn) {
      throw badInput(
        `Bước ${STAGE_WORDS[stage]} không thể bắt đầu ngày ${startedOn}, trước ngày nhận đơn ${receivedOn}`,
        [{ path: 'stageStartedAt', message: 'trước ngày nhận đơn', code: 'BEFORE_RECEIPT' }],
        'DATE_BEFORE_PREDECESSOR',
      );
    }
  }

  const complexity = input.complexity ?? 'ORDINARY';
  const complex = complexity !== 'ORDINARY';
  let periodDays = complex && rule.complexDays !== undefined ? rule.complexDays : rule.days;
  if (input.remote && rule.remote)
    periodDays = complex && rule.remote.complexDays !== undefined ? rule.remote.complexDays : rule.remote.days;

  const advance = (from: IsoDate, n: number): IsoDate =>
    rule.unit === 'WORKING'
      ? addWorkingDays(from, n, calendar)
      : addCalendarDays(from, n, calendar, { onDayOff: set.calendarDeadlineOnDayOff });

  const baseDueOn = advance(startedOn, periodDays);
  let dueOn = baseDueOn;
  let extensionDays = 0;
  const extensions = input.extensions ?? [];
  extensions.forEach((decision, i) => {
    const label = `Lần gia hạn ${i + 1}${decision.decisionNo ? ` (quyết định số ${decision.decisionNo})` : ''}`;
    const what = ruleLabel(set, kind, stage, rule);
    if (!rule.extensions) {
      throw conflict(`${label}: ${what} không cho phép gia hạn; thời hạn vẫn là ngày ${dueOn}`, {
        ruleSetId: set.id,
        kind,
        stage,
        reason: 'EXTENSION_NOT_ALLOWED',
      });
    }
    const allowance = allowanceFor(rule, complexity);
    if (!allowance) {
      throw conflict(
        `${label}: ${what} chỉ cho gia hạn ${describeAllowances(rule)}; vụ việc này là vụ việc ${COMPLEXITY_WORDS[complexity]} (${complexity})`,
        {
          ruleSetId: set.id,
          kind,
          stage,
          complexity,
          reason: 'EXTENSION_COMPLEXITY',
        },
      );
    }
    if (i + 1 > allowance.maxExtensions) {
      throw conflict(
        `${label}: ${what} chỉ cho gia hạn vụ việc ${COMPLEXITY_WORDS[complexity]} tối đa ${allowance.maxExtensions} lần; ` +
          `thời hạn đã được gia hạn đến ngày ${dueOn} bằng ${i} quyết định`,
        { ruleSetId: set.id, kind, stage, complexity, maxExtensions: allowance.maxExtensions, reason: 'EXTENSION_TOO_MANY' },
      );
    }
    if (!Number.isSafeInteger(decision.days) || decision.days < 1) {
      throw badInput(
        `${label}: số ngày gia hạn phải là số nguyên, ít nhất 1 ngày (nhận được ${decision.days})`,
        [{ path: `extensions.${i}.days`, message: 'phải là số ngày nguyên, ít nhất 1 ngày', code: 'INVALID_DAYS' }],
        'EXTENSION_DAYS_INVALID',
      );
    }
    if (decision.days > allowance.maxDaysEach) {
      throw badInput(
        `${label}: ${decision.days} ngày dài hơn mức ${allowance.maxDaysEach} ngày mỗi lần mà ${what} cho phép với vụ việc ${COMPLEXITY_WORDS[complexity]}; thời hạn vẫn là ngày ${dueOn}`,
        [{ path: `extensions.${i}.days`, message: `tối đa là ${allowance.maxDaysEach}`, code: 'TOO_LARGE' }],
        'EXTENSION_TOO_LONG',
      );
    }
    const decidedOn = toLocalDate(decision.decidedAt);
    if (decidedOn < startedOn) {
      throw badInput(
        `${label}: quyết định ngày ${decidedOn}, trước khi bước ${STAGE_WORDS[stage]} bắt đầu ngày ${startedOn}`,
        [{ path: `extensions.${i}.decidedAt`, message: 'trước ngày bắt đầu bước xử lý', code: 'BEFORE_STAGE' }],
        'DATE_BEFORE_PREDECESSOR',
      );
    }
    const previous = i > 0 ? extensions[i - 1] : undefined;
    if (previous && decidedOn < toLocalDate(previous.decidedAt)) {
      throw badInput(
        `${label}: quyết định ngày ${decidedOn}, trước lần gia hạn trước đó (${toLocalDate(previous.decidedAt)}); hãy liệt kê các lần gia hạn theo thứ tự thời gian`,
        [{ path: `extensions.${i}.decidedAt`, message: 'sai thứ tự thời gian', code: 'OUT_OF_ORDER' }],
        'DATE_BEFORE_PREDECESSOR',
      );
    }
    if (decidedOn > dueOn) {
      throw conflict(
        `${label}: quyết định ngày ${decidedOn}, sau khi thời hạn ngày ${dueOn} đã hết; chỉ được gia hạn trước khi hết hạn`,
        {
          ruleSetId: set.id,
          kind,
          stage,
          dueOn,
          decidedOn,
          reason: 'EXTENSION_AFTER_DEADLINE',
        },
      );
    }
    // The extension runs from the deadline in force (already moved off a day off, if it was on one).
    dueOn = advance(dueOn, decision.days);
    extensionDays += decision.days;
  });

  return { dueAt: endOfLocalDay(dueOn), dueOn, startedOn, baseDueOn, periodDays, extensionDays, ruleSetId: set.id, rule };
}

/**
 * Checks a proposed extension decision against the rule and the extensions already taken, and
 * returns the deadline it would give. Refuses (AppError, message naming the rule, the limit and the
 * dates): a kind or stage whose rule has no extension, a complexity the rule does not extend, one
 * extension too many, too many days, a decision after the deadline had passed.
 */
export function validateExtension(
  input: DeadlineInput,
  proposed: ExtensionDecision,
  ruleSets: readonly RuleSet[],
  calendar: HolidayCalendar,
): Deadline {
  return dueDate({ ...input, extensions: [...(input.extensions ?? []), proposed] }, ruleSets, calendar);
}
