import { badInput } from '../../common/errors';
import { RuleDataError } from '../../common/rule-data-error';
import rulesData from './data/discipline-rules.json';
import { DECIDING_BODY_NAMES, DecidingBody, DisciplineForm, DisciplineSide, DisciplineSubjectType } from './discipline.enums';

type IsoDate = string;

export interface LimitationRule {
  citation: string;
  unsure: boolean;
  note?: string;
  /** Years from the violation per form; null = no limit. A form missing here is not allowed for that side. */
  years: Partial<Record<DisciplineForm, number | null>>;
}

export interface DisciplineRuleSet {
  id: string;
  effectiveFrom: IsoDate;
  source: string;
  forms: Record<DisciplineSubjectType, readonly DisciplineForm[]>;
  limitation: Record<DisciplineSide, LimitationRule>;
  appealWindowDays: { days: number; unsure: boolean; citation: string };
  notifyOtherSideDays: { days: number; citation: string };
  /** Party-side forms whose decision a STANDING_COMMITTEE account records. */
  standingCommitteeDecides: readonly DisciplineForm[];
  /** The bodies that may decide each allowed form, per subject type (configurable, medium confidence). */
  decidingBodies: {
    citation: string;
    unsure: boolean;
    note?: string;
    bySubject: Record<DisciplineSubjectType, Partial<Record<DisciplineForm, readonly DecidingBody[]>>>;
  };
}

/** Party subjects are disciplined by the Party; elected cadres and civil servants under State rules. */
export function sideOf(type: DisciplineSubjectType): DisciplineSide {
  return type === DisciplineSubjectType.ELECTED_CADRE || type === DisciplineSubjectType.CIVIL_SERVANT
    ? DisciplineSide.STATE
    : DisciplineSide.PARTY;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Checks and freezes rule sets shaped like `data/discipline-rules.json`; a problem names its path. */
export function parseDisciplineRuleSets(data: unknown, label = 'quy tắc kỷ luật'): readonly DisciplineRuleSet[] {
  const fail = (where: string, code: string, msg: string) => new RuleDataError(label, where, code, msg);
  const sets = (data as { ruleSets?: unknown }).ruleSets;
  if (!Array.isArray(sets) || !sets.length)
    throw fail('ruleSets', 'LIST_EMPTY', 'phải là một danh sách có ít nhất một bộ quy tắc');
  const forms = Object.values(DisciplineForm) as string[];
  const out = sets.map((raw: Record<string, unknown>, i) => {
    const at = `ruleSets[${i}]`;
    if (typeof raw['id'] !== 'string' || !raw['id'])
      throw fail(`${at}.id`, 'TEXT_REQUIRED', 'phải là một đoạn chữ, không để trống');
    if (typeof raw['effectiveFrom'] !== 'string' || !ISO.test(raw['effectiveFrom']))
      throw fail(`${at}.effectiveFrom`, 'DATE_FORMAT', 'phải là ngày viết theo dạng YYYY-MM-DD');
    const f = raw['forms'] as Record<string, unknown> | undefined;
    for (const t of Object.values(DisciplineSubjectType)) {
      const list = f?.[t];
      if (!Array.isArray(list) || !list.length)
        throw fail(`${at}.forms.${t}`, 'LIST_EMPTY', 'phải nêu ít nhất một hình thức kỷ luật');
      for (const x of list)
        if (!forms.includes(x as string))
          throw fail(`${at}.forms.${t}`, 'UNKNOWN_FORM', `không có hình thức kỷ luật ${String(x)}`);
    }
    const lim = raw['limitation'] as Record<string, Record<string, unknown>> | undefined;
    for (const side of Object.values(DisciplineSide)) {
      const years = lim?.[side]?.['years'] as Record<string, unknown> | undefined;
      if (!years) throw fail(`${at}.limitation.${side}.years`, 'REQUIRED', 'bắt buộc');
      for (const [form, y] of Object.entries(years)) {
        if (!forms.includes(form))
          throw fail(`${at}.limitation.${side}.years`, 'UNKNOWN_FORM', `không có hình thức kỷ luật ${form}`);
        if (y !== null && (!Number.isInteger(y) || (y as number) < 1 || (y as number) > 50))
          throw fail(
            `${at}.limitation.${side}.years.${form}`,
            'YEARS_OUT_OF_RANGE',
            'phải là số năm nguyên từ 1 đến 50, hoặc null nếu không có thời hiệu',
          );
      }
    }
    for (const key of ['appealWindowDays', 'notifyOtherSideDays']) {
      const d = (raw[key] as { days?: unknown } | undefined)?.days;
      if (!Number.isInteger(d) || (d as number) < 1 || (d as number) > 366)
        throw fail(`${at}.${key}.days`, 'DAYS_OUT_OF_RANGE', 'phải là số ngày nguyên từ 1 đến 366');
    }
    const bodies = Object.values(DecidingBody) as string[];
    const by = (raw['decidingBodies'] as { bySubject?: Record<string, Record<string, unknown>> } | undefined)?.bySubject;
    for (const t of Object.values(DisciplineSubjectType)) {
      for (const form of f![t] as string[]) {
        const list = by?.[t]?.[form];
        if (!Array.isArray(list) || !list.length)
          throw fail(
            `${at}.decidingBodies.bySubject.${t}.${form}`,
            'LIST_EMPTY',
            'phải nêu ít nhất một cấp có thẩm quyền quyết định cho mỗi hình thức được áp dụng',
          );
        for (const b of list)
          if (!bodies.includes(b as string))
            throw fail(`${at}.decidingBodies.bySubject.${t}.${form}`, 'UNKNOWN_BODY', `không có cấp quyết định ${String(b)}`);
      }
    }
    const appeal = raw['appealWindowDays'] as { days: number; unsure?: boolean; citation?: string };
    return {
      ...(raw as unknown as DisciplineRuleSet),
      appealWindowDays: { days: appeal.days, unsure: appeal.unsure === true, citation: appeal.citation ?? '' },
      decidingBodies: {
        ...(raw['decidingBodies'] as DisciplineRuleSet['decidingBodies']),
        unsure: (raw['decidingBodies'] as { unsure?: unknown }).unsure === true,
      },
      limitation: {
        PARTY: { ...(lim!['PARTY'] as unknown as LimitationRule), unsure: lim!['PARTY']!['unsure'] === true },
        STATE: { ...(lim!['STATE'] as unknown as LimitationRule), unsure: lim!['STATE']!['unsure'] === true },
      },
    } as DisciplineRuleSet;
  });
  return Object.freeze([...out].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)));
}

let cached: readonly DisciplineRuleSet[] | undefined;
export function defaultDisciplineRuleSets(): readonly DisciplineRuleSet[] {
  cached ??= parseDisciplineRuleSets(rulesData, 'data/discipline-rules.json');
  return cached;
}

/** The set in force on `day`: the latest `effectiveFrom` on or before it. */
export function disciplineRuleSetInForce(day: IsoDate, sets: readonly DisciplineRuleSet[]): DisciplineRuleSet {
  let found: DisciplineRuleSet | undefined;
  for (const s of sets) if (s.effectiveFrom <= day) found = s;
  if (!found)
    throw badInput(
      `Chưa có bộ quy tắc kỷ luật nào có hiệu lực vào ngày ${day}; bộ sớm nhất có hiệu lực từ ${sets[0]?.effectiveFrom ?? '(chưa có)'}`,
      [],
      'NO_RULE_SET_IN_FORCE',
    );
  return found;
}

/** `YYYY-MM-DD` plus whole years (29 February becomes 28 February in a common year). */
export function addYears(day: IsoDate, years: number): IsoDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export function addDays(day: IsoDate, days: number): IsoDate {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Refuses a form the rule set does not allow for this subject type, naming the allowed forms. */
export function assertFormAllowed(set: DisciplineRuleSet, type: DisciplineSubjectType, form: DisciplineForm, path: string): void {
  const allowed = set.forms[type];
  if (allowed.includes(form)) return;
  throw badInput(
    `Hình thức kỷ luật ${form} không áp dụng cho ${type} (bộ quy tắc ${set.id}: ${set.source}); các hình thức được áp dụng: ${allowed.join(', ')}`,
    [{ path, message: `chỉ: ${allowed.join(', ')}` }],
    'FORM_NOT_ALLOWED',
  );
}

/**
 * The last day on which a decision may be taken, or null when no limit applies. Refuses a
 * decision past it with the rule, the violation date and the last day.
 */
export function assertWithinLimitation(
  set: DisciplineRuleSet,
  type: DisciplineSubjectType,
  form: DisciplineForm,
  violationDate: IsoDate,
  decisionDate: IsoDate,
  exempt: string | null,
  newViolationDate: IsoDate | null = null,
): IsoDate | null {
  if (exempt) return null;
  const side = sideOf(type);
  const rule = set.limitation[side];
  const years = rule.years[form];
  if (years === null || years === undefined) return null;
  // A new violation within the period restarts the clock (69-QĐ/TW); one after it does not revive it.
  const restarted = !!newViolationDate && newViolationDate > violationDate && newViolationDate <= addYears(violationDate, years);
  const from = restarted ? newViolationDate : violationDate;
  const lastDay = addYears(from, years);
  if (decisionDate > lastDay) {
    const counted = restarted
      ? `vi phạm ngày ${violationDate}, tính lại từ vi phạm mới ngày ${from}`
      : `vi phạm ngày ${violationDate}`;
    throw badInput(
      `Đã hết thời hiệu xử lý kỷ luật: kỷ luật ${side} bằng hình thức ${form} phải quyết định trong ${years} năm kể từ khi vi phạm (${rule.citation}, bộ quy tắc ${set.id}${rule.unsure ? ', độ tin cậy trung bình' : ''}); ${counted}, thời hiệu hết ngày ${lastDay}, quyết định ghi ngày ${decisionDate}`,
      [{ path: 'input.decisionDate', message: `thời hiệu hết ngày ${lastDay}` }],
      'LIMITATION_PASSED',
    );
  }
  return lastDay;
}

/**
 * Refuses a deciding body the rule set does not name for this form and subject type
 * (DECIDING_BODY_NOT_ALLOWED), naming the bodies that may decide it.
 */
export function assertDecidingBody(
  set: DisciplineRuleSet,
  type: DisciplineSubjectType,
  form: DisciplineForm,
  body: DecidingBody,
  path: string,
): void {
  const allowed = set.decidingBodies.bySubject[type][form] ?? [];
  if (allowed.includes(body)) return;
  const names = allowed.map((b) => `${DECIDING_BODY_NAMES[b]} (${b})`).join(', ');
  throw badInput(
    `Cấp quyết định không đúng quy định: ${DECIDING_BODY_NAMES[body]} (${body}) không có thẩm quyền quyết định hình thức ${form} đối với ${type}; theo quy định (${set.decidingBodies.citation}, bộ quy tắc ${set.id}${set.decidingBodies.unsure ? ', độ tin cậy trung bình' : ''}) chỉ: ${names || 'không cấp nào'}`,
    [{ path, message: `chỉ: ${allowed.join(', ')}` }],
    'DECIDING_BODY_NOT_ALLOWED',
  );
}
