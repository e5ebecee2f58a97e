import { Role } from '../../common/role.enum';
import type { RequestContext } from '../../graphql/context';

/**
 * Whether the caller is the chair of the Inspection Committee (Chủ nhiệm Ủy ban Kiểm tra): an
 * active INSPECTION_COMMITTEE account designated `isInspectionChair`, read from its account row
 * (one loader hit), so a designation moved by ADMIN counts at once. The identity custodian and
 * the corrections of recorded decisions ask it.
 */
export async function isInspectionChair(ctx: RequestContext): Promise<boolean> {
  if (ctx.account?.role !== Role.INSPECTION_COMMITTEE) return false;
  const account = await ctx.loaders.accountById.load(ctx.account.id);
  return !!account && account.isInspectionChair && !account.disabled;
}
