import { In } from 'typeorm';
import { badInput, conflict, notFound } from '../../../common/errors';
import { todayInVietnam } from '../../../common/validation';
import type { RequestContext } from '../../../graphql/context';
import type { Cadre } from '../../cadres/cadre.entity';
import { POLITICAL_THEORY_NAME, PoliticalTheory, QUALIFICATION_NAME, Qualification } from '../../cadres/cadre.enums';
import { type Unit } from '../../units/unit.entity';
import { CreateTrainingCourseInput, RecordAttendanceInput, SetPostStandardInput, SetTrainingPlanInput } from './training.inputs';
import { validInput } from '../quality.validation';
import { EMPLOYED_IN_SQL, employedIn, isUniqueViolation, scopeUnit, visibleCadre } from '../quality.access';
import { StandardRequirement, TrainingCategory, TrainingResult } from '../quality.enums';
import { type QualityRuleSet, qualityRulesOn, type StandardSpec } from '../quality-rules';
import { PostStandard } from './standard.entity';
import { TrainingAttendance, TrainingCourse, TrainingPlan } from './training.entity';

const QUALIFICATION_ORDER = Object.values(Qualification);
const THEORY_ORDER = Object.values(PoliticalTheory);

export interface StandardGapView {
  requirement: StandardRequirement;
  required: string;
  actual: string | null;
  message: string;
}

const CATEGORY_VI: Record<TrainingCategory, string> = {
  POLITICAL_THEORY: 'lý luận chính trị',
  LEADERSHIP_GOVERNANCE: 'kỹ năng lãnh đạo, quản trị hiện đại',
  DIGITAL_ADMINISTRATION: 'quản trị số',
  CITIZEN_RECEPTION: 'tiếp công dân, xử lý tình huống',
  ADMIN_SOFTWARE: 'phần mềm hành chính, Cổng dịch vụ công',
  PROFESSIONAL: 'chuyên môn, nghiệp vụ',
};

/** What a cadre's record lacks against a standard (pure: used by the field and its unit tests). */
export function gapsAgainst(
  standard: StandardSpec,
  cadre: Pick<Cadre, 'qualification' | 'politicalTheory'>,
  passed: ReadonlySet<TrainingCategory>,
): StandardGapView[] {
  const gaps: StandardGapView[] = [];
  if (QUALIFICATION_ORDER.indexOf(cadre.qualification) < QUALIFICATION_ORDER.indexOf(standard.minQualification))
    gaps.push({
      requirement: StandardRequirement.QUALIFICATION,
      required: standard.minQualification,
      actual: cadre.qualification,
      message: `Trình độ chuyên môn ${QUALIFICATION_NAME[cadre.qualification]} thấp hơn yêu cầu (${QUALIFICATION_NAME[standard.minQualification]})`,
    });
  if (THEORY_ORDER.indexOf(cadre.politicalTheory) < THEORY_ORDER.indexOf(standard.minPoliticalTheory))
    gaps.push({
      requirement: StandardRequirement.POLITICAL_THEORY,
      required: standard.minPoliticalTheory,
      actual: cadre.politicalTheory,
      message: `Trình độ lý luận chính trị ${POLITICAL_THEORY_NAME[cadre.politicalTheory]} thấp hơn yêu cầu (${POLITICAL_THEORY_NAME[standard.minPoliticalTheory]})`,
    });
  for (const cat of standard.requiredTraining)
    if (!passed.has(cat))
      gaps.push({
        requirement: StandardRequirement.TRAINING,
        required: cat,
        actual: null,
        message: `Chưa được bồi dưỡng ${CATEGORY_VI[cat]}`,
      });
  return gaps;
}

export interface TrainingPlanProgress {
  plan: TrainingPlan;
  trained: number;
}

/** Post standards, training courses, attendance and yearly training plans. */
export class TrainingService {
  constructor(private readonly rules: readonly QualityRuleSet[]) {}

  /** The standard a post requires: its own row, else the rule data's default for its category. */
  async standardOfPost(ctx: RequestContext, postId: string): Promise<StandardSpec> {
    const own = await ctx.loaders.postStandardByPost.load(postId);
    if (own) return own;
    const post = await ctx.loaders.postById.load(postId);
    const defaults = qualityRulesOn(this.rules, todayInVietnam()).defaultStandards;
    return post?.isManagement ? defaults.management : defaults.staff;
  }

  /** What the cadre's record lacks against their post's standard; [] when they meet it. */
  async standardGaps(ctx: RequestContext, cadre: Cadre): Promise<StandardGapView[]> {
    const [standard, passed] = await Promise.all([
      this.standardOfPost(ctx, cadre.postId),
      ctx.loaders.passedTrainingByCadre.load(cadre.id),
    ]);
    return gapsAgainst(standard, cadre, new Set(passed.map((a) => a.category)));
  }

  /** Sets (creates or replaces) a post's standard. Validates its input. */
  async setPostStandard(ctx: RequestContext, raw: SetPostStandardInput): Promise<PostStandard> {
    const input = await validInput(SetPostStandardInput, raw);
    if (!(await ctx.loaders.postById.load(input.postId))) throw notFound('Post', input.postId);
    const existing = await ctx.manager.findOne(PostStandard, { where: { postId: input.postId } });
    const row = existing ?? ctx.manager.create(PostStandard, { postId: input.postId });
    Object.assign(row, {
      minQualification: input.minQualification,
      minPoliticalTheory: input.minPoliticalTheory,
      requiredTraining: [...new Set(input.requiredTraining)],
    });
    return ctx.manager.save(row);
  }

  /** Creates a course. Validates its input: dates real, endsOn not before startsOn. */
  async createCourse(ctx: RequestContext, raw: CreateTrainingCourseInput): Promise<TrainingCourse> {
    const input = await validInput(CreateTrainingCourseInput, raw);
    if (input.endsOn < input.startsOn)
      throw badInput(
        `Khóa học kết thúc (${input.endsOn}) trước khi bắt đầu (${input.startsOn})`,
        [{ path: 'input.endsOn', message: 'không được trước ngày bắt đầu', code: 'ENDS_BEFORE_START' }],
        'ENDS_BEFORE_START',
      );
    return ctx.manager.save(ctx.manager.create(TrainingCourse, { ...input, year: Number(input.endsOn.slice(0, 4)) }));
  }

  /**
   * Records one cadre's attendance of a course (the call for a training-record importer). Validates
   * its input; the course and cadre must exist (NOT_FOUND), the cadre must have been employed in
   * the course's year, a certificate goes with PASSED only; the same course and cadre twice is a CONFLICT.
   */
  async recordAttendance(ctx: RequestContext, raw: RecordAttendanceInput): Promise<TrainingAttendance> {
    const input = await validInput(RecordAttendanceInput, raw);
    const course = await ctx.manager.findOne(TrainingCourse, { where: { id: input.courseId } });
    if (!course)
      throw badInput(
        `Không có khóa bồi dưỡng ${input.courseId}`,
        [{ path: 'input.courseId', message: 'không có khóa học này', code: 'UNKNOWN_COURSE' }],
        'UNKNOWN_COURSE',
      );
    const cadre = await visibleCadre(ctx, input.cadreId);
    if (!employedIn(cadre, course.year))
      throw badInput(
        `${cadre.fullName} không công tác trong năm ${course.year}, năm của khóa học`,
        [{ path: 'input.cadreId', message: `không công tác trong năm ${course.year}`, code: 'NOT_EMPLOYED_IN_YEAR' }],
        'NOT_EMPLOYED_IN_YEAR',
      );
    if (input.certificateNumber && input.result !== TrainingResult.PASSED)
      throw badInput(
        'Chỉ cấp chứng chỉ khi kết quả là Đạt (PASSED)',
        [{ path: 'input.certificateNumber', message: 'chỉ khi kết quả là PASSED', code: 'CERTIFICATE_WITHOUT_PASS' }],
        'CERTIFICATE_WITHOUT_PASS',
      );
    // Checked first, so the usual duplicate (a re-imported row) does not abort the caller's transaction.
    if (await ctx.manager.findOne(TrainingAttendance, { where: { courseId: course.id, cadreId: cadre.id } }))
      throw conflict(`Việc ${cadre.fullName} tham dự "${course.title}" đã được ghi nhận`, {
        courseId: course.id,
        cadreId: cadre.id,
        reason: 'ATTENDANCE_EXISTS',
      });
    try {
      return await ctx.manager.save(
        ctx.manager.create(TrainingAttendance, {
          courseId: course.id,
          cadreId: cadre.id,
          category: course.category,
          year: course.year,
          result: input.result,
          certificateNumber: input.certificateNumber ?? null,
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err, 'training_attendance_key'))
        throw conflict(`Việc ${cadre.fullName} tham dự "${course.title}" đã được ghi nhận`, {
          courseId: course.id,
          cadreId: cadre.id,
          reason: 'ATTENDANCE_EXISTS',
        });
      throw err;
    }
  }

  /** Sets a unit's plan for a year and category. Validates its input. */
  async setTrainingPlan(ctx: RequestContext, raw: SetTrainingPlanInput): Promise<TrainingPlan> {
    const input = await validInput(SetTrainingPlanInput, raw);
    if (!(await ctx.loaders.unitById.load(input.unitId))) throw notFound('Unit', input.unitId);
    const existing = await ctx.manager.findOne(TrainingPlan, {
      where: { unitId: input.unitId, year: input.year, category: input.category },
    });
    const row =
      existing ?? ctx.manager.create(TrainingPlan, { unitId: input.unitId, year: input.year, category: input.category });
    Object.assign(row, { plannedCadres: input.plannedCadres, note: input.note ?? null });
    return ctx.manager.save(row);
  }

  async courses(ctx: RequestContext, year: number, category: TrainingCategory | null): Promise<TrainingCourse[]> {
    return ctx.manager.find(TrainingCourse, {
      where: { year, ...(category ? { category } : {}) },
      order: { startsOn: 'ASC', id: 'ASC' },
      take: 500,
    });
  }

  /** Plans of a year within the scope, with how many cadres of each unit's subtree passed the category that year. */
  async plans(ctx: RequestContext, year: number, unitId: string | null): Promise<TrainingPlanProgress[]> {
    const scope = await scopeUnit(ctx, unitId);
    const rows = (await ctx.manager.query(
      `SELECT p.id, (SELECT count(DISTINCT a.cadre_id)::int FROM training_attendance a JOIN cadre c ON c.id = a.cadre_id JOIN unit cu ON cu.id = c.unit_id
                      WHERE a.year = p.year AND a.category = p.category AND a.result = 'PASSED' AND cu.path LIKE u.path || '%') AS trained
       FROM training_plan p JOIN unit u ON u.id = p.unit_id
       WHERE p.year = $1 AND ($2::text IS NULL OR u.path LIKE $2 || '%') ORDER BY u.path, p.category LIMIT 500`,
      [year, scope?.path ?? null],
    )) as Array<{ id: string; trained: number }>;
    if (!rows.length) return [];
    const plans = await ctx.manager.findBy(TrainingPlan, { id: In(rows.map((r) => r.id)) });
    const byId = new Map(plans.map((p) => [p.id, p]));
    return rows.map((r) => ({ plan: byId.get(r.id)!, trained: r.trained }));
  }

  /** Cadres employed in the year, in scope, who have not passed a course of the category that year; by name. */
  async untrained(
    ctx: RequestContext,
    year: number,
    category: TrainingCategory,
    unitId: string | null,
    first: number,
  ): Promise<{ cadreIds: string[]; totalCount: number }> {
    const scope: Unit | null = await scopeUnit(ctx, unitId);
    const rows = (await ctx.manager.query(
      `SELECT c.id, count(*) OVER ()::int AS total FROM cadre c JOIN unit u ON u.id = c.unit_id
       WHERE ${EMPLOYED_IN_SQL('$1::int')} AND ($3::text IS NULL OR u.path LIKE $3 || '%')
         AND NOT EXISTS (SELECT 1 FROM training_attendance a WHERE a.cadre_id = c.id AND a.category = $2 AND a.year = $1 AND a.result = 'PASSED')
       ORDER BY c.search_name, c.id LIMIT $4`,
      [year, category, scope?.path ?? null, first],
    )) as Array<{ id: string; total: number }>;
    return { cadreIds: rows.map((r) => r.id), totalCount: rows[0]?.total ?? 0 };
  }
}
