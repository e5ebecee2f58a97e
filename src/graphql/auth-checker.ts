import type { AuthCheckerFn } from 'type-graphql';
import { forbidden, unauthenticated } from '../common/errors';
import type { Role } from '../common/role.enum';
import type { RequestContext } from './context';

/** `@Authorized()` needs a signed-in account; `@Authorized(roles)` needs one of the roles. */
export const authChecker: AuthCheckerFn<RequestContext, Role> = ({ context }, roles) => {
  if (!context.account) throw unauthenticated();
  if (roles.length && !roles.includes(context.account.role)) {
    throw forbidden(`Việc này cần một trong các vai trò ${roles.join(', ')}; vai trò của bạn là ${context.account.role}`);
  }
  return true;
};
