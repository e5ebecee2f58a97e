import type { DataSource, EntityManager } from 'typeorm';
import { Prng } from '../common/prng';
import { ensurePostCatalogue } from '../modules/units/post.catalogue';
import { STAFF_PER_WARD } from './ward-blueprint';
import { buildWard, insertCadres, insertUnits, type CadreRow, type UnitRow } from './ward-writer';

/** How much data `npm run gen` writes: wards of An Biên's shape and the cadres in them. */
export const SCALES = {
  /** One ward: about the size of An Biên. */
  ward: { wards: 1, cadres: STAFF_PER_WARD },
  /** A province after the 2025 merger: about 100 communes and wards, tens of thousands of cadres. */
  province: { wards: 100, cadres: 50_000 },
  /** The nation: 3,321 commune-level units, about 430,000 cadres. */
  nation: { wards: 3321, cadres: 3321 * STAFF_PER_WARD },
} as const;

export type GenScale = keyof typeof SCALES;

export const isGenScale = (s: string): s is GenScale => Object.hasOwn(SCALES, s);

/** Generated wards' unit codes start with this, so a re-run can tell they are there. */
export const GENERATED_CODE_PREFIX = 'GEN';

const PLACE_FIRST = [
  'An',
  'Tân',
  'Phú',
  'Bình',
  'Hòa',
  'Long',
  'Thạnh',
  'Mỹ',
  'Vĩnh',
  'Phước',
  'Thuận',
  'Đông',
  'Tây',
  'Hưng',
  'Quảng',
  'Thới',
] as const;
const PLACE_SECOND = [
  'Lợi',
  'Lộc',
  'Hòa',
  'Phú',
  'Thành',
  'Bình',
  'Hưng',
  'Khánh',
  'Thịnh',
  'An',
  'Đức',
  'Xuân',
  'Hiệp',
  'Trung',
  'Sơn',
  'Điền',
] as const;

export interface GenerateOptions {
  /** Seed of the whole run: the same seed and scale give the same people. */
  seed?: number;
  /** Wards written per round trip. */
  wardsPerBatch?: number;
  /** Called after each batch with cadres written so far and the total. */
  onProgress?: (cadresDone: number, cadresTotal: number) => void;
}

export interface GenerateSummary {
  /** `already-filled`: generated wards were found and nothing was written. */
  outcome: 'generated' | 'already-filled';
  scale: GenScale;
  wards: number;
  units: number;
  cadres: number;
  managers: number;
  byBody: Record<string, { cadres: number; managers: number }>;
  ms: number;
}

/** Head count of ward `i` (0-based) so that the wards add up to exactly `total`. */
function wardStaff(i: number, wards: number, total: number): number {
  return Math.floor(((i + 1) * total) / wards) - Math.floor((i * total) / wards);
}

async function countGenerated(manager: EntityManager): Promise<Omit<GenerateSummary, 'outcome' | 'scale' | 'ms'>> {
  const like = `${GENERATED_CODE_PREFIX}%`;
  const [units] = (await manager.query(
    `SELECT count(*)::int AS units, count(*) FILTER (WHERE parent_id IS NULL)::int AS wards FROM unit WHERE code LIKE $1`,
    [like],
  )) as [{ units: number; wards: number }];
  const rows = (await manager.query(
    `SELECT u.body, count(*)::int AS cadres, count(*) FILTER (WHERE p.is_management)::int AS managers
       FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN post p ON p.id = c.post_id
      WHERE u.code LIKE $1 GROUP BY u.body ORDER BY u.body`,
    [like],
  )) as Array<{ body: string; cadres: number; managers: number }>;
  const byBody = Object.fromEntries(rows.map((r) => [r.body, { cadres: r.cadres, managers: r.managers }]));
  return {
    wards: units.wards,
    units: units.units,
    cadres: rows.reduce((s, r) => s + r.cadres, 0),
    managers: rows.reduce((s, r) => s + r.managers, 0),
    byBody,
  };
}

/**
 * Fills a migrated database with wards of An Biên's shape for benchmarks, in one transaction
 * (a failed run leaves nothing behind). Names and people come from a seeded generator, rows go
 * in with unnest bulk inserts. A database that already holds generated wards is left alone:
 * the summary says `already-filled`. Generated cadres get no CREATED history entries (the
 * history of 430,000 imported people would double the run for nothing a benchmark reads).
 */
export async function generateData(
  dataSource: DataSource,
  scale: GenScale,
  opts: GenerateOptions = {},
): Promise<GenerateSummary> {
  const started = Date.now();
  const { wards, cadres: total } = SCALES[scale];
  const seed = opts.seed ?? 2025;
  const perBatch = opts.wardsPerBatch ?? 50;
  return dataSource.transaction(async (manager) => {
    // One generator at a time; a second one waits and then finds the data there.
    await manager.query(`SELECT pg_advisory_xact_lock(7265002)`);
    const existing = await countGenerated(manager);
    if (existing.wards > 0) return { outcome: 'already-filled', scale, ...existing, ms: Date.now() - started };
    const posts = await ensurePostCatalogue(manager);
    const names = new Prng(seed);
    let done = 0;
    opts.onProgress?.(0, total);
    for (let first = 0; first < wards; first += perBatch) {
      const units: UnitRow[] = [];
      const cadres: CadreRow[] = [];
      for (let i = first; i < Math.min(wards, first + perBatch); i++) {
        const n = String(i + 1).padStart(4, '0');
        const kind = names.chance(0.2) ? 'phường' : 'xã';
        const ward = buildWard(
          {
            name: `${kind} ${names.pick(PLACE_FIRST)} ${names.pick(PLACE_SECOND)} (mẫu ${n})`,
            codePrefix: `${GENERATED_CODE_PREFIX}${n}`,
            seed: seed * 10_000 + i,
            staff: wardStaff(i, wards, total),
            emailDomain: `gen${n}.gov.vn`,
          },
          posts,
        );
        units.push(...ward.units);
        cadres.push(...ward.cadres);
      }
      await insertUnits(manager, units);
      await insertCadres(manager, cadres, { history: false });
      done += cadres.length;
      opts.onProgress?.(done, total);
    }
    // Fresh statistics: without them the planner takes these tables for empty and picks scans.
    await manager.query('ANALYZE unit, post, cadre');
    const summary = await countGenerated(manager);
    return { outcome: 'generated', scale, ...summary, ms: Date.now() - started };
  });
}
