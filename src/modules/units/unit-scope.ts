import { forbidden } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import type { Unit } from './unit.entity';

/**
 * The part of the tree the caller may see: null for every role but UNIT_HEAD (the whole
 * register), the account's unit for a UNIT_HEAD (that unit and its descendants).
 */
export async function visibleSubtree(ctx: RequestContext): Promise<Unit | null> {
  if (ctx.account?.role !== Role.UNIT_HEAD) return null;
  const unit = ctx.account.unitId ? await ctx.loaders.unitById.load(ctx.account.unitId) : null;
  if (!unit)
    throw forbidden('Tài khoản trưởng đơn vị này chưa gắn với đơn vị nào; hãy nhờ quản trị viên gắn', 'UNIT_HEAD_WITHOUT_UNIT');
  return unit;
}

/** Whether `unit` lies in the subtree rooted at `scope` (null scope: everything). */
export function isWithin(unit: Pick<Unit, 'path'>, scope: Pick<Unit, 'path'> | null): boolean {
  return !scope || unit.path.startsWith(scope.path);
}
