import { badInput, conflict, notFound } from '../../../common/errors';
import { todayInVietnam } from '../../../common/validation';
import { assertVersion } from '../../../db/optimistic-lock';
import type { RequestContext } from '../../../graphql/context';
import type { Cadre } from '../../cadres/cadre.entity';
import { Evaluation, RatingQuotaException, WorkPlan } from './evaluation.entity';
import { cadreYear } from '../quality.loaders';
import {
  RecordEvaluationInput,
  RecordQuotaExceptionInput,
  SetWorkPlanInput,
  TASK_GROUPS,
  UpdateEvaluationInput,
} from './evaluations.inputs';
import { validInput } from '../quality.validation';
import { employedIn, isUniqueViolation, scopeUnit, visibleCadre } from '../quality.access';
import { WARD_FIRST_YEAR, WARD_FORMED_ON } from '../../units/ward';
import { Rating, RATING_RANK } from '../quality.enums';
import { bandOf, type QualityRuleSet, qualityRulesOn, withinQuota } from '../quality-rules';

const RATING_VI: Record<Rating, string> = {
  EXCELLENT: 'hoàn thành xuất sắc nhiệm vụ',
  WELL: 'hoàn thành tốt nhiệm vụ',
  COMPLETED: 'hoàn thành nhiệm vụ',
  NOT_COMPLETED: 'không hoàn thành nhiệm vụ',
};

/** Annual evaluations and ratings, the quota exceptions, and personal work plans. */
export class EvaluationsService {
  constructor(private readonly rules: readonly QualityRuleSet[]) {}

  /** The rule set an evaluation of `year` follows: the one in force on 31 December. */
  rulesFor(year: number): QualityRuleSet {
    return qualityRulesOn(this.rules, `${year}-12-31`);
  }

  /**
   * Records the annual evaluation of a cadre (the call for an evaluation importer). Validates its
   * input, then enforces: the cadre exists and is visible (a UNIT_HEAD rates its own subtree); the
   * year is not in the future and the cadre was employed in it; one evaluation per cadre and year
   * (CONFLICT with `existingEvaluationId`); a score caps the rating at its band; a cadre with a
   * FINAL discipline case decided that year is rated NOT_COMPLETED; "excellent" ratings stay within
   * the quota of their unit and task group unless an exception is recorded.
   */
  async record(ctx: RequestContext, raw: RecordEvaluationInput): Promise<Evaluation> {
    const input = await validInput(RecordEvaluationInput, raw);
    const cadre = await visibleCadre(ctx, input.cadreId);
    const thisYear = Number(todayInVietnam().slice(0, 4));
    if (input.year > thisYear)
      throw badInput(
        `Năm ${input.year} chưa đến: chỉ đánh giá được các năm đến ${thisYear}`,
        [{ path: 'input.year', message: 'không được là năm tương lai', code: 'YEAR_IN_FUTURE' }],
        'YEAR_IN_FUTURE',
      );
    if (input.year < WARD_FIRST_YEAR)
      throw badInput(
        `Năm ${input.year} phường chưa thành lập (thành lập ngày ${WARD_FORMED_ON}): không có đánh giá của phường cho năm đó`,
        [{ path: 'input.year', message: `phải từ năm ${WARD_FIRST_YEAR} trở đi`, code: 'BEFORE_WARD_FORMED' }],
        'BEFORE_WARD_FORMED',
      );
    // Without a recorded start of employment, no one is employed before turning 18.
    if (!employedIn(cadre, input.year) || input.year < Number(cadre.dateOfBirth.slice(0, 4)) + 18)
      throw badInput(
        `${cadre.fullName} không công tác trong năm ${input.year} (công tác từ ${cadre.employedFrom ?? 'trước khi có sổ cán bộ'} đến ${cadre.employmentEndedOn ?? 'nay'}): không đánh giá cho năm đó`,
        [{ path: 'input.year', message: `cán bộ không công tác trong năm ${input.year}`, code: 'NOT_EMPLOYED_IN_YEAR' }],
        'NOT_EMPLOYED_IN_YEAR',
      );
    const existing = await ctx.manager.findOne(Evaluation, { where: { cadreId: cadre.id, year: input.year } });
    if (existing)
      throw conflict(`${cadre.fullName} đã có đánh giá năm ${input.year}; sửa bằng updateEvaluation`, {
        existingEvaluationId: existing.id,
        reason: 'EVALUATION_EXISTS',
      });
    const post = await ctx.loaders.postById.load(cadre.postId);
    const row = ctx.manager.create(Evaluation, {
      cadreId: cadre.id,
      year: input.year,
      unitId: cadre.unitId,
      taskGroup: input.taskGroup ?? (post?.isManagement ? TASK_GROUPS.LEADERS : TASK_GROUPS.STAFF),
      selfAssessment: input.selfAssessment,
      unitHeadAssessment: input.unitHeadAssessment ?? null,
      score: input.score ?? null,
      rating: input.rating,
      ruleSetId: this.rulesFor(input.year).id,
      ratedById: ctx.account?.id ?? null,
    });
    await this.enforce(ctx, cadre, row, 'input');
    try {
      return await ctx.manager.save(row);
    } catch (err) {
      if (isUniqueViolation(err, 'evaluation_key'))
        throw conflict(`${cadre.fullName} đã có đánh giá năm ${input.year}`, {
          cadreId: cadre.id,
          year: input.year,
          reason: 'EVALUATION_EXISTS',
        });
      throw err;
    }
  }

  /** Changes the assessment, score or rating of an evaluation; the rules are checked again. */
  async update(ctx: RequestContext, raw: UpdateEvaluationInput): Promise<Evaluation> {
    const input = await validInput(UpdateEvaluationInput, raw);
    const row = await ctx.manager.findOne(Evaluation, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound('Evaluation', input.id);
    const cadre = await visibleCadre(ctx, row.cadreId, 'input.id');
    assertVersion('Evaluation', row, input.version);
    const previous = row.rating;
    if (input.unitHeadAssessment !== undefined && input.unitHeadAssessment !== null)
      row.unitHeadAssessment = input.unitHeadAssessment;
    if (input.score !== undefined) row.score = input.score;
    if (input.rating) row.rating = input.rating;
    row.ratedById = ctx.account?.id ?? null;
    await this.enforce(ctx, cadre, row, 'input', previous);
    return ctx.manager.save(row);
  }

  /** The rating rules, checked before the row is written (so an importer's transaction stays clean). */
  private async enforce(
    ctx: RequestContext,
    cadre: Cadre,
    row: Evaluation,
    prefix: string,
    previous: Rating | null = null,
  ): Promise<void> {
    const rules = this.rulesFor(row.year);
    if (row.score !== null) {
      const band = bandOf(rules, row.score);
      if (RATING_RANK[row.rating] < RATING_RANK[band])
        throw badInput(
          `${row.score} điểm thuộc mức "${RATING_VI[band]}" (${rules.scoreBands.citation}); xếp loại "${RATING_VI[row.rating]}" cao hơn mức đó`,
          [
            {
              path: `${prefix}.rating`,
              message: `với ${row.score} điểm, cao nhất là "${RATING_VI[band]}"`,
              code: 'RATING_ABOVE_SCORE_BAND',
            },
          ],
          'RATING_ABOVE_SCORE_BAND',
        );
    }
    const cases = await ctx.loaders.finalDisciplineByCadreYear.load(cadreYear(cadre.id, row.year));
    if (cases.length && row.rating !== rules.disciplined.rating) {
      const c = cases[0]!;
      throw badInput(
        `${cadre.fullName} bị kỷ luật trong năm ${row.year} (quyết định ${c.decisionNumber ?? c.id} ngày ${c.decisionDate}): phải xếp loại "${RATING_VI[rules.disciplined.rating]}" (${rules.disciplined.citation})`,
        [
          {
            path: `${prefix}.rating`,
            message: `phải là "${RATING_VI[rules.disciplined.rating]}": bị kỷ luật trong năm ${row.year}`,
            code: 'DISCIPLINED_IN_YEAR',
          },
        ],
        'DISCIPLINED_IN_YEAR',
      );
    }
    // Only a write that adds an "excellent" or removes a "well" can break the quota.
    const addsExcellent = row.rating === Rating.EXCELLENT && previous !== Rating.EXCELLENT;
    const removesWell = previous === Rating.WELL && row.rating !== Rating.WELL;
    if (!addsExcellent && !removesWell) return;
    // Serialise writers of one unit, year and task group so two concurrent "excellent" ratings cannot both pass the quota.
    await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('evaluation-quota:' || $1 || ':' || $2 || ':' || $3))`, [
      row.unitId,
      row.year,
      row.taskGroup,
    ]);
    const [counts] = (await ctx.manager.query(
      `SELECT count(*) FILTER (WHERE rating = 'EXCELLENT')::int AS excellent, count(*) FILTER (WHERE rating = 'WELL')::int AS well
       FROM evaluation WHERE unit_id = $1 AND year = $2 AND task_group = $3 AND ($4::uuid IS NULL OR id <> $4)`,
      [row.unitId, row.year, row.taskGroup, row.id ?? null],
    )) as [{ excellent: number; well: number }];
    const after = {
      excellent: counts.excellent + (row.rating === Rating.EXCELLENT ? 1 : 0),
      well: counts.well + (row.rating === Rating.WELL ? 1 : 0),
    };
    const quota = withinQuota(rules, after);
    if (!quota.ok) {
      const exception = await ctx.manager.findOne(RatingQuotaException, {
        where: { unitId: row.unitId, year: row.year, taskGroup: row.taskGroup },
      });
      if (exception) return;
      const unit = await ctx.loaders.unitById.load(row.unitId);
      throw badInput(
        `Vượt tỷ lệ "${RATING_VI[Rating.EXCELLENT]}" ở ${unit?.name ?? row.unitId}, năm ${row.year}, nhóm nhiệm vụ ${row.taskGroup}: ${after.excellent} người "${RATING_VI[Rating.EXCELLENT]}" so với ${after.well} người "${RATING_VI[Rating.WELL]}"; tối đa ${rules.excellentQuota.percent}% số người ${rules.excellentQuota.of === Rating.WELL ? `"${RATING_VI[Rating.WELL]}"` : `"${RATING_VI[Rating.WELL]}" trở lên`} (${quota.allowed} người), trừ khi đã ghi nhận ngoại lệ (recordRatingQuotaException)`,
        [
          {
            path: `${prefix}.rating`,
            message: `vượt tỷ lệ: ${after.excellent} xuất sắc, ${after.well} tốt, tối đa ${quota.allowed}`,
            code: 'EXCELLENT_QUOTA_EXCEEDED',
          },
        ],
        'EXCELLENT_QUOTA_EXCEEDED',
      );
    }
  }

  /** Records an exception to the quota for a unit, year and task group. Validates its input. */
  async recordQuotaException(ctx: RequestContext, raw: RecordQuotaExceptionInput): Promise<RatingQuotaException> {
    const input = await validInput(RecordQuotaExceptionInput, raw);
    const unit = await ctx.loaders.unitById.load(input.unitId);
    if (!unit) throw notFound('Unit', input.unitId);
    try {
      return await ctx.manager.save(ctx.manager.create(RatingQuotaException, { ...input }));
    } catch (err) {
      if (isUniqueViolation(err, 'rating_quota_exception_key'))
        throw conflict(`Ngoại lệ cho ${unit.name}, năm ${input.year}, nhóm ${input.taskGroup} đã được ghi nhận`, {
          reason: 'QUOTA_EXCEPTION_EXISTS',
        });
      throw err;
    }
  }

  /** Sets (creates or replaces) a cadre's personal work plan for a year. Validates its input. */
  async setWorkPlan(ctx: RequestContext, raw: SetWorkPlanInput): Promise<WorkPlan> {
    const input = await validInput(SetWorkPlanInput, raw);
    const cadre = await visibleCadre(ctx, input.cadreId);
    if (!employedIn(cadre, input.year))
      throw badInput(
        `${cadre.fullName} không công tác trong năm ${input.year}`,
        [{ path: 'input.year', message: `không công tác trong năm ${input.year}`, code: 'NOT_EMPLOYED_IN_YEAR' }],
        'NOT_EMPLOYED_IN_YEAR',
      );
    input.tasks.forEach((t, i) => {
      if (Number(t.deadline.slice(0, 4)) < input.year)
        throw badInput(
          `Nhiệm vụ ${i + 1} có hạn trước năm ${input.year}`,
          [{ path: `input.tasks.${i}.deadline`, message: `phải từ năm ${input.year} trở đi`, code: 'DEADLINE_BEFORE_YEAR' }],
          'DEADLINE_BEFORE_YEAR',
        );
    });
    const existing = await ctx.manager.findOne(WorkPlan, { where: { cadreId: cadre.id, year: input.year } });
    const row = existing ?? ctx.manager.create(WorkPlan, { cadreId: cadre.id, year: input.year });
    row.tasks = input.tasks.map((t) => ({ title: t.title, deadline: t.deadline, output: t.output, result: t.result ?? null }));
    row.reviewNote = input.reviewNote ?? null;
    return ctx.manager.save(row);
  }

  /** Evaluations of a year within the scope, by unit then name. */
  async list(ctx: RequestContext, year: number, unitId: string | null, rating: Rating | null): Promise<Evaluation[]> {
    const scope = await scopeUnit(ctx, unitId);
    const ids = (await ctx.manager.query(
      `SELECT e.id FROM evaluation e JOIN unit u ON u.id = e.unit_id JOIN cadre c ON c.id = e.cadre_id
       WHERE e.year = $1 AND ($2::text IS NULL OR u.path LIKE $2 || '%') AND ($3::rating IS NULL OR e.rating = $3)
       ORDER BY u.path, c.search_name, e.id LIMIT 500`,
      [year, scope?.path ?? null, rating],
    )) as Array<{ id: string }>;
    if (!ids.length) return [];
    const rows = await ctx.manager.getRepository(Evaluation).findBy(ids.map((r) => ({ id: r.id })));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((r) => byId.get(r.id)!);
  }
}
