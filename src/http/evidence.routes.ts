import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import express, { type Request, type Response, type Router } from 'express';
import { filetypeinfo } from 'magic-bytes.js';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, badInput, ErrorCode, notFound, unauthenticated } from '../common/errors';
import type { Logger } from '../common/logger';
import { applyDatabaseContext, withDatabaseContext } from '../db/database-roles';
import type { RateLimiter } from '../db/rate-limiter';
import type { RequestContext } from '../graphql/context';
import { newContext, bearerFrom, databaseActor, type LoaderFactory } from '../graphql/request-context';
import type { Actor } from '../common/actor';
import { requestScope } from '../common/request-scope';
import type { AuthService } from '../modules/accounts/auth.service';
import { Role } from '../common/role.enum';
import { EvidenceFile } from '../modules/reports/evidence-file.entity';
import { evidenceToServe, neutralFileName, notHandlerForRedactedCopy } from '../modules/reports/evidence-access';
import { openEvidencePiece, sealEvidencePiece } from '../modules/reports/identity-cipher';
import { ReportTimelineEntry, TimelineActor, TimelineEntryType } from '../modules/reports/report-timeline.entity';
import { ReportStatus } from '../modules/reports/report.enums';
import type { ReportsService } from '../modules/reports/reports.service';
import { sendError } from './error-response';
import { receiveMultipart, type ReceivedFile } from './multipart';
import { OFFICE_EXTENSIONS, officeDocumentType } from './office-document';

/** CONFLICT: the report's evidence was destroyed at the end of its retention period (only type, size and checksum remain). */
const evidenceDestroyed = () =>
  new AppError(
    ErrorCode.CONFLICT,
    'Tài liệu của đơn này đã được tiêu hủy khi hết thời hạn lưu trữ; chỉ còn loại tệp, dung lượng và mã kiểm tra.',
    { reason: 'EVIDENCE_DESTROYED' },
  );

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_UPLOAD = 3;

/** What may be uploaded: the type is taken from the file's bytes, and the name's extension must agree. */
const ALLOWED: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'audio/mpeg': ['mp3'],
  'video/mp4': ['mp4', 'm4a'],
  'application/zip': ['docx', 'xlsx', 'odt', 'ods', 'zip'],
};

/** The bytes of evidence are stored and served in pieces of this size. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Checks a received file by its content: the type comes from its leading bytes, the name's
 * extension must agree, and a zip named as an Office document must be that document (its parts
 * are read from the zip's directory), so a plain zip renamed `.docx` is refused.
 */
export async function checkFile(upload: Pick<ReceivedFile, 'fileName' | 'head' | 'sizeBytes' | 'path'>): Promise<{
  fileName: string;
  contentType: string;
}> {
  const fileName = upload.fileName;
  const ext = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  if (!upload.sizeBytes) throw badInput(`Tệp ${fileName} rỗng`, [], 'UPLOAD_EMPTY');
  const detected = filetypeinfo(upload.head)
    .map((t) => t.mime)
    .filter((m): m is string => !!m && m in ALLOWED);
  const mime = detected.find((m) => ALLOWED[m]!.includes(ext)) ?? detected[0];
  if (!mime) {
    throw badInput(
      `Tệp ${fileName} không thuộc loại được nhận (xét theo nội dung${ext ? `, dù tên có đuôi .${ext}` : ''}); chỉ nhận PDF, PNG, JPEG, GIF, WebP, MP3, MP4, DOCX, XLSX, ODT, ODS, ZIP`,
      [],
      'UPLOAD_TYPE_NOT_ACCEPTED',
    );
  }
  if (ext && !ALLOWED[mime]!.includes(ext)) {
    throw badInput(`Tệp ${fileName} có đuôi .${ext} nhưng nội dung là ${mime}`, [], 'UPLOAD_TYPE_MISMATCH');
  }
  if (mime === 'application/zip' && OFFICE_EXTENSIONS.includes(ext)) {
    const office = await officeDocumentType(upload.path, ext);
    if (!office) {
      throw badInput(
        `Tệp ${fileName} có đuôi .${ext} nhưng không phải tài liệu ${ext.toUpperCase()} hợp lệ (chỉ là tệp nén hoặc tệp hỏng)`,
        [],
        'UPLOAD_NOT_OFFICE_DOCUMENT',
      );
    }
    return { fileName, contentType: office };
  }
  return { fileName, contentType: mime };
}

/** A received file whose type was checked: ready to store. */
export interface CheckedFile {
  fileName: string;
  contentType: string;
  path: string;
  sizeBytes: number;
  sha256: string;
}

/** Checks every file of an upload ({@link checkFile}) before any is stored. */
export async function checkFiles(received: ReceivedFile[]): Promise<CheckedFile[]> {
  const checked: CheckedFile[] = [];
  for (const r of received) checked.push({ ...(await checkFile(r)), path: r.path, sizeBytes: r.sizeBytes, sha256: r.sha256 });
  return checked;
}

/**
 * Writes one stored file's row (no RETURNING) and its bytes, a piece at a time, through `m`, each
 * piece sealed under the report's data key (crypto-shredded with it at the end of retention).
 */
async function writeFile(m: EntityManager, row: EvidenceFile, path: string, key: Buffer): Promise<void> {
  // Id and time chosen by the caller, and no RETURNING: a returned row must pass the read policy,
  // which a reporter uploading through a receipt code does not.
  await m.createQueryBuilder().insert().into(EvidenceFile).values(row).updateEntity(false).execute();
  let seq = 0;
  for await (const piece of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const sealed = sealEvidencePiece(key, row.id, seq, piece as Buffer);
    await m.query(`INSERT INTO evidence_chunk (file_id, seq, data, sealed) VALUES ($1, $2, $3, true)`, [row.id, seq++, sealed]);
  }
}

/**
 * Stores checked files as evidence of a report through `manager` (the caller's transaction), a
 * piece at a time, each with its timeline entry. Shared by the upload routes and the citizen's
 * page, which stores a submission's files in the submission's own transaction. Each file gets its
 * neutral name (`tep-dinh-kem-N.ext`) here; the timeline entry carries the uploaded name for the
 * handler and the neutral one for everyone else.
 */
export async function storeEvidence(
  m: EntityManager,
  reports: Pick<ReportsService, 'evidenceKey'>,
  reportId: string,
  checked: CheckedFile[],
  by: { fromReporter: boolean; accountId: string | null },
): Promise<EvidenceFile[]> {
  const { fromReporter, accountId } = by;
  const key = (await reports.evidenceKey(m, reportId, true))!;
  // Counted as the owner of the function sees them: a reporter's transaction sees no evidence row.
  const [{ n: before }] = (await m.query(`SELECT giamsat_evidence_originals($1) AS n`, [reportId])) as [{ n: number }];
  const saved: EvidenceFile[] = [];
  for (const [i, f] of checked.entries()) {
    const neutralName = neutralFileName(before + i + 1, f.contentType, f.fileName);
    const row = m.create(EvidenceFile, {
      id: randomUUID(),
      reportId,
      fileName: f.fileName,
      neutralName,
      redactedCopyOfId: null,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      fromReporter,
      uploadedBy: accountId,
      // A millisecond apart, so the files of one upload keep their order (and their places).
      uploadedAt: new Date(Date.now() + i),
    });
    await writeFile(m, row, f.path, key);
    saved.push(row);
    await m.insert(ReportTimelineEntry, {
      reportId,
      type: TimelineEntryType.EVIDENCE_ADDED,
      actor: fromReporter ? TimelineActor.REPORTER : TimelineActor.STAFF,
      actorAccountId: accountId,
      note: f.fileName,
      noteRedacted: neutralName,
      visibleToReporter: fromReporter,
    });
  }
  return saved;
}

/**
 * Stores the handler's redacted copy of an evidence file (bản đã che) through `m`: a row pointing
 * at the original, under the original's neutral name (the uploaded name is not kept: it may name
 * the reporter too), with an EVIDENCE_REDACTED timeline entry.
 */
export async function storeRedactedCopy(
  m: EntityManager,
  reports: Pick<ReportsService, 'evidenceKey'>,
  original: EvidenceFile,
  checked: CheckedFile,
  accountId: string,
): Promise<EvidenceFile> {
  const row = m.create(EvidenceFile, {
    id: randomUUID(),
    reportId: original.reportId,
    fileName: original.neutralName,
    neutralName: original.neutralName,
    redactedCopyOfId: original.id,
    contentType: checked.contentType,
    sizeBytes: checked.sizeBytes,
    sha256: checked.sha256,
    fromReporter: false,
    uploadedBy: accountId,
    uploadedAt: new Date(),
  });
  await writeFile(m, row, checked.path, (await reports.evidenceKey(m, original.reportId, true))!);
  await m.insert(ReportTimelineEntry, {
    reportId: original.reportId,
    type: TimelineEntryType.EVIDENCE_REDACTED,
    actor: TimelineActor.STAFF,
    actorAccountId: accountId,
    note: original.neutralName,
    noteRedacted: original.neutralName,
    visibleToReporter: false,
  });
  return row;
}

/** Resolves when a response can take more, or is gone; leaves no listener behind either way. */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * The report a reporter may still add evidence to, by its receipt code: NOT_FOUND as the API
 * answers an unknown or mistyped code, CONFLICT once the report is closed or merged.
 */
export async function reportOpenForEvidence(reports: ReportsService, ctx: RequestContext, receiptCode: string) {
  const report = await reports.byReceipt(ctx, receiptCode);
  if (report.identityDestroyedAt) throw evidenceDestroyed();
  if (report.status === ReportStatus.CLOSED || report.status === ReportStatus.MERGED) {
    throw new AppError(ErrorCode.CONFLICT, 'Đơn này đã đóng; hãy gửi đơn mới nếu có tài liệu mới', { reason: 'REPORT_CLOSED' });
  }
  return report;
}

export interface EvidenceRouteDeps {
  dataSource: DataSource;
  auth: AuthService;
  reports: ReportsService;
  rateLimiter: RateLimiter;
  makeLoaders: LoaderFactory;
  logger: Logger;
  publicUploadsPerHour: number;
  uploadIdleTimeoutMs: number;
}

/**
 * Evidence files over plain HTTP (multipart, not GraphQL):
 * - `POST /reports/:id/files` (staff who may read the report, Bearer token);
 * - `POST /track/files` (the reporter, with the receipt code in `X-Receipt-Code`);
 * - `POST /files/:id/redacted-copy` (the report's handler: the redacted copy of an evidence file
 *   for verifiers, one file);
 * - `GET /files/:id` (staff who may read the report: the original for the handler and the
 *   identity custodian, the redacted copy under the neutral name for everyone else).
 * All files of one upload are stored in one transaction, or none.
 */
export function evidenceRoutes(deps: EvidenceRouteDeps): Router {
  const router = express.Router();

  const contextFor = async (req: Request, requireStaff: boolean) => {
    const requestId = requestScope.getStore()?.requestId ?? 'upload';
    const bearer = bearerFrom(req.headers.authorization);
    if (requireStaff && !bearer) throw unauthenticated();
    const account = bearer ? (await deps.auth.authenticate(deps.dataSource.manager, bearer)).account : null;
    return newContext(deps.dataSource, deps.makeLoaders, {
      requestId,
      logger: deps.logger,
      clientAddress: req.ip ?? 'unknown',
      account,
    });
  };

  /** Stores every received file, a piece at a time, in one transaction: all of them or none. */
  const store = async (reportId: string, received: ReceivedFile[], fromReporter: boolean, account: Actor | null) => {
    const checked = await checkFiles(received);
    return deps.dataSource.transaction(async (m) => {
      await applyDatabaseContext(m, databaseActor(account));
      return storeEvidence(m, deps.reports, reportId, checked, { fromReporter, accountId: account?.id ?? null });
    });
  };

  /** Receives the body to temporary files, stores them, and always removes the temporary files. */
  const receiveAndStore = async (req: Request, reportId: () => string, fromReporter: boolean, account: Actor | null) => {
    const body = await receiveMultipart(req, {
      maxFileBytes: MAX_FILE_BYTES,
      maxFiles: MAX_FILES_PER_UPLOAD,
      idleTimeoutMs: deps.uploadIdleTimeoutMs,
    });
    try {
      if (!body.files.length) throw badInput('Chưa gửi tệp nào: thêm một phần tên "file"', [], 'UPLOAD_NO_FILE');
      return await store(reportId(), body.files, fromReporter, account);
    } finally {
      await body.dispose();
    }
  };

  router.post('/reports/:id/files', async (req, res) => {
    try {
      const ctx = await contextFor(req, true);
      if (![Role.INSPECTION_COMMITTEE, Role.INTAKE_STAFF].includes(ctx.account!.role)) {
        throw new AppError(ErrorCode.FORBIDDEN, 'Chỉ cán bộ tiếp nhận và Ủy ban Kiểm tra được đính kèm tài liệu', {
          reason: 'EVIDENCE_ROLE',
        });
      }
      const reportId = String(req.params['id']);
      if ((await deps.reports.findReadable(ctx, reportId)).identityDestroyedAt) throw evidenceDestroyed();
      res.status(201).json({ files: await receiveAndStore(req, () => reportId, false, ctx.account) });
    } catch (err) {
      sendError(res, err, deps.logger);
    }
  });

  router.post('/track/files', async (req, res) => {
    try {
      const ctx = await contextFor(req, false);
      await deps.rateLimiter.hit(
        { action: 'evidence uploads', max: deps.publicUploadsPerHour, windowSeconds: 3600 },
        ctx.clientAddress,
      );
      const code = req.headers['x-receipt-code'];
      if (typeof code !== 'string' || !code)
        throw badInput('Hãy gửi mã tra cứu trong tiêu đề X-Receipt-Code', [], 'RECEIPT_CODE_MISSING');
      const report = await reportOpenForEvidence(deps.reports, ctx, code);
      res.status(201).json({ files: await receiveAndStore(req, () => report.id, true, null) });
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED)
        res.setHeader('retry-after', String(err.details['retryAfterSeconds']));
      sendError(res, err, deps.logger);
    }
  });

  /** An evidence row the caller may see (row-level security, then the report's read rule), or NOT_FOUND. */
  const readableFile = async (ctx: RequestContext, id: string) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('File', id);
    // Evidence rows show only inside a transaction that names the reader (row-level security).
    const file = await withDatabaseContext(deps.dataSource.manager, databaseActor(ctx.account), (m) =>
      m.findOneBy(EvidenceFile, { id }),
    );
    if (!file) throw notFound('File', id);
    const report = await deps.reports.findReadable(ctx, file.reportId);
    if (report.identityDestroyedAt) throw evidenceDestroyed();
    return { file, report };
  };

  router.post('/files/:id/redacted-copy', async (req, res) => {
    try {
      const ctx = await contextFor(req, true);
      const { file: original, report } = await readableFile(ctx, String(req.params['id']));
      // Refused before a byte is read: nothing is written for anyone but the handler.
      if (ctx.account!.role !== Role.INSPECTION_COMMITTEE || report.handlerId !== ctx.account!.id)
        throw notHandlerForRedactedCopy();
      if (original.redactedCopyOfId) {
        throw badInput('Tệp này đã là bản đã che; hãy tải bản đã che lên cho tệp gốc.', [], 'NOT_AN_ORIGINAL');
      }
      const body = await receiveMultipart(req, {
        maxFileBytes: MAX_FILE_BYTES,
        maxFiles: 1,
        idleTimeoutMs: deps.uploadIdleTimeoutMs,
      });
      try {
        const [received] = body.files;
        if (!received) throw badInput('Chưa gửi tệp nào: thêm một phần tên "file"', [], 'UPLOAD_NO_FILE');
        const [checked] = await checkFiles([received]);
        const copy = await deps.dataSource.transaction(async (m) => {
          await applyDatabaseContext(m, databaseActor(ctx.account));
          return storeRedactedCopy(m, deps.reports, original, checked!, ctx.account!.id);
        });
        res.status(201).json({
          file: {
            id: copy.id,
            redactedCopyOf: original.id,
            fileName: copy.neutralName,
            contentType: copy.contentType,
            sizeBytes: copy.sizeBytes,
            sha256: copy.sha256,
          },
        });
      } finally {
        await body.dispose();
      }
    } catch (err) {
      sendError(res, err, deps.logger);
    }
  });

  router.get('/files/:id', async (req, res) => {
    try {
      const ctx = await contextFor(req, true);
      const { file, report } = await readableFile(ctx, String(req.params['id']));
      const actor = databaseActor(ctx.account);
      const { serve, name } = await evidenceToServe(ctx, report, file, (originalId) =>
        withDatabaseContext(deps.dataSource.manager, actor, (m) =>
          m.findOne(EvidenceFile, { where: { redactedCopyOfId: originalId }, order: { uploadedAt: 'DESC', id: 'DESC' } }),
        ),
      );
      // The data key of the report's evidence (null for pieces stored before data keys, which are plain).
      const key = await withDatabaseContext(deps.dataSource.manager, actor, (m) => deps.reports.evidenceKey(m, report.id, false));
      res.setHeader('content-type', serve.contentType);
      res.setHeader('content-length', String(serve.sizeBytes));
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('x-checksum-sha256', serve.sha256);
      res.setHeader('cache-control', 'no-store');
      // A piece at a time, waiting for the client to take each: memory stays one piece per download.
      for (let seq = 0; ; seq++) {
        // A short transaction per piece: a slow client never holds a pooled connection.
        const [piece] = (await withDatabaseContext(deps.dataSource.manager, actor, (m) =>
          m.query(`SELECT data, sealed FROM evidence_chunk WHERE file_id = $1 AND seq = $2`, [serve.id, seq]),
        )) as Array<{ data: Buffer; sealed: boolean }>;
        if (!piece) break;
        if (res.destroyed) return;
        const bytes = piece.sealed ? openEvidencePiece(key!, serve.id, seq, piece.data) : piece.data;
        if (!res.write(bytes)) await drainedOrClosed(res);
      }
      res.end();
    } catch (err) {
      sendError(res, err, deps.logger);
    }
  });

  return router;
}
