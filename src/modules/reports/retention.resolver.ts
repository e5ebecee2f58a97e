import { ArrayMaxSize, ArrayMinSize, IsInt, IsUUID, Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Role } from '../../common/role.enum';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { ReportKind, ReportStatus } from './report.enums';
import { RetentionDestruction } from './retention-destruction.entity';
import type { RetentionService } from './retention.service';

@ObjectType({
  description:
    'A closed report past its retention period (hết thời hạn lưu trữ), listed for the committee to confirm the destruction of the reporter’s identity and the evidence. Never identity.',
})
export class RetentionDueReport {
  @Field(() => ID, { description: 'The report.' })
  reportId!: string;

  @Field(() => ReportKind, { description: 'Its kind (loại đơn).' })
  kind!: ReportKind;

  @Field(() => ReportStatus, { description: 'Its final stage.' })
  status!: ReportStatus;

  @Field({ description: 'Ngày kết thúc: the day it reached its final stage (YYYY-MM-DD), from which the period runs.' })
  closedOn!: string;

  @Field(() => Int, { description: 'Thời hạn lưu trữ, in months, from the rule set in force on the closing day.' })
  retentionMonths!: number;

  @Field({ description: 'The day from which it may be destroyed (YYYY-MM-DD).' })
  dueOn!: string;

  @Field({ description: 'Id of the retention rule set applied.' })
  ruleSetId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The legal text the period or its minimum comes from; null when none is known.',
  })
  basis!: string | null;

  @Field({
    description: 'True when the period is the ward’s own setting, not read from a legal text (confirm it before destroying).',
  })
  configurable!: boolean;
}

@ObjectType({ description: 'What a confirmed retention run did (kết quả tiêu hủy hồ sơ hết thời hạn lưu trữ).' })
export class RetentionRunResult {
  @Field(() => RetentionDestruction, {
    nullable: true,
    description:
      'The audit entry of the reports destroyed now; null when every report given was already destroyed (nothing done).',
  })
  destruction!: RetentionDestruction | null;

  @Field(() => [ID], { description: 'Reports given that were destroyed before: left as they are.' })
  alreadyDestroyed!: string[];
}

@InputType({ description: 'Confirm the destruction of reports past retention (xác nhận tiêu hủy).' })
export class DestroyReportsPastRetentionInput {
  @Field(() => [ID], { description: 'The reports, each from reportsPastRetention (1 to 500).' })
  @IsUUID('all', { each: true, message: 'reportIds phải là các UUID' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  reportIds!: string[];
}

@ArgsType()
class RetentionDestructionsArgs {
  @Field(() => Int, { defaultValue: 50, description: 'How many, newest first, 1 to 200.' })
  @IsInt()
  @Min(1, { message: 'first must be at least 1' })
  @Max(200, { message: 'first must be at most 200' })
  first!: number;
}

/** The retention review: list, confirm, audit. For the chair of the Inspection Committee and ADMIN. */
@Resolver()
export class RetentionResolver {
  constructor(private readonly service: RetentionService) {}

  @Allow(Role.INSPECTION_COMMITTEE, Role.ADMIN)
  @Query(() => [RetentionDueReport], {
    description:
      'Closed reports past their retention period today (hết thời hạn lưu trữ), for the chair of the Inspection Committee or an ADMIN to confirm their destruction; reports the caller is involved in are left out (recusal). Kind, dates and the rule applied, never identity. FORBIDDEN (RETENTION_NOT_CUSTODIAN) for other committee members.',
  })
  reportsPastRetention(@Ctx() ctx: RequestContext) {
    return this.service.pastRetention(ctx);
  }

  @Allow(Role.INSPECTION_COMMITTEE, Role.ADMIN)
  @Mutation(() => RetentionRunResult, {
    description:
      'Confirm the destruction of reports past retention (tiêu hủy theo thời hạn lưu trữ), in one transaction: each report’s data key is erased (its sealed identity can never be opened again), the identity columns and every evidence byte are wiped, uploaded file names and handler-only texts give way to their neutral and redacted copies, and one audit entry records who, when, which reports and the rule applied. The report itself, its redacted texts, its status (the reporter can still track it) and every count remain. Reports already destroyed are left as they are (a second confirmation is a no-op). Refused, nothing written: BAD_USER_INPUT RETENTION_NOT_DUE naming the reports not yet past retention; NOT_FOUND for a report the caller cannot see (recusal); FORBIDDEN RETENTION_NOT_CUSTODIAN.',
  })
  destroyReportsPastRetention(
    @Arg('input', { description: 'The reports to destroy.' }) input: DestroyReportsPastRetentionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.destroy(ctx, input.reportIds);
  }

  @Allow(Role.INSPECTION_COMMITTEE, Role.ADMIN)
  @Query(() => [RetentionDestruction], {
    description: 'The audit of retention runs (biên bản tiêu hủy), newest first: who, when, which reports, the rule applied.',
  })
  retentionDestructions(@Args() args: RetentionDestructionsArgs, @Ctx() ctx: RequestContext) {
    return this.service.destructions(ctx, args.first);
  }
}
