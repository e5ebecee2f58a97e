import type { DataSource } from 'typeorm';
import { openGroupMembers, openIdentity } from './identity-values';
import { redactedFields, redactPeople } from './redaction';
import type { RedactionRange } from './report.entity';
import type { ReporterIdentity } from './reporter-identity.entity';
import type { ReportSecrets } from './reports.ports';

/** What a run of {@link reredactReports} did. */
export interface ReredactResult {
  /** Reports looked at. */
  reports: number;
  /** Reports whose title, content or free-text subjects copy changed. */
  reportsChanged: number;
  /** Timeline notes whose copy changed. */
  notesChanged: number;
  /** Rows changed by someone else between the read and the write: left for the next run. */
  skipped: number;
}

/** Timeline entries whose copy is a neutral file name, not a redaction of the note. */
const NEUTRAL_NOTE_TYPES = ['EVIDENCE_ADDED', 'EVIDENCE_REDACTED'];

/**
 * Recomputes the redacted copies of every report (title, content, free-text subjects) and of its
 * timeline notes from the texts as written and the reporter's stored identity, with today's
 * rules: for reports stored before redaction existed (the migration could not open identities
 * and left `[đã ẩn]`), after an operator corrected an identity, or after the rules improved.
 * Runs as the schema's owner (it opens identities, which row-level security keeps from the app)
 * and beside live servers: rows are read in batches by id and a copy is written only if what it
 * was computed from is still what was read, so nothing waits on a lock and nothing written
 * meanwhile is overwritten. Idempotent: a second run changes nothing.
 */
export async function reredactReports(dataSource: DataSource, secrets: ReportSecrets, batch = 200): Promise<ReredactResult> {
  const result: ReredactResult = { reports: 0, reportsChanged: 0, notesChanged: 0, skipped: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const reports: Array<{
      id: string;
      title: string;
      content: string;
      concerned_text: string | null;
      redactions: RedactionRange[];
      title_redacted: string;
      content_redacted: string;
      concerned_text_redacted: string | null;
    }> = await dataSource.query(
      `SELECT id, title, content, concerned_text, redactions, title_redacted, content_redacted, concerned_text_redacted
         FROM report WHERE id > $1 AND identity_destroyed_at IS NULL ORDER BY id LIMIT ${batch}`,
      [after],
    );
    if (!reports.length) break;
    const ids = reports.map((r) => r.id);
    const identities: Array<ReporterIdentity & { report_id: string; wrapped: string | null }> = await dataSource.query(
      `SELECT i.report_id, full_name AS "fullName", id_number AS "idNumber", phone, email, address,
              group_members AS "groupMembers", k.wrapped
         FROM reporter_identity i LEFT JOIN report_data_key k ON k.report_id = i.report_id
        WHERE i.report_id = ANY($1::uuid[])`,
      [ids],
    );
    const identityOf = new Map(identities.map((i) => [i.report_id, i]));
    const notes: Array<{ id: string; report_id: string; note: string; note_redacted: string | null }> = await dataSource.query(
      `SELECT id, report_id, note, note_redacted FROM report_timeline_entry
        WHERE report_id = ANY($1::uuid[]) AND note IS NOT NULL AND type::text <> ALL($2::text[])`,
      [ids, NEUTRAL_NOTE_TYPES],
    );
    const notesOf = new Map<string, typeof notes>();
    for (const n of notes) notesOf.set(n.report_id, [...(notesOf.get(n.report_id) ?? []), n]);
    for (const r of reports) {
      result.reports++;
      const row = identityOf.get(r.id);
      // The reporter and, for a group complaint, each member.
      const key = row?.wrapped ? secrets.unwrapDataKey(row.wrapped, r.id) : null;
      const people = row ? [openIdentity(secrets, r.id, row, key), ...openGroupMembers(secrets, r.id, row, key)] : [];
      const next = redactedFields(
        { title: r.title, content: r.content, concernedText: r.concerned_text, redactions: r.redactions ?? [] },
        people,
      );
      if (
        next.titleRedacted !== r.title_redacted ||
        next.contentRedacted !== r.content_redacted ||
        next.concernedTextRedacted !== r.concerned_text_redacted
      ) {
        const updated: unknown = await dataSource.query(
          `UPDATE report SET title_redacted = $2, content_redacted = $3, concerned_text_redacted = $4
            WHERE id = $1 AND title = $5 AND content = $6 AND concerned_text IS NOT DISTINCT FROM $7
              AND redactions = $8::jsonb`,
          [
            r.id,
            next.titleRedacted,
            next.contentRedacted,
            next.concernedTextRedacted,
            r.title,
            r.content,
            r.concerned_text,
            JSON.stringify(r.redactions ?? []),
          ],
        );
        if (affected(updated)) result.reportsChanged++;
        else result.skipped++;
      }
      for (const n of notesOf.get(r.id) ?? []) {
        const copy = redactPeople(n.note, people);
        if (copy === n.note_redacted) continue;
        const updated: unknown = await dataSource.query(
          `UPDATE report_timeline_entry SET note_redacted = $2 WHERE id = $1 AND note = $3`,
          [n.id, copy, n.note],
        );
        if (affected(updated)) result.notesChanged++;
        else result.skipped++;
      }
    }
    after = reports[reports.length - 1]!.id;
  }
  return result;
}

/** Rows an UPDATE changed, as node-postgres answers through TypeORM ([rows, count]). */
const affected = (updated: unknown): number => (Array.isArray(updated) && typeof updated[1] === 'number' ? updated[1] : 0);
