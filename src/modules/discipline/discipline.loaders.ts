import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { byKeys, groupByKeys } from '../../db/by-keys';
import { findByIds } from '../../db/plain-rows';
import { DisciplineCase } from './discipline-case.entity';
import { DisciplineNotification } from './discipline-notification.entity';

/** One query per relation per request, whatever the number of cases, findings or cadres. */
export function disciplineLoaders(db: { readonly manager: EntityManager }) {
  return {
    disciplineCaseById: new DataLoader<string, DisciplineCase | null>(async (ids) =>
      byKeys(ids, await findByIds(db.manager, DisciplineCase, ids), (c) => c.id),
    ),
    casesByFinding: new DataLoader<string, DisciplineCase[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(DisciplineCase, { where: { findingId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (c) => c.findingId!,
      ),
    ),
    casesByReport: new DataLoader<string, DisciplineCase[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(DisciplineCase, { where: { reportId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (c) => c.reportId!,
      ),
    ),
    casesByCadre: new DataLoader<string, DisciplineCase[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(DisciplineCase, { where: { cadreId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (c) => c.cadreId!,
      ),
    ),
    casesByUnit: new DataLoader<string, DisciplineCase[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(DisciplineCase, { where: { unitId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (c) => c.unitId!,
      ),
    ),
    notificationsByCase: new DataLoader<string, DisciplineNotification[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(DisciplineNotification, { where: { caseId: In([...ids]) }, order: { dueOn: 'ASC' } }),
        (n) => n.caseId,
      ),
    ),
  };
}

export type DisciplineLoaders = ReturnType<typeof disciplineLoaders>;

// The request context's loaders include this module's (graphql/context.ts names no module).
declare module '../../graphql/context' {
  interface Loaders extends DisciplineLoaders {}
}
