import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { IsEmail, MaxLength, MinLength } from 'class-validator';
import { Allow, Public } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Account } from './account.entity';
import { CreateAccountInput, UpdateAccountInput } from './accounts.inputs';
import type { AccountsService } from './accounts.service';
import { LoginResult } from './accounts.types';
import type { AuthService } from './auth.service';
import { Role } from '../../common/role.enum';
import { ArgsType, Args, Field } from 'type-graphql';

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
  @Query(() => Account, { description: 'The signed-in caller.' })
  me(@Ctx() ctx: RequestContext): Account {
    return ctx.account as Account;
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
}
