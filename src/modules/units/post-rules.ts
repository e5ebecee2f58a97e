import { Gender, PoliticalTheory, Qualification } from '../cadres/cadre.enums';
import type { PostCode } from './post.catalogue';

/**
 * What a holder of a post is like, as an official would expect it (DOMAIN.md, "Posts and
 * plausibility"): ages measured on a reference day, the least qualification and political
 * theory, Party membership, gender. Demo and generated people follow these, and a test checks
 * them; the register itself does not refuse a person who differs (real careers vary).
 */
export interface PersonRule {
  minAge?: number;
  maxAge?: number;
  gender?: Gender;
  partyMember?: boolean;
  minQualification?: Qualification;
  minPoliticalTheory?: PoliticalTheory;
  /** Why, in a few words, for the test's messages and the reader. */
  why: string;
}

/**
 * Anyone in the register: an adult of working age. Retirement age in 2025 (Decree 135/2020):
 * about 61 for men, 56 and a half for women; 22 is the age a graduate starts.
 */
export const EVERYONE: Readonly<Record<Gender, PersonRule>> = {
  [Gender.MALE]: { minAge: 22, maxAge: 60, why: 'tuổi lao động (nam dưới tuổi nghỉ hưu)' },
  [Gender.FEMALE]: { minAge: 22, maxAge: 56, why: 'tuổi lao động (nữ dưới tuổi nghỉ hưu)' },
};

const head = (why: string, extra: Partial<PersonRule> = {}): PersonRule => ({
  minAge: 40,
  maxAge: 58,
  partyMember: true,
  minQualification: Qualification.BACHELOR,
  minPoliticalTheory: PoliticalTheory.INTERMEDIATE,
  why,
  ...extra,
});
const deputy = (why: string, extra: Partial<PersonRule> = {}): PersonRule => ({
  minAge: 32,
  maxAge: 58,
  partyMember: true,
  minQualification: Qualification.BACHELOR,
  minPoliticalTheory: PoliticalTheory.INTERMEDIATE,
  why,
  ...extra,
});
const ADVANCED = { minPoliticalTheory: PoliticalTheory.ADVANCED };

/**
 * The rule of each post of the catalogue (`post.catalogue.ts`). Heads of bodies are 40-58 with
 * years of work behind them; deputies from 32; every leader or manager is a Party member with a
 * degree; the ward's top posts hold advanced political theory. The Women's Union is led by a
 * woman; the Youth Union's secretary is of Youth Union age (16-30, its charter).
 */
export const POST_RULES: Readonly<Partial<Record<PostCode, PersonRule>>> = {
  PARTY_SECRETARY: head('Bí thư Đảng ủy: lãnh đạo chủ chốt', ADVANCED),
  STANDING_DEPUTY_SECRETARY: head('Phó Bí thư Thường trực: lãnh đạo chủ chốt', ADVANCED),
  PEOPLES_COMMITTEE_CHAIR: head('Chủ tịch UBND: lãnh đạo chủ chốt', ADVANCED),
  FRONT_CHAIR: head('Chủ tịch Ủy ban MTTQ: lãnh đạo chủ chốt', ADVANCED),
  INSPECTION_CHAIR: head('Chủ nhiệm Ủy ban Kiểm tra', ADVANCED),
  OFFICE_CHIEF: head('người đứng đầu cơ quan'),
  BOARD_HEAD: head('người đứng đầu cơ quan'),
  CENTRE_DIRECTOR: head('người đứng đầu cơ quan'),
  DEPARTMENT_HEAD: head('người đứng đầu cơ quan'),
  WOMEN_UNION_CHAIR: head('Hội Liên hiệp Phụ nữ do phụ nữ lãnh đạo', { minAge: 35, gender: Gender.FEMALE }),
  YOUTH_SECRETARY: deputy('Bí thư Đoàn trong độ tuổi đoàn viên (16-30)', { minAge: 24, maxAge: 30 }),
  OFFICE_DEPUTY_CHIEF: deputy('cấp phó'),
  BOARD_DEPUTY_HEAD: deputy('cấp phó'),
  INSPECTION_DEPUTY_CHAIR: deputy('cấp phó của Ủy ban Kiểm tra'),
  CENTRE_DEPUTY_DIRECTOR: deputy('cấp phó'),
  FRONT_VICE_CHAIR: deputy('cấp phó'),
  COUNCIL_VICE_CHAIR: deputy('cấp phó', ADVANCED),
  PEOPLES_COMMITTEE_VICE_CHAIR: deputy('cấp phó', ADVANCED),
  DEPARTMENT_DEPUTY_HEAD: deputy('cấp phó'),
  SENIOR_SPECIALIST: {
    minAge: 30,
    minQualification: Qualification.BACHELOR,
    why: 'chuyên viên chính: có thâm niên, có bằng đại học',
  },
};
