import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../../common/role.enum';
import type { RequestContext } from '../../graphql/context';
import { Account } from './account.entity';

@ObjectType({ description: 'A signed-in session (phiên đăng nhập): send `token` as `Authorization: Bearer <token>`.' })
export class LoginResult {
  @Field({ description: 'Signed access token (JWT, HS256).' })
  token!: string;

  @Field({ description: 'When the token stops working; sign in again after it.' })
  expiresAt!: Date;

  @Field(() => Account, { description: 'The account that signed in.' })
  account!: Account;
}

@ObjectType({
  description:
    'The staff account that made a record (a timeline entry, a decision, a finding): its name and role only, for staff who may read the record (cán bộ thực hiện). Never shown to a reporter.',
})
export class StaffActor {
  @Field(() => ID, { description: 'The account’s id.' })
  id!: string;

  @Field({ description: 'Name shown to other staff.' })
  displayName!: string;

  @Field(() => Role, { description: 'Its role.' })
  role!: Role;
}

/** The account behind `accountId` as a {@link StaffActor}, through the request's loader (one statement per request). */
export async function staffActor(ctx: RequestContext, accountId: string | null | undefined): Promise<StaffActor | null> {
  if (!accountId || !ctx.account) return null;
  const a = await ctx.loaders.accountById.load(accountId);
  return a ? { id: a.id, displayName: a.displayName, role: a.role } : null;
}
