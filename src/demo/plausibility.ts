import { Gender, POLITICAL_THEORY_NAME, PoliticalTheory, QUALIFICATION_NAME, Qualification } from '../modules/cadres/cadre.enums';
import { EVERYONE, type PersonRule, POST_RULES } from '../modules/units/post-rules';
import type { PostCode } from '../modules/units/post.catalogue';
import { WARD_BLUEPRINT } from './ward-blueprint';
import { asciiSlug } from './people';

const QUALIFICATIONS = Object.values(Qualification);
const THEORIES = Object.values(PoliticalTheory);
const UNIT_RULES = new Map(WARD_BLUEPRINT.filter((u) => u.people).map((u) => [u.key, u.people!]));

export type CombinedRule = Required<Omit<PersonRule, 'gender' | 'partyMember'>> & PersonRule;

/** The rules a holder of `post` in the blueprint unit `unitKey` follows, combined (the strictest of each). */
export function ruleFor(post: string, unitKey: string, personGender: Gender): CombinedRule {
  const rules = [EVERYONE[personGender], POST_RULES[post as PostCode], UNIT_RULES.get(unitKey)].filter(
    (r): r is PersonRule => r !== undefined,
  );
  const most = <T>(order: readonly T[], values: Array<T | undefined>, fallback: T) =>
    values.reduce<T>((m, v) => (v !== undefined && order.indexOf(v) > order.indexOf(m) ? v : m), fallback);
  const gender = rules.find((r) => r.gender)?.gender;
  const partyMember = rules.some((r) => r.partyMember) || undefined;
  return {
    minAge: Math.max(...rules.map((r) => r.minAge ?? 0)),
    maxAge: Math.min(...rules.map((r) => r.maxAge ?? 200)),
    ...(gender ? { gender } : {}),
    ...(partyMember ? { partyMember } : {}),
    minQualification: most(
      QUALIFICATIONS,
      rules.map((r) => r.minQualification),
      Qualification.VOCATIONAL,
    ),
    minPoliticalTheory: most(
      THEORIES,
      rules.map((r) => r.minPoliticalTheory),
      PoliticalTheory.NONE,
    ),
    why: rules.map((r) => r.why).join('; '),
  };
}

/** Whole years from `from` to `to` (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/**
 * The local part of a person's e-mail as Vietnamese offices make it: the given name and the
 * initials of the family and middle names ("Nguyễn Văn Thành" → "thanhnv"); a number follows
 * when two people share it.
 */
export function emailLocalPart(fullName: string): string {
  const words = fullName.split(' ').map(asciiSlug);
  return `${words[words.length - 1]}${words
    .slice(0, -1)
    .map((w) => w[0])
    .join('')}`;
}

/** One person of the register as the plausibility check reads it. */
export interface PersonRow {
  fullName: string;
  gender: Gender;
  dateOfBirth: string;
  /** The post's catalogue code. */
  post: string;
  /** The unit's code ("AB-HLHPN"): its blueprint key follows the last dash. */
  unitCode: string;
  qualification: Qualification;
  politicalTheory: PoliticalTheory;
  partyMember: boolean;
  partyJoinedOn: string | null;
  email: string | null;
}

/**
 * What an official would not believe of these people, on the day `on`, one sentence each (empty:
 * all plausible): a post's or unit's rule broken, a Party member who joined before 18 or after
 * the day, an e-mail that does not match the name.
 */
export function plausibilityProblems(rows: readonly PersonRow[], on: string): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const unitKey = r.unitCode.slice(r.unitCode.lastIndexOf('-') + 1);
    const rule = ruleFor(r.post, unitKey, r.gender);
    const who = `${r.fullName} (${r.post}, ${r.unitCode})`;
    const age = ageOn(r.dateOfBirth, on);
    if (age < rule.minAge || age > rule.maxAge)
      out.push(`${who}: ${age} tuổi, ngoài ${rule.minAge}-${rule.maxAge} (${rule.why})`);
    if (rule.gender && r.gender !== rule.gender) out.push(`${who}: không phải nữ (${rule.why})`);
    if (rule.partyMember && !r.partyMember) out.push(`${who}: không phải đảng viên (${rule.why})`);
    if (QUALIFICATIONS.indexOf(r.qualification) < QUALIFICATIONS.indexOf(rule.minQualification))
      out.push(
        `${who}: trình độ ${QUALIFICATION_NAME[r.qualification]}, dưới ${QUALIFICATION_NAME[rule.minQualification]} (${rule.why})`,
      );
    if (THEORIES.indexOf(r.politicalTheory) < THEORIES.indexOf(rule.minPoliticalTheory))
      out.push(
        `${who}: lý luận chính trị ${POLITICAL_THEORY_NAME[r.politicalTheory]}, dưới ${POLITICAL_THEORY_NAME[rule.minPoliticalTheory]} (${rule.why})`,
      );
    if (r.partyJoinedOn && (ageOn(r.dateOfBirth, r.partyJoinedOn) < 18 || r.partyJoinedOn > on))
      out.push(`${who}: vào Đảng ngày ${r.partyJoinedOn}, trước 18 tuổi hoặc sau ngày ${on}`);
    const local = r.email?.split('@')[0] ?? '';
    if (r.email !== null && !new RegExp(`^${emailLocalPart(r.fullName)}\\d*$`).test(local))
      out.push(`${who}: e-mail ${r.email} không khớp với tên`);
  }
  return out;
}
