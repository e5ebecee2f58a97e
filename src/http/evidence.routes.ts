import { createHash } from 'node:crypto';
import Busboy from 'busboy';
import express, { type Request, type Router } from 'express';
import { filetypeinfo } from 'magic-bytes.js';
import type { DataSource } from 'typeorm';
import { AppError, badInput, ErrorCode, notFound, unauthenticated } from '../common/errors';
import type { Logger } from '../common/logger';
import type { RateLimiter } from '../db/rate-limiter';
import { newContext, bearerFrom, type LoaderFactory } from '../graphql/request-context';
import { requestScope } from '../common/request-scope';
import type { AuthService } from '../modules/accounts/auth.service';
import { Role } from '../common/role.enum';
import { EvidenceFile } from '../modules/reports/evidence-file.entity';
import { ReportTimelineEntry, TimelineActor, TimelineEntryType } from '../modules/reports/report-timeline.entity';
import { ReportStatus } from '../modules/reports/report.enums';
import type { ReportsService } from '../modules/reports/reports.service';
import { sendError } from './error-response';

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

interface Upload {
  fileName: string;
  data: Buffer;
}

/** Reads a multipart body into memory, refusing a file over the limit before keeping it. */
function readMultipart(req: Request): Promise<{ files: Upload[]; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('multipart/form-data')) {
      reject(new AppError(ErrorCode.BAD_USER_INPUT, 'Upload files as multipart/form-data with one or more "file" parts'));
      return;
    }
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: req.headers,
        limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES_PER_UPLOAD, fields: 10, fieldSize: 1000 },
      });
    } catch {
      reject(badInput('The multipart body is malformed'));
      return;
    }
    const files: Upload[] = [];
    const fields: Record<string, string> = {};
    let failure: AppError | undefined;
    bb.on('field', (name, value) => (fields[name] = value));
    bb.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failure ??= new AppError(
          ErrorCode.BAD_USER_INPUT,
          `${info.filename || 'A file'} is larger than the limit of ${MAX_FILE_BYTES} bytes (10 MB); nothing was stored`,
          {
            httpStatus: 413,
          },
        );
        stream.resume();
      });
      stream.on('end', () => {
        if (!failure) files.push({ fileName: info.filename || 'file', data: Buffer.concat(chunks) });
      });
    });
    bb.on('filesLimit', () => (failure ??= badInput(`At most ${MAX_FILES_PER_UPLOAD} files per upload`)));
    bb.on('error', () => reject(badInput('The multipart body is malformed')));
    bb.on('close', () => (failure ? reject(failure) : resolve({ files, fields })));
    req.pipe(bb);
  });
}

/** Checks a file by its bytes; the name's extension must match what the bytes are. */
export function checkFile(upload: Upload): { fileName: string; contentType: string } {
  const fileName = upload.fileName.replace(/[\p{Cc}/\\]/gu, '_').slice(0, 200);
  const ext = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  if (!upload.data.length) throw badInput(`${fileName} is empty`);
  const detected = filetypeinfo(upload.data)
    .map((t) => t.mime)
    .filter((m): m is string => !!m && m in ALLOWED);
  const mime = detected.find((m) => ALLOWED[m]!.includes(ext)) ?? detected[0];
  if (!mime) {
    throw badInput(
      `${fileName} is not a file type we accept (by its content${ext ? `, whatever its .${ext} name says` : ''}); accepted: PDF, PNG, JPEG, GIF, WebP, MP3, MP4, DOCX/XLSX`,
    );
  }
  if (ext && !ALLOWED[mime]!.includes(ext)) {
    throw badInput(`${fileName} claims to be .${ext} but its content is ${mime}`);
  }
  return { fileName, contentType: mime };
}

export interface EvidenceRouteDeps {
  dataSource: DataSource;
  auth: AuthService;
  reports: ReportsService;
  rateLimiter: RateLimiter;
  makeLoaders: LoaderFactory;
  logger: Logger;
  publicUploadsPerHour: number;
}

/**
 * Evidence files over plain HTTP (multipart, not GraphQL):
 * - `POST /reports/:id/files` (staff who may read the report, Bearer token);
 * - `POST /track/files` (the reporter, with the receipt code in `X-Receipt-Code`);
 * - `GET /files/:id` (staff who may read the report).
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

  const store = async (reportId: string, uploads: Upload[], fromReporter: boolean, accountId: string | null) => {
    const checked = uploads.map((u) => ({ ...checkFile(u), data: u.data }));
    return deps.dataSource.transaction(async (m) => {
      const saved: EvidenceFile[] = [];
      for (const f of checked) {
        const row = m.create(EvidenceFile, {
          reportId,
          fileName: f.fileName,
          contentType: f.contentType,
          sizeBytes: f.data.length,
          sha256: createHash('sha256').update(f.data).digest('hex'),
          data: f.data,
          fromReporter,
          uploadedBy: accountId,
        });
        saved.push(await m.save(row));
        await m.insert(ReportTimelineEntry, {
          reportId,
          type: TimelineEntryType.EVIDENCE_ADDED,
          actor: fromReporter ? TimelineActor.REPORTER : TimelineActor.STAFF,
          actorAccountId: accountId,
          note: f.fileName,
          visibleToReporter: fromReporter,
        });
      }
      return saved.map(({ data: _data, ...meta }) => meta);
    });
  };

  router.post('/reports/:id/files', async (req, res) => {
    try {
      const ctx = await contextFor(req, true);
      if (![Role.INSPECTION_COMMITTEE, Role.INTAKE_STAFF].includes(ctx.account!.role)) {
        throw new AppError(ErrorCode.FORBIDDEN, 'Only intake staff and the Inspection Committee attach evidence');
      }
      await deps.reports.findReadable(ctx, String(req.params['id']));
      const { files } = await readMultipart(req);
      if (!files.length) throw badInput('No file was sent: add a "file" part');
      res.status(201).json({ files: await store(String(req.params['id']), files, false, ctx.account!.id) });
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
      if (typeof code !== 'string' || !code) throw badInput('Send the receipt code in the X-Receipt-Code header');
      const report = await deps.reports.byReceipt(ctx, code);
      if (report.status === ReportStatus.CLOSED || report.status === ReportStatus.MERGED) {
        throw new AppError(ErrorCode.CONFLICT, 'This report is closed; submit a new report for new evidence');
      }
      const { files } = await readMultipart(req);
      if (!files.length) throw badInput('No file was sent: add a "file" part');
      res.status(201).json({ files: await store(report.id, files, true, null) });
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED)
        res.setHeader('retry-after', String(err.details['retryAfterSeconds']));
      sendError(res, err, deps.logger);
    }
  });

  router.get('/files/:id', async (req, res) => {
    try {
      const ctx = await contextFor(req, true);
      const id = String(req.params['id']);
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('File', id);
      const file = await deps.dataSource.manager
        .createQueryBuilder(EvidenceFile, 'f')
        .addSelect('f.data')
        .where('f.id = :id', { id })
        .getOne();
      if (!file) throw notFound('File', id);
      await deps.reports.findReadable(ctx, file.reportId);
      res.setHeader('content-type', file.contentType);
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('x-checksum-sha256', file.sha256);
      res.send(file.data);
    } catch (err) {
      sendError(res, err, deps.logger);
    }
  });

  return router;
}
