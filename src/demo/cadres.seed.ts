import type { EntityManager } from 'typeorm';
import type { Logger } from '../common/logger';
import { ensurePostCatalogue } from '../modules/units/post.catalogue';
import { Body } from '../modules/units/unit.enums';
import { CivilServiceCategory, Gender, PoliticalTheory, Qualification } from '../modules/cadres/cadre.enums';
import { buildWard, insertCadres, insertUnits, type WardSpec } from './ward-writer';

/**
 * What the resolution on An Biên's cadres (2025-2030) states. Its total says 131 cadres and civil
 * servants, but its parts add up to 20 + 16 + 94 = 130 (the 30 managers do add up). The seed
 * holds the parts as stated, 130 people, and does not invent a 131st: the difference is the
 * resolution's, and the register shows the data it holds. `npm start` logs the difference.
 */
export const RESOLUTION_FIGURES = {
  statedTotal: 131,
  statedManagers: 30,
  byBody: {
    [Body.PARTY_OFFICE]: { cadres: 20, managers: 11 },
    [Body.FATHERLAND_FRONT]: { cadres: 16, managers: 5 },
    [Body.GOVERNMENT]: { cadres: 94, managers: 14 },
  },
} as const;

/** An Biên as seeded in demo mode; the same seed gives the same people on every machine. */
export const AN_BIEN: WardSpec = {
  name: 'phường An Biên',
  codePrefix: 'AB',
  seed: 2025_2030,
  emailDomain: 'anbien.gov.vn',
  fixedPeople: {
    // Signed the resolution as Secretary of the ward Party committee.
    PARTY_SECRETARY: {
      fullName: 'Nguyễn Văn Thành',
      gender: Gender.MALE,
      dateOfBirth: '1971-05-19',
      qualification: Qualification.MASTER,
      politicalTheory: PoliticalTheory.ADVANCED,
      partyMember: true,
      partyJoinedOn: '1994-09-02',
      civilServiceCategory: CivilServiceCategory.CADRE,
      onLeave: false,
      planningCandidate: false,
    },
  },
};

/** Seeds An Biên's organisation and its 130 cadres (each with a CREATED history entry). */
export async function seedDemoWard(manager: EntityManager, logger: Logger): Promise<{ unitIdByKey: Map<string, string> }> {
  const posts = await ensurePostCatalogue(manager);
  const ward = buildWard(AN_BIEN, posts);
  await insertUnits(manager, ward.units);
  await insertCadres(manager, ward.cadres, { history: true, note: 'Dữ liệu mẫu (demo seed)' });
  const stated = Object.values(RESOLUTION_FIGURES.byBody).reduce((s, b) => s + b.cadres, 0);
  logger.info(
    { cadres: ward.cadres.length, statedTotal: RESOLUTION_FIGURES.statedTotal, sumOfStatedParts: stated },
    `demo ward seeded: ${ward.cadres.length} cadres as the resolution's parts state; its stated total of ${RESOLUTION_FIGURES.statedTotal} differs from the sum of its parts (${stated}), no person was invented`,
  );
  return { unitIdByKey: ward.unitIdByKey };
}
