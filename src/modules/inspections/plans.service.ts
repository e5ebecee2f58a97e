import { badInput, conflict, notFound } from '../../common/errors';
import { todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import { assertInspectionKind } from './inspection-kinds';
import { CONCLUDED_STAGES } from './inspection-workflow';
import type { Inspection } from './inspection.entity';
import { InspectionStatus, InspectionSubjectType } from './inspection.enums';
import { InspectionPlan, PlanItem, PlanScope } from './plan.entity';
import type { AddPlanItemInput, CreateInspectionPlanInput } from './plans.inputs';

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
      throw badInput('toYear is before fromYear', [{ path: 'input.toYear', message: 'must not be before fromYear' }]);
    if (input.scope === PlanScope.YEAR && input.toYear !== input.fromYear) {
      throw badInput('A yearly plan covers one year: fromYear and toYear must be equal', [
        { path: 'input.toYear', message: 'must equal fromYear' },
      ]);
    }
    const existing = await ctx.manager.findOne(InspectionPlan, { where: { scope: input.scope, fromYear: input.fromYear } });
    if (existing)
      throw conflict(`A ${input.scope} programme starting in ${input.fromYear} already exists (${existing.title})`, {
        planId: existing.id,
      });
    return ctx.manager.save(ctx.manager.create(InspectionPlan, { ...input, documentNumber: input.documentNumber ?? null }));
  }

  async addItem(ctx: RequestContext, input: AddPlanItemInput): Promise<PlanItem> {
    const plan = await ctx.manager.findOne(InspectionPlan, { where: { id: input.planId } });
    if (!plan) throw notFound('Inspection plan', input.planId);
    assertInspectionKind(input.kind);
    if (input.plannedYear < plan.fromYear || input.plannedYear > plan.toYear) {
      throw badInput(`plannedYear ${input.plannedYear} is outside the programme (${plan.fromYear}-${plan.toYear})`, [
        { path: 'input.plannedYear', message: 'outside the programme' },
      ]);
    }
    const unit = input.subjectType === InspectionSubjectType.UNIT;
    if (unit ? !input.subjectUnitId || input.subjectCadreId : !input.subjectCadreId || input.subjectUnitId) {
      throw badInput(`A ${input.subjectType} item names ${unit ? 'subjectUnitId' : 'subjectCadreId'} only`, [
        { path: unit ? 'input.subjectUnitId' : 'input.subjectCadreId', message: 'required' },
      ]);
    }
    if (unit && !(await ctx.loaders.unitById.load(input.subjectUnitId!))) throw notFound('Unit', input.subjectUnitId!);
    if (!unit && !(await ctx.loaders.cadreById.load(input.subjectCadreId!))) throw notFound('Cadre', input.subjectCadreId!);
    return ctx.manager.save(
      ctx.manager.create(PlanItem, {
        ...input,
        subjectUnitId: input.subjectUnitId ?? null,
        subjectCadreId: input.subjectCadreId ?? null,
        inspectionId: null,
      }),
    );
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
      throw conflict(`Plan item ${item.id} is already carried out by inspection ${item.inspectionId}`, {
        inspectionId: item.inspectionId,
      });
    item.inspectionId = inspection.id;
    await ctx.manager.save(item);
  }
}
