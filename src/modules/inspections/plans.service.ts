import { badInput, conflict, notFound } from '../../common/errors';
import { todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import { assertVersion } from '../../db/optimistic-lock';
import { assertInspectionKind } from './inspection-kinds';
import { CONCLUDED_STAGES } from './inspection-workflow';
import type { Inspection } from './inspection.entity';
import { InspectionStatus, InspectionSubjectType } from './inspection.enums';
import { InspectionPlan, PlanItem, PlanScope } from './plan.entity';
import type { AddPlanItemInput, CreateInspectionPlanInput, UpdateInspectionPlanInput, UpdatePlanItemInput } from './plans.inputs';

/** Progress of a programme: planned vs started vs concluded, and overdue items. */
export interface PlanProgressValue {
  planned: number;
  started: number;
  concluded: number;
  overdue: number;
}

/** Last day of a quarter, `YYYY-MM-DD`. */
export function endOfQuarter(year: number, quarter: number): string {
  return new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10);
}

/**
 * An item is started when its inspection left PLANNED (and was not cancelled), concluded when
 * the inspection has a conclusion, and overdue when its quarter has ended without a conclusion.
 */
export function progressOf(
  items: readonly PlanItem[],
  inspections: ReadonlyArray<Inspection | null>,
  today = todayInVietnam(),
): PlanProgressValue {
  const p = { planned: items.length, started: 0, concluded: 0, overdue: 0 };
  items.forEach((item, i) => {
    const insp = inspections[i] ?? null;
    const started = !!insp && insp.status !== InspectionStatus.PLANNED && insp.status !== InspectionStatus.CANCELLED;
    const concluded = !!insp && CONCLUDED_STAGES.includes(insp.status);
    if (started) p.started++;
    if (concluded) p.concluded++;
    if (!concluded && endOfQuarter(item.plannedYear, item.plannedQuarter) < today) p.overdue++;
  });
  return p;
}

/** Term and yearly inspection and supervision programmes. */
export class PlansService {
  async create(ctx: RequestContext, input: CreateInspectionPlanInput): Promise<InspectionPlan> {
    if (input.toYear < input.fromYear)
      throw badInput(
        'Năm kết thúc (toYear) trước năm bắt đầu (fromYear)',
        [{ path: 'input.toYear', message: 'không được trước fromYear' }],
        'PERIOD_REVERSED',
      );
    if (input.scope === PlanScope.YEAR && input.toYear !== input.fromYear) {
      throw badInput(
        'Kế hoạch năm chỉ gồm một năm: fromYear và toYear phải bằng nhau',
        [{ path: 'input.toYear', message: 'phải bằng fromYear' }],
        'YEAR_PLAN_ONE_YEAR',
      );
    }
    if (input.scope === PlanScope.TERM) {
      const overlapping = await ctx.manager
        .createQueryBuilder(InspectionPlan, 'p')
        .where('p.scope = :term AND p.from_year <= :to AND p.to_year >= :from', {
          term: PlanScope.TERM,
          from: input.fromYear,
          to: input.toYear,
        })
        .getOne();
      if (overlapping)
        throw badInput(
          `Chương trình toàn khóa không được trùng thời gian với chương trình khác: ${input.fromYear}-${input.toYear} trùng với "${overlapping.title}" (${overlapping.fromYear}-${overlapping.toYear})`,
          [{ path: 'input.fromYear', message: `trùng ${overlapping.fromYear}-${overlapping.toYear}` }],
          'TERM_OVERLAP',
        );
    } else {
      const term = await ctx.manager
        .createQueryBuilder(InspectionPlan, 'p')
        .where('p.scope = :term AND p.from_year <= :year AND p.to_year >= :year', { term: PlanScope.TERM, year: input.fromYear })
        .getOne();
      if (!term)
        throw badInput(
          `Kế hoạch năm phải nằm trong một nhiệm kỳ: chưa có chương trình toàn khóa nào bao gồm năm ${input.fromYear}; lập chương trình toàn khóa trước`,
          [{ path: 'input.fromYear', message: 'ngoài mọi nhiệm kỳ' }],
          'PLAN_OUTSIDE_TERM',
        );
    }
    const existing = await ctx.manager.findOne(InspectionPlan, { where: { scope: input.scope, fromYear: input.fromYear } });
    if (existing)
      throw conflict(
        `Đã có ${input.scope === PlanScope.TERM ? 'chương trình toàn khóa' : 'kế hoạch năm'} bắt đầu năm ${input.fromYear} ("${existing.title}")`,
        {
          planId: existing.id,
          reason: 'PLAN_EXISTS',
        },
      );
    return ctx.manager.save(ctx.manager.create(InspectionPlan, { ...input, documentNumber: input.documentNumber ?? null }));
  }

  /** Adds a planned item to a programme; its year within the programme's, its subject in the register. */
  async addItem(ctx: RequestContext, input: AddPlanItemInput): Promise<PlanItem> {
    const plan = await ctx.manager.findOne(InspectionPlan, { where: { id: input.planId } });
    if (!plan) throw notFound('Inspection plan', input.planId);
    await this.checkItem(ctx, plan, input);
    return ctx.manager.save(
      ctx.manager.create(PlanItem, {
        ...input,
        subjectUnitId: input.subjectUnitId ?? null,
        subjectCadreId: input.subjectCadreId ?? null,
        inspectionId: null,
      }),
    );
  }

  /**
   * Changes a programme's title, issuing body or document number. The row is locked, then a stale
   * `version` is CONFLICT naming the current one; no change, no new version.
   */
  async update(ctx: RequestContext, input: UpdateInspectionPlanInput): Promise<InspectionPlan> {
    const plan = await ctx.manager.findOne(InspectionPlan, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
    if (!plan) throw notFound('Inspection plan', input.id);
    assertVersion('Inspection plan', plan, input.version);
    if (input.title === undefined && input.issuingBody === undefined && input.documentNumber === undefined)
      throw badInput(
        'Không có gì để thay đổi: nêu ít nhất một trường ngoài id và version',
        [{ path: 'input', message: 'không có thay đổi' }],
        'NOTHING_TO_CHANGE',
      );
    // title and issuingBody are required columns: null leaves them as they are.
    const next = {
      title: input.title ?? plan.title,
      issuingBody: input.issuingBody ?? plan.issuingBody,
      documentNumber: input.documentNumber !== undefined ? input.documentNumber : plan.documentNumber,
    };
    if (next.title === plan.title && next.issuingBody === plan.issuingBody && next.documentNumber === plan.documentNumber)
      return plan;
    Object.assign(plan, next);
    return ctx.manager.save(plan);
  }

  /**
   * Changes a planned item, with the rules of addItem. The row is locked, then a stale `version` is
   * CONFLICT naming the current one. An item an inspection carries out keeps its kind and subject
   * (CONFLICT naming the inspection). No change, no new version.
   */
  async updateItem(ctx: RequestContext, input: UpdatePlanItemInput): Promise<PlanItem> {
    const item = await ctx.manager.findOne(PlanItem, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
    if (!item) throw notFound('Plan item', input.id);
    assertVersion('Plan item', item, input.version);
    const { id: _id, version: _version, ...given } = input;
    if (!Object.values(given).some((v) => v !== undefined && v !== null))
      throw badInput(
        'Không có gì để thay đổi: nêu ít nhất một trường ngoài id và version',
        [{ path: 'input', message: 'không có thay đổi' }],
        'NOTHING_TO_CHANGE',
      );
    const subjectGiven = input.subjectType != null || input.subjectUnitId != null || input.subjectCadreId != null;
    const next = {
      kind: input.kind ?? item.kind,
      subjectType: input.subjectType ?? item.subjectType,
      // A new subject replaces the old one whole, so a unit item turned cadre item keeps no unit.
      subjectUnitId: subjectGiven ? (input.subjectUnitId ?? null) : item.subjectUnitId,
      subjectCadreId: subjectGiven ? (input.subjectCadreId ?? null) : item.subjectCadreId,
      area: input.area ?? item.area,
      plannedYear: input.plannedYear ?? item.plannedYear,
      plannedQuarter: input.plannedQuarter ?? item.plannedQuarter,
      responsibleBody: input.responsibleBody ?? item.responsibleBody,
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== item[k]);
    if (!changed.length) return item;
    if (
      item.inspectionId &&
      changed.some((k) => k === 'kind' || k === 'subjectType' || k === 'subjectUnitId' || k === 'subjectCadreId')
    )
      throw conflict(
        `Nội dung kế hoạch này đã được thực hiện bằng cuộc kiểm tra, giám sát ${item.inspectionId}: giữ nguyên loại và đối tượng`,
        {
          inspectionId: item.inspectionId,
          reason: 'PLAN_ITEM_CARRIED_OUT',
        },
      );
    const plan = await ctx.manager.findOneOrFail(InspectionPlan, { where: { id: item.planId } });
    await this.checkItem(ctx, plan, next);
    Object.assign(item, next);
    return ctx.manager.save(item);
  }

  private async checkItem(
    ctx: RequestContext,
    plan: InspectionPlan,
    item: Pick<AddPlanItemInput, 'kind' | 'plannedYear' | 'subjectType'> & {
      subjectUnitId?: string | null;
      subjectCadreId?: string | null;
    },
  ): Promise<void> {
    assertInspectionKind(item.kind);
    if (item.plannedYear < plan.fromYear || item.plannedYear > plan.toYear) {
      throw badInput(
        `Năm dự kiến ${item.plannedYear} nằm ngoài thời gian của chương trình, kế hoạch (${plan.fromYear}-${plan.toYear})`,
        [{ path: 'input.plannedYear', message: 'ngoài thời gian của chương trình' }],
        'PLANNED_YEAR_OUTSIDE',
      );
    }
    const unit = item.subjectType === InspectionSubjectType.UNIT;
    if (unit ? !item.subjectUnitId || item.subjectCadreId : !item.subjectCadreId || item.subjectUnitId) {
      throw badInput(
        `Nội dung kế hoạch đối với ${item.subjectType} chỉ nêu ${unit ? 'subjectUnitId' : 'subjectCadreId'}`,
        [{ path: unit ? 'input.subjectUnitId' : 'input.subjectCadreId', message: 'bắt buộc' }],
        unit ? 'SUBJECT_UNIT_REQUIRED' : 'SUBJECT_CADRE_REQUIRED',
      );
    }
    if (unit && !(await ctx.loaders.unitById.load(item.subjectUnitId!))) throw notFound('Unit', item.subjectUnitId!);
    if (!unit && !(await ctx.loaders.cadreById.load(item.subjectCadreId!))) throw notFound('Cadre', item.subjectCadreId!);
  }

  /** Programmes covering `year`: the term programme first, then the yearly plan. */
  async plansFor(ctx: RequestContext, year: number): Promise<InspectionPlan[]> {
    return ctx.manager
      .createQueryBuilder(InspectionPlan, 'p')
      .where('p.from_year <= :year AND p.to_year >= :year', { year })
      .orderBy('p.scope', 'ASC')
      .addOrderBy('p.from_year', 'ASC')
      .getMany();
  }

  /** Links a plan item to the inspection created from it; an item is carried out once. */
  async link(ctx: RequestContext, planItemId: string, inspection: Inspection): Promise<void> {
    const item = await ctx.manager.findOne(PlanItem, { where: { id: planItemId }, lock: { mode: 'pessimistic_write' } });
    if (!item) throw notFound('Plan item', planItemId);
    if (item.inspectionId)
      throw conflict(`Nội dung kế hoạch ${item.id} đã được thực hiện bằng cuộc kiểm tra, giám sát ${item.inspectionId}`, {
        inspectionId: item.inspectionId,
        reason: 'PLAN_ITEM_CARRIED_OUT',
      });
    item.inspectionId = inspection.id;
    await ctx.manager.save(item);
  }
}
