import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../common/role.enum';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { RuleDataKind, RuleDataVersion } from './rule-data.entity';
import { AddRuleSetInput, ChangeHolidayCalendarInput } from './rules.inputs';
import type { RulesService } from './rules.service';

@Resolver(() => RuleDataVersion)
export class RulesResolver {
  constructor(private readonly service: RulesService) {}

  @Allow()
  @Query(() => RuleDataVersion, {
    description:
      'The rule data of a kind (dữ liệu quy tắc) now in force, or a given earlier version: the deadline rule sets, the holiday calendar, the discipline rule sets. NOT_FOUND (RULE_DATA_VERSION_NOT_FOUND) for a version that does not exist.',
  })
  ruleData(
    @Arg('kind', () => RuleDataKind, { description: 'Which rule data.' }) kind: RuleDataKind,
    @Arg('version', () => Int, { nullable: true, description: 'A version; the current one when omitted.' })
    version: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.version(ctx, kind, version);
  }

  @Allow()
  @Query(() => [RuleDataVersion], {
    description: 'Every version of a kind of rule data, newest first: the audit of its changes (who, when, why, old and new).',
  })
  ruleDataHistory(
    @Arg('kind', () => RuleDataKind, { description: 'Which rule data.' }) kind: RuleDataKind,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.history(ctx, kind);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => RuleDataVersion, {
    description:
      'Add a dated deadline rule set for reports (thời hạn giải quyết). Reports received before its effectiveFrom keep the set they recorded. Refused (nothing written): RULE_SET_EFFECTIVE_FOR_RECEIVED when a report was already received on or after effectiveFrom; RULE_SET_ID_TAKEN; RULE_SET_INVALID; RULE_DATA_MALFORMED; RULE_DATE_MALFORMED; RULE_CHANGE_REASON_REQUIRED.',
  })
  addDeadlineRuleSet(@Arg('input', { description: 'The rule set and why.' }) input: AddRuleSetInput, @Ctx() ctx: RequestContext) {
    return this.service.addDeadlineRuleSet(ctx, input);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => RuleDataVersion, {
    description:
      'Add a dated discipline rule set (forms per subject type, deciding bodies, limitation, appeal window). Cases decided before its effectiveFrom keep the set they were decided under. Refused like addDeadlineRuleSet; RULE_SET_EFFECTIVE_FOR_RECEIVED when a case was already decided on or after effectiveFrom.',
  })
  addDisciplineRuleSet(
    @Arg('input', { description: 'The rule set and why.' }) input: AddRuleSetInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.addDisciplineRuleSet(ctx, input);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => RuleDataVersion, {
    description:
      'Add a dated retention rule set (thời hạn lưu trữ): one period in months per report kind, with its legal basis and minimum where a text states one, else `configurable: true`. Reports closed before its effectiveFrom keep the period in force on their closing day. Refused (nothing written): RETENTION_BELOW_LEGAL_MINIMUM when a period is shorter than the legal minimum stated in the set or an earlier one; RULE_SET_EFFECTIVE_FOR_RECEIVED when effectiveFrom is not after today; RULE_SET_ID_TAKEN; RULE_SET_INVALID; RULE_DATA_MALFORMED; RULE_DATE_MALFORMED; RULE_CHANGE_REASON_REQUIRED.',
  })
  addRetentionRuleSet(
    @Arg('input', { description: 'The rule set and why.' }) input: AddRuleSetInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.addRetentionRuleSet(ctx, input);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => RuleDataVersion, {
    description:
      'Change the holiday calendar (lịch nghỉ lễ, Tết). Applies when saved; open reports whose current stage spans a changed day get their due date recomputed (`recomputedReports`), the others keep theirs. Refused (nothing written): HOLIDAY_DATE_MALFORMED (e.g. 2026-02-30), HOLIDAY_YEAR_NOT_COVERED, HOLIDAY_WORKING_DAY_ON_WEEKDAY, HOLIDAY_NAME_REQUIRED, HOLIDAY_NOT_LISTED, HOLIDAY_DATE_TWICE, HOLIDAY_CALENDAR_INVALID, RULE_CHANGE_EMPTY, RULE_CHANGE_REASON_REQUIRED.',
  })
  changeHolidayCalendar(
    @Arg('input', { description: 'The days to set or remove, the years to add, and why.' }) input: ChangeHolidayCalendarInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.changeHolidayCalendar(ctx, input);
  }
}
