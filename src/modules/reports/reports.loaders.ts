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
    /** The originals of each report, oldest first, each with its newest redacted copy attached (one query for both). */
    evidenceByReport: new DataLoader<string, EvidenceFile[]>(async (ids) =>
      groupByKeys(
        ids,
        withNewestCopies(
          // Evidence rows show only to a signed-in actor the policies know of (row-level security).
          await withDatabaseContext(db.manager, databaseActor(db.account ?? null), (m) =>
            m.find(EvidenceFile, { where: { reportId: In([...ids]) }, order: { uploadedAt: 'ASC', id: 'ASC' } }),
          ),
        ),
        (e) => e.reportId,
      ),
    ),
    /** Whether a request to read the report's reporter identity stands granted (the custodian's standing). */
    identityGrantedOnReport: new DataLoader<string, boolean>(async (ids) => {
      const rows: Array<{ report_id: string }> = await db.manager.query(
        `SELECT DISTINCT report_id FROM identity_access_request WHERE status = 'GRANTED' AND report_id = ANY($1::uuid[])`,
        [[...ids]],
      );
      const granted = new Set(rows.map((r) => r.report_id));
      return ids.map((id) => granted.has(id));
    }),
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

/** Originals only, in order, each carrying its newest redacted copy (rows come oldest first). */
export function withNewestCopies(rows: EvidenceFile[]): EvidenceFile[] {
  const originals = rows.filter((f) => !f.redactedCopyOfId);
  const byId = new Map(originals.map((f) => [f.id, f]));
  for (const f of originals) f.redactedCopy = null;
  for (const copy of rows) {
    const original = copy.redactedCopyOfId ? byId.get(copy.redactedCopyOfId) : undefined;
    if (original) original.redactedCopy = copy;
  }
  return originals;
}

export type ReportLoaders = ReturnType<typeof reportLoaders>;

// The request context's loaders include this module's (graphql/context.ts names no module).
declare module '../../graphql/context' {
  interface Loaders extends ReportLoaders {}
}
