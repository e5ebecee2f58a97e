import type { Prng } from '../common/prng';
import { CivilServiceCategory, Gender, PoliticalTheory, Qualification } from '../modules/cadres/cadre.enums';
import type { PersonRule } from '../modules/units/post-rules';

/** A post's and unit's rules combined for one person (see `plausibility.ts`, `ruleFor`). */
export type PersonRuleFor = (gender: Gender) => Required<Omit<PersonRule, 'gender' | 'partyMember'>> & PersonRule;

const QUALIFICATIONS = Object.values(Qualification);
const THEORIES = Object.values(PoliticalTheory);
const atLeast = <T>(order: readonly T[], value: T, min: T): T => (order.indexOf(value) < order.indexOf(min) ? min : value);

// Frequencies of Vietnamese family names (rounded, from published surveys of the population).
const FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Huỳnh', 3],
  ['Hoàng', 3],
  ['Phan', 4.5],
  ['Vũ', 2],
  ['Võ', 2],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Trương', 1],
  ['Đinh', 0.8],
  ['Lâm', 0.5],
  ['Mai', 0.5],
];
const MIDDLE_MALE = ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Ngọc', 'Xuân', 'Hoàng'] as const;
const MIDDLE_FEMALE = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Kim', 'Hồng', 'Bích', 'Mỹ'] as const;
const GIVEN_MALE = [
  'Thành',
  'Hùng',
  'Dũng',
  'Tuấn',
  'Minh',
  'Hải',
  'Long',
  'Nam',
  'Quang',
  'Sơn',
  'Trung',
  'Phong',
  'Khánh',
  'Bảo',
  'Huy',
  'Đạt',
  'Tài',
  'Lộc',
  'Phúc',
  'Hiếu',
  'Cường',
  'Thắng',
  'Vinh',
  'Toàn',
  'Nghĩa',
  'Tâm',
  'Hòa',
  'Kiên',
  'Lâm',
  'Đông',
] as const;
const GIVEN_FEMALE = [
  'Lan',
  'Hương',
  'Hoa',
  'Mai',
  'Linh',
  'Trang',
  'Thảo',
  'Ngọc',
  'Hạnh',
  'Yến',
  'Nhung',
  'Phương',
  'Thủy',
  'Hằng',
  'Vân',
  'Hà',
  'Oanh',
  'Duyên',
  'Nga',
  'Chi',
  'Loan',
  'Diệp',
  'Tuyết',
  'Quyên',
  'Trinh',
  'Uyên',
  'Nhàn',
  'Xuân',
  'Dung',
  'My',
] as const;

/** The date the generated ages are measured from (the resolution's term starts in 2025). */
export const REFERENCE_DATE = '2025-10-01';

export interface GeneratedPerson {
  fullName: string;
  gender: Gender;
  dateOfBirth: string;
  civilServiceCategory: CivilServiceCategory;
  qualification: Qualification;
  politicalTheory: PoliticalTheory;
  partyMember: boolean;
  partyJoinedOn: string | null;
  onLeave: boolean;
  /** Candidate for the planning pool (the caller picks the planned post). */
  planningCandidate: boolean;
  phone: string;
  email: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateAtAge(rng: Prng, birthYear: number): string {
  return `${birthYear}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
}

/** ASCII slug of a Vietnamese word, for generated e-mail addresses. */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * One plausible cadre: leaders are older, more often men, better qualified and all Party
 * members; staff are younger and about half women. The post's and unit's rules (`rule`) bound
 * what is drawn: a rule's gender, its age range, Party membership and least qualifications are
 * applied to the draw, never by drawing again, so a rule changes the person it applies to and
 * not the people after. Deterministic for a given generator state.
 */
export function generatePerson(
  rng: Prng,
  opts: { isManagement: boolean; elected: boolean; seq: number; emailDomain: string; rule?: PersonRuleFor },
): GeneratedPerson {
  const refYear = Number(REFERENCE_DATE.slice(0, 4));
  const drawnFemale = rng.chance(opts.isManagement ? 0.3 : 0.52);
  const ruleGender = opts.rule?.(drawnFemale ? Gender.FEMALE : Gender.MALE).gender;
  const female = ruleGender ? ruleGender === Gender.FEMALE : drawnFemale;
  const gender = female ? Gender.FEMALE : Gender.MALE;
  const rule = opts.rule?.(gender);
  const family = rng.weighted(FAMILY_NAMES);
  const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  // Sum of two uniforms: a hump in the middle of the range, thin at the edges.
  const drawnAge = opts.isManagement
    ? 35 + Math.round((rng.int(0, 12) + rng.int(0, 12)) * 0.95)
    : 23 + rng.int(0, 17) + rng.int(0, 17);
  // Outside the rule's range, the drawn age is folded into it (spread, not piled at a bound); a
  // birthday later in the year makes the age on the reference day one less, hence min + 1.
  const age =
    rule && (drawnAge <= rule.minAge || drawnAge > rule.maxAge)
      ? rule.minAge + 1 + (drawnAge % (rule.maxAge - rule.minAge))
      : drawnAge;
  const birthYear = refYear - age;
  const drawnQualification = opts.isManagement
    ? rng.weighted([
        [Qualification.BACHELOR, 65],
        [Qualification.MASTER, 32],
        [Qualification.DOCTOR, 3],
      ] as const)
    : rng.weighted([
        [Qualification.VOCATIONAL, 5],
        [Qualification.COLLEGE, 10],
        [Qualification.BACHELOR, 75],
        [Qualification.MASTER, 10],
      ] as const);
  const drawnTheory = opts.isManagement
    ? rng.weighted([
        [PoliticalTheory.INTERMEDIATE, 55],
        [PoliticalTheory.ADVANCED, 45],
      ] as const)
    : rng.weighted([
        [PoliticalTheory.NONE, 25],
        [PoliticalTheory.ELEMENTARY, 35],
        [PoliticalTheory.INTERMEDIATE, 38],
        [PoliticalTheory.ADVANCED, 2],
      ] as const);
  const qualification = rule ? atLeast(QUALIFICATIONS, drawnQualification, rule.minQualification) : drawnQualification;
  const politicalTheory = rule ? atLeast(THEORIES, drawnTheory, rule.minPoliticalTheory) : drawnTheory;
  const drawnMember = opts.isManagement || rng.chance(0.65);
  const partyMember = drawnMember || rule?.partyMember === true;
  const joinAge = Math.min(age, rng.int(20, 35));
  // A member by rule whom the draw left out joins on a fixed day of the year (no extra draw).
  const partyJoinedOn = drawnMember
    ? dateAtAge(rng, birthYear + joinAge)
    : partyMember
      ? `${birthYear + joinAge}-${pad(1 + (opts.seq % 12))}-${pad(1 + (opts.seq % 28))}`
      : null;
  const civilServiceCategory = opts.elected
    ? CivilServiceCategory.CADRE
    : rng.weighted([
        [CivilServiceCategory.CIVIL_SERVANT, 80],
        [CivilServiceCategory.PUBLIC_EMPLOYEE, 10],
        [CivilServiceCategory.CONTRACT_STAFF, 10],
      ] as const);
  const onLeave = !opts.isManagement && rng.chance(0.02);
  const planningCandidate =
    age < 50 && partyMember && qualification !== Qualification.VOCATIONAL && rng.chance(opts.isManagement ? 0.35 : 0.12);
  const phone = `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  // The writer replaces it with one unique in the ward (ward-writer.ts); this is the same form.
  const email = `${asciiSlug(given)}${asciiSlug(family)[0]}${asciiSlug(middle)[0]}@${opts.emailDomain}`;
  return {
    fullName: `${family} ${middle} ${given}`,
    gender,
    dateOfBirth: dateAtAge(rng, birthYear),
    civilServiceCategory,
    qualification,
    politicalTheory,
    partyMember,
    partyJoinedOn: partyJoinedOn && partyJoinedOn > REFERENCE_DATE ? REFERENCE_DATE : partyJoinedOn,
    onLeave,
    planningCandidate,
    phone,
    email,
  };
}
