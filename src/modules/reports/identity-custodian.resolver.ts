import { IsEnum, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../common/role.enum';
import { NO_CONTROL_CHARS_MULTILINE } from '../../common/validation';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { PageArgs } from '../../graphql/page-args';
import { Account } from '../accounts/account.entity';
import { IdentityAccessRequest, IdentityAccessStatus } from './identity-access-request.entity';
import type { IdentityCustodianService } from './identity-custodian.service';
import { IdentityAccessLogEntry, IdentityAccessLogPage, ReporterIdentityView } from './identity-custodian.types';
import { Report } from './report.entity';

@ArgsType()
class RequestIdentityAccessArgs {
  @Field(() => ID, { description: 'The report you handle.' })
  @IsUUID('all', { message: 'reportId must be a UUID' })
  reportId!: string;

  @Field({ description: 'Why you need the reporter’s identity (at least 20 characters); the chair and the access log read it.' })
  @MaxLength(2000)
  @Matches(NO_CONTROL_CHARS_MULTILINE, { message: 'reason must not contain control characters' })
  reason!: string;
}

@ArgsType()
class DecideIdentityAccessArgs {
  @Field(() => ID, { description: 'The request.' })
  @IsUUID('all', { message: 'requestId must be a UUID' })
  requestId!: string;

  @Field({ description: 'true grants the request, false refuses it.' })
  grant!: boolean;

  @Field(() => String, { nullable: true, description: 'A note on the decision.' })
  @IsOptional()
  @MaxLength(2000)
  @Matches(NO_CONTROL_CHARS_MULTILINE, { message: 'note must not contain control characters' })
  note?: string | null;
}

@ArgsType()
class IdentityAccessRequestsArgs {
  @Field(() => ID, { nullable: true, description: 'Only requests about this report.' })
  @IsOptional()
  @IsUUID('all', { message: 'reportId must be a UUID' })
  reportId?: string | null;

  @Field(() => IdentityAccessStatus, { nullable: true, description: 'Only requests in this state.' })
  @IsOptional()
  @IsEnum(IdentityAccessStatus)
  status?: IdentityAccessStatus | null;

  @Field(() => Int, { defaultValue: 50, description: 'How many, newest first, 1 to 100.' })
  @IsInt()
  @Min(1, { message: 'first must be at least 1' })
  @Max(100, { message: 'first must be at most 100' })
  first!: number;
}

@ArgsType()
class IdentityAccessLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only reads of this report’s reporter identity.' })
  @IsOptional()
  @IsUUID('all', { message: 'reportId must be a UUID' })
  reportId?: string | null;
}

/** The custodian flow: requests, the chair's decisions, the logged read of the identity, the access log. */
@Resolver(() => Report)
export class IdentityCustodianResolver {
  constructor(private readonly custodian: IdentityCustodianService) {}

  @Allow(Role.INSPECTION_COMMITTEE)
  @Mutation(() => IdentityAccessRequest, {
    description:
      'Ask the chair of the Inspection Committee to let you read the reporter’s identity of a report you handle, with a reason. FORBIDDEN (reason NOT_HANDLER) for anyone but the current handler; BAD_USER_INPUT (reason REASON_REQUIRED) without a reason; CONFLICT while a request stands.',
  })
  requestIdentityAccess(@Args() args: RequestIdentityAccessArgs, @Ctx() ctx: RequestContext) {
    return this.custodian.request(ctx, args.reportId, args.reason);
  }

  @Allow(Role.INSPECTION_COMMITTEE)
  @Mutation(() => IdentityAccessRequest, {
    description:
      'Grant or refuse a request to read a reporter’s identity: the chair of the Inspection Committee only (FORBIDDEN, reason NOT_CHAIR), never on their own request (OWN_REQUEST) nor on a report they are involved in (NOT_FOUND).',
  })
  decideIdentityAccess(@Args() args: DecideIdentityAccessArgs, @Ctx() ctx: RequestContext) {
    return this.custodian.decide(ctx, args.requestId, args.grant, args.note ?? null);
  }

  @Allow(Role.INSPECTION_COMMITTEE)
  @Query(() => [IdentityAccessRequest], {
    description:
      'Requests to read reporters’ identities, newest first: the chair sees all (to decide them), everyone else their own.',
  })
  identityAccessRequests(@Args() args: IdentityAccessRequestsArgs, @Ctx() ctx: RequestContext) {
    return this.custodian.requests(ctx, args);
  }

  @Allow(Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE)
  @Query(() => IdentityAccessLogPage, {
    description:
      'Who read which reporter’s identity, when, why and under whose grant, newest first. For the chair of the Inspection Committee and the Standing Committee (FORBIDDEN, reason NOT_CUSTODIAN, otherwise). Never shows the identity.',
  })
  identityAccessLog(@Args() args: IdentityAccessLogArgs, @Ctx() ctx: RequestContext) {
    return this.custodian.accessLog(ctx, args);
  }

  @FieldResolver(() => ReporterIdentityView, {
    nullable: true,
    description:
      'The reporter’s identity: only for the handler of the report holding a request granted by the chair of the Inspection Committee (FORBIDDEN, reason IDENTITY_GRANT_REQUIRED, for everyone else, ADMIN included). Each read is written to the access log in the same transaction; null for a report without an identity.',
  })
  reporterIdentity(@Root() report: Report, @Ctx() ctx: RequestContext) {
    return this.custodian.readIdentity(ctx, report);
  }
}

/** Accounts named by a request and by the log, through the request's loader. */
@Resolver(() => IdentityAccessRequest)
export class IdentityAccessRequestResolver {
  @FieldResolver(() => Account, { description: 'The handler who asked.' })
  requestedBy(@Root() r: IdentityAccessRequest, @Ctx() ctx: RequestContext) {
    return ctx.loaders.accountById.load(r.requestedById);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The chair who decided.' })
  decidedBy(@Root() r: IdentityAccessRequest, @Ctx() ctx: RequestContext) {
    return r.decidedById ? ctx.loaders.accountById.load(r.decidedById) : null;
  }
}

@Resolver(() => IdentityAccessLogEntry)
export class IdentityAccessLogEntryResolver {
  @FieldResolver(() => Account, { nullable: true, description: 'Who read the identity.' })
  account(@Root() e: IdentityAccessLogEntry, @Ctx() ctx: RequestContext) {
    return ctx.loaders.accountById.load(e.accountId);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The chair who granted the request the read was made under.' })
  grantedBy(@Root() e: IdentityAccessLogEntry, @Ctx() ctx: RequestContext) {
    return e.grantedById ? ctx.loaders.accountById.load(e.grantedById) : null;
  }
}
