import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../db/bulk-insert';
import { Prng } from '../common/prng';
import { POST_BY_CODE, type PostCode } from '../modules/units/post.catalogue';
import { RESIDENTIAL_GROUPS_PER_WARD, residentialCell, staffing, WARD_BLUEPRINT, type UnitBlueprint } from './ward-blueprint';
import type { Body, UnitKind } from '../modules/units/unit.enums';
import {
  CadreChangeKind,
  type CivilServiceCategory,
  EmploymentStatus,
  Gender,
  type PoliticalTheory,
  type Qualification,
} from '../modules/cadres/cadre.enums';
import { generatePerson, type GeneratedPerson } from './people';
import { emailLocalPart, ruleFor } from './plausibility';

/** One ward to write: its name, unit code prefix and how many staff. */
export interface WardSpec {
  /** "phường An Biên": goes into unit names ("Ủy ban nhân dân phường An Biên"). */
  name: string;
  /** Unit code prefix, unique per ward ("AB" → "AB-UBND"). */
  codePrefix: string;
  /** Seed of this ward's people: the same seed gives the same people. */
  seed: number;
  /** Staff in the ward (130 as the resolution's parts state). */
  staff?: number;
  residentialGroups?: number;
  emailDomain: string;
  /** Replaces the generated person in the first slot of a post (e.g. the Party Secretary). */
  fixedPeople?: Partial<Record<PostCode, Partial<GeneratedPerson>>>;
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  body: Body | null;
  parentId: string | null;
  path: string;
  depth: number;
}

export interface CadreRow extends Omit<GeneratedPerson, 'onLeave' | 'planningCandidate'> {
  id: string;
  unitId: string;
  postId: string;
  status: EmploymentStatus;
  inPlanningPool: boolean;
  planningPostId: string | null;
  postName: string;
  unitName: string;
}

/** Which post a planning-pool candidate in a post is planned for. */
/** Whether someone of either gender can hold `post` in blueprint unit `unitKey` (its combined age range is not empty). */
const agesPossible = (post: PostCode, unitKey: string) =>
  (['MALE', 'FEMALE'] as const).every((g) => {
    const r = ruleFor(post, unitKey, g as Gender);
    return r.maxAge > r.minAge;
  });

const PLANNED_FOR: Partial<Record<PostCode, PostCode>> = {
  STANDING_DEPUTY_SECRETARY: 'PARTY_SECRETARY',
  OFFICE_DEPUTY_CHIEF: 'OFFICE_CHIEF',
  BOARD_DEPUTY_HEAD: 'BOARD_HEAD',
  INSPECTION_DEPUTY_CHAIR: 'INSPECTION_CHAIR',
  CENTRE_DEPUTY_DIRECTOR: 'CENTRE_DIRECTOR',
  FRONT_VICE_CHAIR: 'FRONT_CHAIR',
  PEOPLES_COMMITTEE_VICE_CHAIR: 'PEOPLES_COMMITTEE_CHAIR',
  DEPARTMENT_DEPUTY_HEAD: 'DEPARTMENT_HEAD',
};

/** Builds a ward's units and people in memory; nothing is written. */
export function buildWard(
  spec: WardSpec,
  postIds: ReadonlyMap<string, string>,
): { units: UnitRow[]; cadres: CadreRow[]; unitIdByKey: Map<string, string> } {
  const rng = new Prng(spec.seed);
  const blueprints: UnitBlueprint[] = [...WARD_BLUEPRINT];
  for (let n = 1; n <= (spec.residentialGroups ?? RESIDENTIAL_GROUPS_PER_WARD); n++) blueprints.push(residentialCell(n));
  const byKey = new Map<string, UnitRow>();
  const units: UnitRow[] = [];
  for (const b of blueprints) {
    const parent = b.parent ? byKey.get(b.parent) : undefined;
    const id = randomUUID();
    const row: UnitRow = {
      id,
      code: `${spec.codePrefix}-${b.key}`,
      name: b.name.replace('{ward}', spec.name),
      kind: b.kind,
      body: b.body,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
    };
    byKey.set(b.key, row);
    units.push(row);
  }
  const staff = staffing(spec.staff);
  const cadres: CadreRow[] = [];
  const fixedUsed = new Set<string>();
  const emails = new Set<string>();
  let seq = 0;
  for (const b of WARD_BLUEPRINT) {
    const unit = byKey.get(b.key)!;
    for (const [slotCode, count] of staff.get(b.key) ?? []) {
      for (let i = 0; i < count; i++) {
        const drawn: PostCode =
          slotCode === 'SPECIALIST'
            ? rng.weighted([
                ['SENIOR_SPECIALIST', 15],
                ['SPECIALIST', 70],
                ['OFFICER', 15],
              ] as const)
            : slotCode;
        // A drawn grade no one in the unit can hold (a senior specialist is 30 or more, the Youth
        // Union's staff 30 at most) falls back to the slot's post: no age range left to draw from.
        const code: PostCode = drawn !== slotCode && !agesPossible(drawn, b.key) ? slotCode : drawn;
        const post = POST_BY_CODE.get(code)!;
        const generated = generatePerson(rng, {
          isManagement: post.isManagement,
          elected: post.elected,
          seq: ++seq,
          emailDomain: spec.emailDomain,
          rule: (gender) => ruleFor(code, b.key, gender),
        });
        const fixed = !fixedUsed.has(code) ? spec.fixedPeople?.[code] : undefined;
        if (fixed) fixedUsed.add(code);
        const person = { ...generated, ...fixed };
        // The e-mail follows the person's final name (a fixed person keeps no generated address).
        const local = emailLocalPart(person.fullName);
        let email = `${local}@${spec.emailDomain}`;
        for (let n = 2; emails.has(email); n++) email = `${local}${n}@${spec.emailDomain}`;
        emails.add(email);
        person.email = email;
        const plannedCode = person.planningCandidate
          ? (PLANNED_FOR[code] ?? (post.isManagement ? undefined : 'DEPARTMENT_DEPUTY_HEAD'))
          : undefined;
        const { onLeave, planningCandidate: _c, ...data } = person;
        cadres.push({
          ...data,
          id: randomUUID(),
          unitId: unit.id,
          postId: postIds.get(code)!,
          status: onLeave ? EmploymentStatus.ON_LEAVE : EmploymentStatus.ACTIVE,
          inPlanningPool: plannedCode !== undefined,
          planningPostId: plannedCode ? postIds.get(plannedCode)! : null,
          postName: post.name,
          unitName: unit.name,
        });
      }
    }
  }
  return { units, cadres, unitIdByKey: new Map([...byKey].map(([k, v]) => [k, v.id])) };
}

/** Writes units (parents first) with bulk inserts. */
export async function insertUnits(manager: EntityManager, units: readonly UnitRow[]): Promise<void> {
  await bulkInsert(
    manager,
    'unit',
    [
      { name: 'id', type: 'uuid', value: (r: UnitRow) => r.id },
      { name: 'code', type: 'text', value: (r) => r.code },
      { name: 'name', type: 'text', value: (r) => r.name },
      { name: 'kind', type: 'unit_kind', value: (r) => r.kind },
      { name: 'body', type: 'unit_body', value: (r) => r.body },
      { name: 'parent_id', type: 'uuid', value: (r) => r.parentId },
      { name: 'path', type: 'text', value: (r) => r.path },
      { name: 'depth', type: 'int4', value: (r) => r.depth },
      { name: 'version', type: 'int4', value: () => 1 },
    ],
    units,
  );
}

/** Writes cadres with bulk inserts and, when `history` is set, one CREATED entry each. */
export async function insertCadres(
  manager: EntityManager,
  cadres: readonly CadreRow[],
  opts: { history: boolean; note?: string },
): Promise<void> {
  await bulkInsert(
    manager,
    'cadre',
    [
      { name: 'id', type: 'uuid', value: (r: CadreRow) => r.id },
      { name: 'full_name', type: 'text', value: (r) => r.fullName },
      { name: 'gender', type: 'gender', value: (r) => r.gender satisfies Gender },
      { name: 'date_of_birth', type: 'date', value: (r) => r.dateOfBirth },
      { name: 'unit_id', type: 'uuid', value: (r) => r.unitId },
      { name: 'post_id', type: 'uuid', value: (r) => r.postId },
      {
        name: 'civil_service_category',
        type: 'civil_service_category',
        value: (r) => r.civilServiceCategory satisfies CivilServiceCategory,
      },
      { name: 'qualification', type: 'qualification', value: (r) => r.qualification satisfies Qualification },
      { name: 'political_theory', type: 'political_theory', value: (r) => r.politicalTheory satisfies PoliticalTheory },
      { name: 'party_member', type: 'bool', value: (r) => r.partyMember },
      { name: 'party_joined_on', type: 'date', value: (r) => r.partyJoinedOn },
      { name: 'status', type: 'employment_status', value: (r) => r.status },
      { name: 'in_planning_pool', type: 'bool', value: (r) => r.inPlanningPool },
      { name: 'planning_post_id', type: 'uuid', value: (r) => r.planningPostId },
      { name: 'phone', type: 'text', value: (r) => r.phone },
      { name: 'email', type: 'text', value: (r) => r.email },
      { name: 'version', type: 'int4', value: () => 1 },
    ],
    cadres,
  );
  if (!opts.history) return;
  await bulkInsert(
    manager,
    'cadre_history',
    [
      { name: 'cadre_id', type: 'uuid', value: (r: CadreRow) => r.id },
      { name: 'kind', type: 'cadre_change_kind', value: () => CadreChangeKind.CREATED },
      {
        name: 'changes',
        type: 'jsonb',
        value: (r) =>
          JSON.stringify({
            fullName: { from: null, to: r.fullName },
            unit: { from: null, to: r.unitName },
            post: { from: null, to: r.postName },
            status: { from: null, to: r.status },
          }),
      },
      { name: 'note', type: 'text', value: () => opts.note ?? null },
    ],
    cadres,
  );
}
