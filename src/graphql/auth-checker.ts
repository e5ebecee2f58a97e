import type { AuthCheckerFn } from 'type-graphql';
import { forbidden, unauthenticated } from '../common/errors';
import { ROLE_WORDS, type Role } from '../common/role.enum';
import type { RequestContext } from './context';

/** `@Authorized()` needs a signed-in account; `@Authorized(roles)` needs one of the roles. */
export const authChecker: AuthCheckerFn<RequestContext, Role> = ({ context }, roles) => {
  if (!context.account) throw unauthenticated();
  if (roles.length && !roles.includes(context.account.role)) {
    const needed = roles.map((r) => ROLE_WORDS[r] ?? r).join('; ');
    throw forbidden(`Việc này dành cho: ${needed}. Tài khoản của bạn có vai trò ${ROLE_WORDS[context.account.role]}.`);
  }
  return true;
};
