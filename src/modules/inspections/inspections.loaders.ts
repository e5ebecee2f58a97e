import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { byKeys, groupByArray, groupByKeys } from '../../db/by-keys';
import { findByColumn, findByIds } from '../../db/plain-rows';
import { ReportSubject } from '../reports/report-subject.entity';
import { Report } from '../reports/report.entity';
import { Finding } from './finding.entity';
import { FollowUpItem } from './follow-up.entity';
import { Inspection } from './inspection.entity';
import { PlanItem } from './plan.entity';

/** One query per relation per request, whatever the number of inspections, findings or cadres. */
export function inspectionLoaders(db: { readonly manager: EntityManager }) {
  return {
    inspectionById: new DataLoader<string, Inspection | null>(async (ids) =>
      byKeys(ids, await findByIds(db.manager, Inspection, ids), (r) => r.id),
    ),
    findingsByInspection: new DataLoader<string, Finding[]>(async (ids) =>
      groupByKeys(
        ids,
        await findByColumn(db.manager, Finding, 'inspection_id', ids, ['recorded_at', 'id']),
        (f) => f.inspectionId,
      ),
    ),
    findingById: new DataLoader<string, Finding | null>(async (ids) =>
      byKeys(ids, await findByIds(db.manager, Finding, ids), (f) => f.id),
    ),
    followUpsByInspection: new DataLoader<string, FollowUpItem[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(FollowUpItem, { where: { inspectionId: In([...ids]) }, order: { dueOn: 'ASC', id: 'ASC' } }),
        (f) => f.inspectionId,
      ),
    ),
    planItemsByPlan: new DataLoader<string, PlanItem[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(PlanItem, {
          where: { planId: In([...ids]) },
          order: { plannedYear: 'ASC', plannedQuarter: 'ASC', createdAt: 'ASC' },
        }),
        (i) => i.planId,
      ),
    ),
    inspectionsByReport: new DataLoader<string, Inspection[]>(async (ids) =>
      groupByArray(
        ids,
        await db.manager
          .createQueryBuilder(Inspection, 'i')
          .where('i.report_ids && :ids::uuid[]', { ids: [...ids] })
          .orderBy('i.created_at', 'ASC')
          .getMany(),
        (i) => i.reportIds,
      ),
    ),
    inspectionsBySubjectCadre: new DataLoader<string, Inspection[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(Inspection, { where: { subjectCadreId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (i) => i.subjectCadreId!,
      ),
    ),
    inspectionsBySubjectUnit: new DataLoader<string, Inspection[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(Inspection, { where: { subjectUnitId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (i) => i.subjectUnitId!,
      ),
    ),
    findingsByCadre: new DataLoader<string, Finding[]>(async (ids) =>
      groupByArray(
        ids,
        await db.manager
          .createQueryBuilder(Finding, 'f')
          .where('f.concerned_cadre_ids && :ids::uuid[]', { ids: [...ids] })
          .orderBy('f.recorded_at', 'ASC')
          .getMany(),
        (f) => f.concernedCadreIds,
      ),
    ),
    findingsByUnit: new DataLoader<string, Finding[]>(async (ids) =>
      groupByArray(
        ids,
        await db.manager
          .createQueryBuilder(Finding, 'f')
          .where('f.concerned_unit_ids && :ids::uuid[]', { ids: [...ids] })
          .orderBy('f.recorded_at', 'ASC')
          .getMany(),
        (f) => f.concernedUnitIds,
      ),
    ),
    /** Reports naming a cadre (two statements, whatever the number of cadres). */
    reportsByCadre: new DataLoader<string, Report[]>(async (ids) => {
      const subjects = await db.manager.find(ReportSubject, { where: { cadreId: In([...ids]) } });
      const reports = subjects.length
        ? await db.manager.find(Report, { where: { id: In([...new Set(subjects.map((s) => s.reportId))]) } })
        : [];
      const byId = new Map(reports.map((r) => [r.id, r]));
      return groupByKeys(
        ids,
        subjects.filter((s) => byId.has(s.reportId)),
        (s) => s.cadreId!,
      ).map((list) => list.map((s) => byId.get(s.reportId)!));
    }),
    reportsByUnit: new DataLoader<string, Report[]>(async (ids) => {
      const subjects = await db.manager.find(ReportSubject, { where: { unitId: In([...ids]) } });
      const reports = subjects.length
        ? await db.manager.find(Report, { where: { id: In([...new Set(subjects.map((s) => s.reportId))]) } })
        : [];
      const byId = new Map(reports.map((r) => [r.id, r]));
      return groupByKeys(
        ids,
        subjects.filter((s) => byId.has(s.reportId)),
        (s) => s.unitId!,
      ).map((list) => list.map((s) => byId.get(s.reportId)!));
    }),
  };
}

export type InspectionLoaders = ReturnType<typeof inspectionLoaders>;

// The request context's loaders include this module's (graphql/context.ts names no module).
declare module '../../graphql/context' {
  interface Loaders extends InspectionLoaders {}
}
