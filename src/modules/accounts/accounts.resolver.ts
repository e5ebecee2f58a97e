import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsEmail, MaxLength, MinLength } from 'class-validator';
import { Allow, Public } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Cadre } from '../cadres/cadre.entity';
import { Unit } from '../units/unit.entity';
import { Account } from './account.entity';
import { CreateAccountInput, UpdateAccountInput } from './accounts.inputs';
import type { AccountsService } from './accounts.service';
import { LoginResult } from './accounts.types';
import type { AuthService } from './auth.service';
import { Role } from '../../common/role.enum';
import { ArgsType, Args, Field, ID, Int } from 'type-graphql';

@ArgsType()
class LoginArgs {
  @Field({ description: 'Sign-in email.' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @Field({ description: 'Password.' })
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password!: string;
}

@Resolver(() => Account)
export class AccountsResolver {
  constructor(
    private readonly accountsService: AccountsService,
    private readonly auth: AuthService,
  ) {}

  @Allow()
  @Query(() => Account, { description: 'The signed-in caller, with the cadre and unit it is linked to (`cadre`, `unit`).' })
  me(@Ctx() ctx: RequestContext): Account {
    return ctx.account as Account;
  }

  @FieldResolver(() => Cadre, {
    nullable: true,
    description:
      'The cán bộ (cadre) of the register who holds this account, when they are one; null otherwise. A cadre never sees a denunciation of themself, whatever their role.',
  })
  cadre(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<Cadre | null> | null {
    return account.cadreId ? ctx.loaders.cadreById.load(account.cadreId) : null;
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description:
      'The đơn vị (unit) this account answers for: a UNIT_HEAD’s own unit (it sees this unit and the units below), otherwise the unit its cadre works in; null when it has neither ("your unit" on a screen).',
  })
  async unit(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    if (account.unitId) return ctx.loaders.unitById.load(account.unitId);
    if (!account.cadreId) return null;
    const cadre = await ctx.loaders.cadreById.load(account.cadreId);
    return cadre ? ctx.loaders.unitById.load(cadre.unitId) : null;
  }

  @Allow(Role.ADMIN)
  @Query(() => [Account], { description: 'Every staff account (admins only).' })
  accounts(@Ctx() ctx: RequestContext): Promise<Account[]> {
    return this.accountsService.list(ctx);
  }

  @Public()
  @Mutation(() => LoginResult, {
    description:
      'Sign in. A wrong email or password is UNAUTHENTICATED with one message for both; repeated failures are RATE_LIMITED for a while.',
  })
  login(@Args() args: LoginArgs, @Ctx() ctx: RequestContext): Promise<LoginResult> {
    return this.auth.login(ctx, args.email, args.password);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => Account, { description: 'Create a staff account (admins only).' })
  createAccount(@Arg('input', { description: 'The new account.' }) input: CreateAccountInput, @Ctx() ctx: RequestContext) {
    return this.accountsService.create(ctx, input);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => Account, {
    description:
      'Re-role, re-attach, rename, disable or enable an account (admins only). Role, unit and disabled changes revoke its tokens.',
  })
  updateAccount(@Arg('input', { description: 'What to change.' }) input: UpdateAccountInput, @Ctx() ctx: RequestContext) {
    return this.accountsService.update(ctx, input);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => Account, {
    description:
      'Move the designation of chair of the Inspection Committee (Chủ nhiệm Ủy ban Kiểm tra, the identity custodian) to another active INSPECTION_COMMITTEE account, releasing the holder in the same transaction (admins only). The previous and the new chair and the Standing Committee are told (board event INSPECTION_CHAIR_CHANGED); the previous chair’s standing as custodian ends at once. BAD_USER_INPUT: CHAIR_NOT_ELIGIBLE, ALREADY_CHAIR; a stale version is CONFLICT. Returns the new chair.',
  })
  moveInspectionChair(
    @Arg('toAccountId', () => ID, { description: 'The account that becomes chair.' }) toAccountId: string,
    @Arg('version', () => Int, { description: 'That account’s version as last read.' }) version: number,
    @Ctx() ctx: RequestContext,
  ) {
    return this.accountsService.moveChair(ctx, toAccountId, version);
  }
}
