import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden } from '../../../common/errors';
import { Role } from '../../../common/role.enum';
import { Allow, Public } from '../../../graphql/access';
import type { RequestContext } from '../../../graphql/context';
import { Cadre } from '../../cadres/cadre.entity';
import { AGGREGATE_READERS, KEEPERS, READERS, SURVEY_STAFF } from '../quality.access';
import { pageSize } from '../quality.validation';
import { AttitudeEvaluation, ProcedureCase, SatisfactionResult } from './satisfaction.entity';
import {
  RecordAttitudeEvaluationInput,
  RecordProcedureCaseInput,
  RecordSatisfactionInput,
  SubmitSatisfactionInput,
} from './satisfaction.inputs';
import { SatisfactionGroupBy, type SatisfactionService } from './satisfaction.service';
import { SatisfactionIndexRowView } from './satisfaction.types';

@Resolver()
export class SatisfactionResolver {
  constructor(private readonly satisfaction: SatisfactionService) {}

  @Allow(...SURVEY_STAFF)
  @Mutation(() => ProcedureCase, {
    description:
      'Record a completed administrative procedure with its receipt number (CONFLICT when known). The answer carries the survey code (surveyCode) to print on the citizen’s receipt, the only time it is given.',
  })
  recordProcedureCase(
    @Arg('input', { description: 'The procedure.' }) input: RecordProcedureCaseInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.satisfaction.recordProcedureCase(ctx, input);
  }

  @Allow(...SURVEY_STAFF)
  @Mutation(() => SatisfactionResult, {
    description:
      'Record a survey answer entered by staff. A score off the 1-5 scale is BAD_USER_INPUT; a second answer for one procedure CONFLICT.',
  })
  recordSatisfactionResult(
    @Arg('input', { description: 'The answer.' }) input: RecordSatisfactionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.satisfaction.record(ctx, input);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'The citizen’s own answer to the satisfaction survey (khảo sát mức độ hài lòng), with the survey code (mã khảo sát) printed on the receipt of the completed procedure; no account. One answer per procedure (CONFLICT); an unknown, mistyped or wrong code NOT_FOUND (reason SURVEY_CODE_UNKNOWN), the same answer whether or not the procedure exists; limited per client address (RATE_LIMITED).',
  })
  async submitSatisfaction(
    @Arg('input', { description: 'The answer.' }) input: SubmitSatisfactionInput,
    @Ctx() ctx: RequestContext,
  ) {
    await this.satisfaction.submit(ctx, input);
    return true;
  }

  @Allow(...AGGREGATE_READERS)
  @Query(() => [SatisfactionIndexRowView], {
    description:
      'The satisfaction index and survey coverage of a year by body, unit or cadre (CADRE: not for VIEWER or INTAKE_STAFF).',
  })
  satisfactionIndex(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('groupBy', () => SatisfactionGroupBy, { description: 'Grouping.' }) groupBy: SatisfactionGroupBy,
    @Arg('unitId', () => ID, { nullable: true, description: 'Only this unit and the units below.' }) unitId: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Rows, 1 to 500.' }) first: number,
    @Ctx() ctx: RequestContext,
  ) {
    if (groupBy === SatisfactionGroupBy.CADRE && (ctx.account?.role === Role.VIEWER || ctx.account?.role === Role.INTAKE_STAFF))
      throw forbidden('Vai trò VIEWER và INTAKE_STAFF chỉ xem được số liệu tổng hợp theo cơ quan hoặc đơn vị', 'AGGREGATE_ONLY');
    return this.satisfaction.index(ctx, year, groupBy, unitId ?? null, pageSize(first, 'first', 500));
  }

  @Allow(...KEEPERS)
  @Mutation(() => AttitudeEvaluation, {
    description: 'Record the yearly public evaluation of a cadre’s attitude with the Fatherland Front (replaces that year’s).',
  })
  recordAttitudeEvaluation(
    @Arg('input', { description: 'The evaluation.' }) input: RecordAttitudeEvaluationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.satisfaction.recordAttitude(ctx, input);
  }

  @Allow(...READERS)
  @Query(() => [AttitudeEvaluation], { description: 'Public evaluations of attitude of a year, by name.' })
  attitudeEvaluations(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('unitId', () => ID, { nullable: true, description: 'Only this unit and the units below.' }) unitId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.satisfaction.attitudeEvaluations(ctx, year, unitId ?? null);
  }
}

@Resolver(() => AttitudeEvaluation)
export class AttitudeEvaluationResolver {
  @FieldResolver(() => Cadre, { nullable: true, description: 'The cadre.' })
  cadre(@Root() a: AttitudeEvaluation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.cadreById.load(a.cadreId);
  }
}
