import { AppError, ErrorCode, forbidden, notFound } from '../../common/errors';
import { pgErrorFields } from '../../db/pg-error';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import type { Cadre } from '../cadres/cadre.entity';
import type { Unit } from '../units/unit.entity';
import { isWithin, visibleSubtree } from '../units/unit-scope';

/**
 * Who does what in the quality module (README, "Cadre quality and the 2030 targets"):
 * PARTY_BUILDING keeps the records; STANDING_COMMITTEE and INSPECTION_COMMITTEE read them; a
 * UNIT_HEAD reads and rates the cadres of its own subtree; INTAKE_STAFF records procedures,
 * survey answers and reception; VIEWER reads aggregates only.
 */
export const KEEPERS = [Role.PARTY_BUILDING, Role.ADMIN] as const;
export const READERS = [
  Role.PARTY_BUILDING,
  Role.ADMIN,
  Role.STANDING_COMMITTEE,
  Role.INSPECTION_COMMITTEE,
  Role.UNIT_HEAD,
] as const;
export const RATERS = [Role.PARTY_BUILDING, Role.UNIT_HEAD] as const;
export const SURVEY_STAFF = [Role.PARTY_BUILDING, Role.INTAKE_STAFF] as const;
export const RECEPTION_STAFF = [Role.INTAKE_STAFF, Role.STANDING_COMMITTEE, Role.PARTY_BUILDING] as const;
export const AGGREGATE_READERS = [...READERS, Role.VIEWER, Role.INTAKE_STAFF] as const;
export const QUALITY_READERS = new Set<Role>(READERS);

/** A cadre the caller may see (a UNIT_HEAD: only in its subtree; others are NOT_FOUND). */
export async function visibleCadre(ctx: RequestContext, cadreId: string, path = 'input.cadreId'): Promise<Cadre> {
  const cadre = await ctx.loaders.cadreById.load(cadreId);
  const scope = await visibleSubtree(ctx);
  if (cadre && scope) {
    const unit = await ctx.loaders.unitById.load(cadre.unitId);
    if (!unit || !isWithin(unit, scope)) throw cadreNotFound(cadreId, path);
  }
  if (!cadre) throw cadreNotFound(cadreId, path);
  return cadre;
}

/** The scope root for aggregates: the requested unit (which a UNIT_HEAD must be able to see), else the caller's subtree. */
export async function scopeUnit(ctx: RequestContext, unitId: string | null | undefined): Promise<Unit | null> {
  const visible = await visibleSubtree(ctx);
  if (!unitId) return visible;
  const unit = await ctx.loaders.unitById.load(unitId);
  if (!unit || !isWithin(unit, visible)) throw notFound('Unit', unitId);
  return unit;
}

export function assertRole(ctx: RequestContext, roles: readonly Role[]): void {
  if (!ctx.account || !roles.includes(ctx.account.role)) throw forbidden();
}

/** Employed in the ward at some time in `year`: started by 31 December and not ended before 1 January. */
export function employedIn(cadre: Pick<Cadre, 'employedFrom' | 'employmentEndedOn'>, year: number): boolean {
  return (
    (!cadre.employedFrom || cadre.employedFrom <= `${year}-12-31`) &&
    (!cadre.employmentEndedOn || cadre.employmentEndedOn >= `${year}-01-01`)
  );
}

/** The same test in SQL, for a cadre aliased `c` and a year expression. */
export const EMPLOYED_IN_SQL = (year: string) =>
  `(c.employed_from IS NULL OR c.employed_from <= make_date(${year}, 12, 31)) AND (c.employment_ended_on IS NULL OR c.employment_ended_on >= make_date(${year}, 1, 1))`;

/** Whether a Postgres error is a unique violation (of the named index). */
export function isUniqueViolation(err: unknown, index?: string): boolean {
  const { code, constraint } = pgErrorFields(err);
  return code === '23505' && (!index || constraint === index);
}

export const cadreNotFound = (id: string, path: string) =>
  new AppError(ErrorCode.NOT_FOUND, `Không tìm thấy cán bộ ${id} (${path})`, { id, path, reason: 'CADRE_NOT_FOUND' });
