import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { byKeys, groupByKeys } from '../../db/by-keys';
import { withDatabaseContext } from '../../db/database-roles';
import { databaseActor } from '../../graphql/request-context';
import type { Account } from '../accounts/account.entity';
import { findByIds } from '../../db/plain-rows';
import { EvidenceFile } from './evidence-file.entity';
import { ReportExtension } from './report-extension.entity';
import { ReportSubject } from './report-subject.entity';
import { ReportTimelineEntry } from './report-timeline.entity';
import { Report } from './report.entity';

/** One query per relation per request, whatever the number of reports on the page. */
export function reportLoaders(db: { readonly manager: EntityManager; readonly account?: Account | null }) {
  return {
    reportById: new DataLoader<string, Report | null>(async (ids) =>
      byKeys(ids, await findByIds(db.manager, Report, ids), (r) => r.id),
    ),
    timelineByReport: new DataLoader<string, ReportTimelineEntry[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(ReportTimelineEntry, { where: { reportId: In([...ids]) }, order: { id: 'ASC' } }),
        (e) => e.reportId,
      ),
    ),
    extensionsByReport: new DataLoader<string, ReportExtension[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(ReportExtension, { where: { reportId: In([...ids]) }, order: { id: 'ASC' } }),
        (e) => e.reportId,
      ),
    ),
    evidenceByReport: new DataLoader<string, EvidenceFile[]>(async (ids) =>
      groupByKeys(
        ids,
        // Evidence rows show only to a signed-in actor the policies know of (row-level security).
        await withDatabaseContext(db.manager, databaseActor(db.account ?? null), (m) =>
          m.find(EvidenceFile, { where: { reportId: In([...ids]) }, order: { uploadedAt: 'ASC' } }),
        ),
        (e) => e.reportId,
      ),
    ),
    /** Reports merged into each report (the duplicates it handles), oldest first. */
    mergedByTarget: new DataLoader<string, Report[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(Report, { where: { mergedIntoId: In([...ids]) }, order: { receivedAt: 'ASC', id: 'ASC' } }),
        (r) => r.mergedIntoId!,
      ),
    ),
    subjectsByReport: new DataLoader<string, ReportSubject[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(ReportSubject, { where: { reportId: In([...ids]) }, order: { id: 'ASC' } }),
        (e) => e.reportId,
      ),
    ),
  };
}

export type ReportLoaders = ReturnType<typeof reportLoaders>;

// The request context's loaders include this module's (graphql/context.ts names no module).
declare module '../../graphql/context' {
  interface Loaders extends ReportLoaders {}
}
