import { badInput } from '../../../common/errors';
import type { RequestContext } from '../../../graphql/context';
import { todayInVietnam } from '../../../common/validation';
import { CURRENT_STATUSES } from '../../cadres/cadre.enums';
import { scopeUnit } from '../quality.access';
import { round2 } from '../quality.loaders';
import { type QualityRuleSet, qualityRulesOn } from '../quality-rules';

export interface PlanningPoolView {
  cadreIds: string[];
  total: number;
  youngPercent: number | null;
  womenPercent: number | null;
  postgraduatePercent: number | null;
  youngUnderAge: number;
}

export interface RotationView {
  seq: string;
  cadreId: string;
  at: Date;
  changes: Record<string, { from: unknown; to: unknown }>;
  note: string | null;
}

/**
 * The succession-planning pool 2025-2030 and rotations, read from the register: the pool is the
 * cadre's `inPlanningPool` and `planningPost` (kept by `updateCadre`), rotations are the register's
 * ROTATED history entries (written by `moveCadre` with ROTATION).
 */
export class PlanningService {
  constructor(private readonly rules: readonly QualityRuleSet[]) {}

  async pool(
    ctx: RequestContext,
    unitId: string | null,
    planningPostId: string | null,
    first: number,
  ): Promise<PlanningPoolView> {
    const scope = await scopeUnit(ctx, unitId);
    const today = todayInVietnam();
    const young = qualityRulesOn(this.rules, today).youngUnderAge.years;
    const rows = (await ctx.manager.query(
      `SELECT c.id, c.gender = 'FEMALE' AS female, c.qualification >= 'MASTER' AS postgrad,
              date_part('year', age($4::date, c.date_of_birth)) < $3 AS young
       FROM cadre c JOIN unit u ON u.id = c.unit_id
       WHERE c.in_planning_pool AND c.status = ANY($5::employment_status[]) AND ($1::text IS NULL OR u.path LIKE $1 || '%')
         AND ($2::uuid IS NULL OR c.planning_post_id = $2)
       ORDER BY c.search_name, c.id`,
      [scope?.path ?? null, planningPostId, young, today, CURRENT_STATUSES],
    )) as Array<{ id: string; female: boolean; postgrad: boolean; young: boolean }>;
    const share = (f: (r: (typeof rows)[number]) => boolean) =>
      rows.length ? round2((100 * rows.filter(f).length) / rows.length) : null;
    return {
      cadreIds: rows.slice(0, first).map((r) => r.id),
      total: rows.length,
      youngPercent: share((r) => r.young),
      womenPercent: share((r) => r.female),
      postgraduatePercent: share((r) => r.postgrad),
      youngUnderAge: young,
    };
  }

  async rotations(ctx: RequestContext, year: number, unitId: string | null): Promise<RotationView[]> {
    if (year < 2000 || year > 2100)
      throw badInput(
        'Năm phải từ 2000 đến 2100',
        [{ path: 'year', message: 'phải từ 2000 đến 2100', code: 'OUT_OF_RANGE' }],
        'YEAR_OUT_OF_RANGE',
      );
    const scope = await scopeUnit(ctx, unitId);
    const rows = (await ctx.manager.query(
      `SELECT h.seq, h.cadre_id, h.at, h.changes, h.note FROM cadre_history h JOIN cadre c ON c.id = h.cadre_id JOIN unit u ON u.id = c.unit_id
       WHERE h.kind = 'ROTATED' AND h.at >= make_timestamptz($1, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh') AND h.at < make_timestamptz($1 + 1, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')
         AND ($2::text IS NULL OR u.path LIKE $2 || '%') ORDER BY h.at, h.seq LIMIT 500`,
      [year, scope?.path ?? null],
    )) as Array<{ seq: string; cadre_id: string; at: Date; changes: RotationView['changes']; note: string | null }>;
    return rows.map((r) => ({ seq: r.seq, cadreId: r.cadre_id, at: r.at, changes: r.changes, note: r.note }));
  }
}
