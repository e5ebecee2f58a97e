import { createHash } from 'node:crypto';
import { AppError, badInput, conflict, ErrorCode, notFound, withReason } from '../../../common/errors';
import { todayInVietnam } from '../../../common/validation';
import type { RateLimiter } from '../../../db/rate-limiter';
import type { RequestContext } from '../../../graphql/context';
import { Body } from '../../units/unit.enums';
import { isUniqueViolation, scopeUnit, visibleCadre } from '../quality.access';
import { SatisfactionChannel } from '../quality.enums';
import {
  RecordAttitudeEvaluationInput,
  RecordProcedureCaseInput,
  RecordSatisfactionInput,
  SubmitSatisfactionInput,
} from './satisfaction.inputs';
import { validInput } from '../quality.validation';
import { round2 } from '../quality.loaders';
import { type QualityRuleSet, qualityRulesOn } from '../quality-rules';
import { AttitudeEvaluation, ProcedureCase, SatisfactionResult } from './satisfaction.entity';
import { generateReceiptCode, normalizeReceiptCode } from '../../reports/receipt-code';

export enum SatisfactionGroupBy {
  BODY = 'BODY',
  UNIT = 'UNIT',
  CADRE = 'CADRE',
}

export interface SatisfactionIndexRow {
  key: string;
  label: string;
  body: Body | null;
  procedures: number | null;
  surveyed: number | null;
  coveragePercent: number | null;
  answers: number;
  averageScore: number | null;
  satisfiedPercent: number | null;
}

const receiptKey = (s: string) => s.trim().toUpperCase();
const noSuchReceipt = (path: string) =>
  withReason(
    new AppError(
      ErrorCode.NOT_FOUND,
      'Không có hồ sơ thủ tục đã giải quyết xong mang số biên nhận này; hãy kiểm tra số in trên giấy biên nhận',
      { path },
    ),
    'RECEIPT_NUMBER_UNKNOWN',
  );

/**
 * The survey code's stored form: SHA-256 of the normalized code. No server secret is needed (unlike
 * report receipt codes, whose keyed hash also hides which codes exist): 80 random bits cannot be
 * found from the hash, and a database restored without the secrets keeps its codes working.
 * A malformed code is hashed too, so every answer does the same work whatever was typed.
 */
export function surveyCodeHash(code: string): string {
  const normalized = normalizeReceiptCode(code);
  return createHash('sha256')
    .update(normalized === null ? `invalid:${code}` : `survey:${normalized}`)
    .digest('hex');
}

/** One answer for an unknown code, a mistyped one, and a real code beside another procedure's receipt number. */
const noSuchSurveyCode = () =>
  withReason(
    new AppError(
      ErrorCode.NOT_FOUND,
      'Không tìm thấy hồ sơ với mã khảo sát này; hãy kiểm tra từng ký tự của mã in trên giấy biên nhận',
      { path: 'input.surveyCode' },
    ),
    'SURVEY_CODE_UNKNOWN',
  );

/** Completed procedures, satisfaction survey answers, the satisfaction index, the Front's public evaluation of attitude. */
export class SatisfactionService {
  constructor(
    private readonly rules: readonly QualityRuleSet[],
    private readonly rateLimiter: RateLimiter,
    private readonly limits: { submitPerHour: number },
  ) {}

  /** Records a completed procedure with its receipt number. Validates its input; a known receipt number is a CONFLICT. */
  async recordProcedureCase(ctx: RequestContext, raw: RecordProcedureCaseInput): Promise<ProcedureCase> {
    const input = await validInput(RecordProcedureCaseInput, raw);
    const today = todayInVietnam();
    if (input.completedOn > today)
      throw badInput(
        `Ngày giải quyết xong ${input.completedOn} ở tương lai (hôm nay là ${today})`,
        [{ path: 'input.completedOn', message: 'không được ở tương lai', code: 'DATE_IN_FUTURE' }],
        'DATE_IN_FUTURE',
      );
    if (!(await ctx.loaders.unitById.load(input.unitId)))
      throw badInput(
        `Không có cơ quan, đơn vị ${input.unitId}`,
        [{ path: 'input.unitId', message: 'không có cơ quan, đơn vị này', code: 'UNIT_NOT_FOUND' }],
        'UNIT_NOT_FOUND',
      );
    if (input.cadreId) await visibleCadre(ctx, input.cadreId);
    if (await ctx.manager.findOne(ProcedureCase, { where: { receiptNumber: receiptKey(input.receiptNumber) } }))
      throw conflict(`Số biên nhận ${input.receiptNumber} đã được ghi nhận`, {
        path: 'input.receiptNumber',
        reason: 'RECEIPT_NUMBER_TAKEN',
      });
    const surveyCode = generateReceiptCode();
    try {
      const saved = await ctx.manager.save(
        ctx.manager.create(ProcedureCase, {
          receiptNumber: receiptKey(input.receiptNumber),
          procedureName: input.procedureName,
          completedOn: input.completedOn,
          year: Number(input.completedOn.slice(0, 4)),
          unitId: input.unitId,
          cadreId: input.cadreId ?? null,
          surveyCodeHash: surveyCodeHash(surveyCode),
        }),
      );
      // Shown once, for the receipt; only the hash stays.
      saved.surveyCode = surveyCode;
      return saved;
    } catch (err) {
      if (isUniqueViolation(err, 'procedure_case_receipt_key'))
        throw conflict(`Số biên nhận ${input.receiptNumber} đã được ghi nhận`, {
          path: 'input.receiptNumber',
          reason: 'RECEIPT_NUMBER_TAKEN',
        });
      throw err;
    }
  }

  /**
   * Records a survey answer entered by staff or imported (the call for a satisfaction importer,
   * with `channel` IMPORT). Validates its input: the score must lie on the fixed scale of the rule
   * set in force on the survey day; with a receipt number the procedure, unit and cadre come from
   * the completed procedure (unknown: NOT_FOUND; already surveyed: CONFLICT); without one,
   * procedureName and unitId are required.
   */
  async record(
    ctx: RequestContext,
    raw: RecordSatisfactionInput,
    channel: SatisfactionChannel = SatisfactionChannel.STAFF,
  ): Promise<SatisfactionResult> {
    const input = await validInput(RecordSatisfactionInput, raw);
    const today = todayInVietnam();
    if (input.surveyedOn > today)
      throw badInput(
        `Ngày khảo sát ${input.surveyedOn} ở tương lai (hôm nay là ${today})`,
        [{ path: 'input.surveyedOn', message: 'không được ở tương lai', code: 'DATE_IN_FUTURE' }],
        'DATE_IN_FUTURE',
      );
    this.checkScale(input.score, input.surveyedOn, 'input.score');
    if (input.receiptNumber) {
      const pc = await ctx.manager.findOne(ProcedureCase, { where: { receiptNumber: receiptKey(input.receiptNumber) } });
      if (!pc) throw noSuchReceipt('input.receiptNumber');
      if (input.surveyedOn < pc.completedOn)
        throw badInput(
          `Ngày khảo sát (${input.surveyedOn}) trước ngày giải quyết xong thủ tục (${pc.completedOn})`,
          [{ path: 'input.surveyedOn', message: 'không được trước ngày giải quyết xong thủ tục', code: 'BEFORE_COMPLETION' }],
          'DATE_BEFORE_PREDECESSOR',
        );
      if (await ctx.manager.findOne(SatisfactionResult, { where: { procedureCaseId: pc.id } }))
        throw conflict('Thủ tục này đã được khảo sát: mỗi hồ sơ thủ tục đã giải quyết chỉ có một ý kiến đánh giá', {
          path: 'input.receiptNumber',
          reason: 'ALREADY_SURVEYED',
        });
      return this.insert(ctx, pc, { surveyedOn: input.surveyedOn, score: input.score, comment: input.comment ?? null, channel });
    }
    const missing = [
      ...(input.procedureName
        ? []
        : [{ path: 'input.procedureName', message: 'bắt buộc khi không có số biên nhận', code: 'REQUIRED' }]),
      ...(input.unitId ? [] : [{ path: 'input.unitId', message: 'bắt buộc khi không có số biên nhận', code: 'REQUIRED' }]),
    ];
    if (missing.length)
      throw badInput(
        'Hãy nhập số biên nhận, hoặc tên thủ tục và cơ quan, đơn vị giải quyết',
        missing,
        'RECEIPT_OR_PROCEDURE_REQUIRED',
      );
    const unit = await ctx.loaders.unitById.load(input.unitId!);
    if (!unit)
      throw badInput(
        `Không có cơ quan, đơn vị ${input.unitId}`,
        [{ path: 'input.unitId', message: 'không có cơ quan, đơn vị này', code: 'UNIT_NOT_FOUND' }],
        'UNIT_NOT_FOUND',
      );
    if (input.cadreId) await visibleCadre(ctx, input.cadreId);
    return ctx.manager.save(
      ctx.manager.create(SatisfactionResult, {
        procedureCaseId: null,
        procedureName: input.procedureName!,
        surveyedOn: input.surveyedOn,
        year: Number(input.surveyedOn.slice(0, 4)),
        unitId: unit.id,
        cadreId: input.cadreId ?? null,
        score: input.score,
        comment: input.comment ?? null,
        channel,
      }),
    );
  }

  /**
   * The citizen's own answer, with the survey code printed on the receipt; limited per client
   * address. The procedure is found by the code's hash alone, in one statement whatever was typed:
   * an unknown code, a mistyped one and a real code beside another procedure's receipt number get
   * the same NOT_FOUND after the same work, so an answer tells nothing about which procedures exist.
   * A second answer for the procedure is a CONFLICT (only the code's holder can learn that).
   */
  async submit(ctx: RequestContext, raw: SubmitSatisfactionInput): Promise<SatisfactionResult> {
    await this.rateLimiter.hit(
      { action: 'satisfaction submissions', max: this.limits.submitPerHour, windowSeconds: 3600 },
      ctx.clientAddress,
    );
    const input = await validInput(SubmitSatisfactionInput, raw);
    const today = todayInVietnam();
    this.checkScale(input.score, today, 'input.score');
    const code = input.surveyCode?.trim();
    if (!code)
      throw badInput(
        'Hãy nhập mã khảo sát in trên giấy biên nhận',
        [{ path: 'input.surveyCode', message: 'bắt buộc' }],
        'SURVEY_CODE_REQUIRED',
      );
    const pc = await ctx.manager.findOne(ProcedureCase, { where: { surveyCodeHash: surveyCodeHash(code) } });
    const receipt = input.receiptNumber?.trim();
    if (!pc || (receipt && receiptKey(receipt) !== pc.receiptNumber)) throw noSuchSurveyCode();
    return this.insert(ctx, pc, {
      surveyedOn: today,
      score: input.score,
      comment: input.comment ?? null,
      channel: SatisfactionChannel.PUBLIC,
    });
  }

  private checkScale(score: number, day: string, path: string): void {
    const scale = qualityRulesOn(this.rules, day).satisfaction;
    if (!Number.isInteger(score) || score < scale.min || score > scale.max)
      throw badInput(
        `Điểm ${score} nằm ngoài thang điểm: từ ${scale.min} đến ${scale.max}`,
        [{ path, message: `phải là số nguyên từ ${scale.min} đến ${scale.max}`, code: 'OUT_OF_RANGE' }],
        'SCORE_OFF_SCALE',
      );
  }

  private async insert(
    ctx: RequestContext,
    pc: ProcedureCase,
    v: { surveyedOn: string; score: number; comment: string | null; channel: SatisfactionChannel },
  ): Promise<SatisfactionResult> {
    try {
      // A savepoint: the unique violation must not abort the caller's transaction (importers run many rows in one).
      return await ctx.manager.transaction((m) =>
        m.save(
          m.create(SatisfactionResult, {
            procedureCaseId: pc.id,
            procedureName: pc.procedureName,
            surveyedOn: v.surveyedOn,
            year: pc.year,
            unitId: pc.unitId,
            cadreId: pc.cadreId,
            score: v.score,
            comment: v.comment,
            channel: v.channel,
          }),
        ),
      );
    } catch (err) {
      if (isUniqueViolation(err, 'satisfaction_result_procedure_key'))
        throw conflict('Thủ tục này đã được khảo sát: mỗi hồ sơ thủ tục đã giải quyết chỉ có một ý kiến đánh giá', {
          path: 'input.receiptNumber',
          reason: 'ALREADY_SURVEYED',
        });
      throw err;
    }
  }

  /**
   * The satisfaction index of a year grouped by body, unit or cadre within the scope: answers,
   * average score, share satisfied, and (body, unit) coverage of completed procedures. Body and
   * unit read `satisfaction_tally`; cadres the answers themselves (worst first, at most `first`).
   */
  async index(
    ctx: RequestContext,
    year: number,
    groupBy: SatisfactionGroupBy,
    unitId: string | null,
    first: number,
  ): Promise<SatisfactionIndexRow[]> {
    const scope = await scopeUnit(ctx, unitId);
    if (groupBy === SatisfactionGroupBy.CADRE) {
      const rows = (await ctx.manager.query(
        `SELECT r.cadre_id AS key, c.full_name AS label, u.body, count(*)::int AS answers, avg(r.score)::float AS avg,
                (100.0 * count(*) FILTER (WHERE r.score >= 4) / count(*))::float AS satisfied
         FROM satisfaction_result r JOIN cadre c ON c.id = r.cadre_id JOIN unit u ON u.id = r.unit_id
         WHERE r.year = $1 AND r.cadre_id IS NOT NULL AND ($2::text IS NULL OR u.path LIKE $2 || '%')
         GROUP BY r.cadre_id, c.full_name, u.body ORDER BY avg, r.cadre_id LIMIT $3`,
        [year, scope?.path ?? null, first],
      )) as Array<{ key: string; label: string; body: Body | null; answers: number; avg: number; satisfied: number }>;
      return rows.map((r) => ({
        key: r.key,
        label: r.label,
        body: r.body,
        procedures: null,
        surveyed: null,
        coveragePercent: null,
        answers: r.answers,
        averageScore: round2(r.avg),
        satisfiedPercent: round2(r.satisfied),
      }));
    }
    const byBody = groupBy === SatisfactionGroupBy.BODY;
    const rows = (await ctx.manager.query(
      `SELECT ${byBody ? `coalesce(u.body::text, 'NONE') AS key, coalesce(u.body::text, 'NONE') AS label, u.body` : 'u.id AS key, u.name AS label, u.body'},
              sum(t.procedures)::float AS procedures, sum(t.surveyed)::float AS surveyed, sum(t.answers)::float AS answers,
              sum(t.score_sum)::float AS score_sum, sum(t.satisfied)::float AS satisfied
       FROM satisfaction_tally t JOIN unit u ON u.id = t.unit_id
       WHERE t.year = $1 AND ($2::text IS NULL OR u.path LIKE $2 || '%')
       GROUP BY ${byBody ? 'u.body' : 'u.id, u.name, u.body'}
       ORDER BY ${byBody ? 'u.body' : 'sum(t.satisfied)::float / nullif(sum(t.answers), 0) NULLS FIRST, u.id'} LIMIT $3`,
      [year, scope?.path ?? null, first],
    )) as Array<{
      key: string;
      label: string;
      body: Body | null;
      procedures: number;
      surveyed: number;
      answers: number;
      score_sum: number;
      satisfied: number;
    }>;
    return rows.map((r) => ({
      key: r.key,
      label: r.label,
      body: r.body,
      procedures: r.procedures,
      surveyed: r.surveyed,
      coveragePercent: r.procedures ? round2((100 * r.surveyed) / r.procedures) : null,
      answers: r.answers,
      averageScore: r.answers ? round2(r.score_sum / r.answers) : null,
      satisfiedPercent: r.answers ? round2((100 * r.satisfied) / r.answers) : null,
    }));
  }

  /** Records (or replaces) the year's public evaluation of a cadre's attitude. Validates its input. */
  async recordAttitude(ctx: RequestContext, raw: RecordAttitudeEvaluationInput): Promise<AttitudeEvaluation> {
    const input = await validInput(RecordAttitudeEvaluationInput, raw);
    const cadre = await visibleCadre(ctx, input.cadreId);
    const existing = await ctx.manager.findOne(AttitudeEvaluation, { where: { cadreId: cadre.id, year: input.year } });
    const row = existing ?? ctx.manager.create(AttitudeEvaluation, { cadreId: cadre.id, year: input.year });
    Object.assign(row, {
      respondents: input.respondents,
      satisfiedPercent: input.satisfiedPercent,
      rating: input.rating,
      note: input.note ?? null,
    });
    return ctx.manager.save(row);
  }

  async attitudeEvaluations(ctx: RequestContext, year: number, unitId: string | null): Promise<AttitudeEvaluation[]> {
    const scope = await scopeUnit(ctx, unitId);
    const ids = (await ctx.manager.query(
      `SELECT a.id FROM attitude_evaluation a JOIN cadre c ON c.id = a.cadre_id JOIN unit u ON u.id = c.unit_id
       WHERE a.year = $1 AND ($2::text IS NULL OR u.path LIKE $2 || '%') ORDER BY c.search_name, a.id LIMIT 500`,
      [year, scope?.path ?? null],
    )) as Array<{ id: string }>;
    if (!ids.length) return [];
    const rows = await ctx.manager.getRepository(AttitudeEvaluation).findBy(ids.map((r) => ({ id: r.id })));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((r) => byId.get(r.id)!);
  }

  /** Kept for callers that need it by id. */
  async procedureCase(ctx: RequestContext, id: string): Promise<ProcedureCase> {
    const pc = await ctx.manager.findOne(ProcedureCase, { where: { id } });
    if (!pc) throw notFound('Procedure case', id);
    return pc;
  }
}
