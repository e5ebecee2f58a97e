import { readFile } from 'node:fs/promises';
import express, { type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { badInput, forbidden, unauthenticated } from '../common/errors';
import { todayInVietnam } from '../common/validation';
import type { Logger } from '../common/logger';
import { requestScope } from '../common/request-scope';
import { receiveMultipart } from './multipart';
import { bearerFrom, type LoaderFactory, newContext } from '../graphql/request-context';
import type { AuthService } from '../modules/accounts/auth.service';
import { Role } from '../common/role.enum';
import { sendError } from './error-response';
import { cadreRegisterExport } from '../modules/imports/exports/cadre-register.export';
import { ImportErrors } from '../modules/imports/imports.errors';
import type { ImportsService } from '../modules/imports/imports.service';
import { targetsExport } from '../modules/imports/exports/targets.export';
import type { TargetsService } from '../modules/quality/targets/targets.service';
import { AGGREGATE_READERS } from '../modules/quality/quality.access';
import { sendWorkbook } from '../modules/imports/xlsx-writer';

/** Who may import: the Party Building Board keeps the records; ADMIN for support. */
export const IMPORT_ROLES: readonly Role[] = [Role.PARTY_BUILDING, Role.ADMIN];
/** Who may export the register: everyone who reads it (a UNIT_HEAD its subtree, VIEWER without personal data). */
const REGISTER_READERS: readonly Role[] = Object.values(Role);

export interface ImportRouteDeps {
  dataSource: DataSource;
  auth: AuthService;
  imports: ImportsService;
  targets: TargetsService;
  makeLoaders: LoaderFactory;
  logger: Logger;
  uploadIdleTimeoutMs: number;
}

const flag = (v: unknown) => typeof v === 'string' && ['true', '1', 'yes', 'on'].includes(v.toLowerCase());

/**
 * Receives the one "file" part of a multipart body to a temporary file (refused past `maxBytes`
 * with 413), then reads it for parsing: a workbook is parsed whole, so one import holds one
 * file of at most `maxBytes`, never more.
 */
async function readUpload(
  req: Request,
  maxBytes: number,
  idleTimeoutMs: number,
): Promise<{ fileName: string; data: Buffer; fields: Record<string, string> }> {
  const body = await receiveMultipart(req, {
    maxFileBytes: maxBytes,
    maxFiles: 1,
    maxFieldBytes: 100,
    idleTimeoutMs,
    tooLarge: () => ImportErrors.tooLarge(maxBytes + 1, maxBytes),
  });
  try {
    const file = body.files[0];
    if (!file) throw badInput('Chưa gửi tệp: thêm một phần "file"', [], 'UPLOAD_NO_FILE');
    return { fileName: file.fileName, data: await readFile(file.path), fields: body.fields };
  } finally {
    await body.dispose();
  }
}

/** Reads what is left of a request body without keeping it; false (socket destroyed) past `maxBytes`. */
function discardBody(req: Request, maxBytes: number): Promise<boolean> {
  if (req.complete || req.readableEnded) return Promise.resolve(true);
  if (req.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    req.unpipe();
    req.on('data', (c: Buffer) => {
      seen += c.length;
      if (seen > maxBytes) {
        req.socket.destroy();
        resolve(false);
      }
    });
    req.once('end', () => resolve(true));
    req.once('error', () => resolve(false));
    req.resume();
  });
}

/**
 * Spreadsheets over plain HTTP (multipart, not GraphQL), with a Bearer token:
 * - `POST /imports/:kind` (PARTY_BUILDING, ADMIN): one "file" part, XLSX or CSV; `validOnly`
 *   and `dryRun` as query parameters or form fields. 200 with the report when the file was
 *   imported (or dry-run), 422 with the report when it has errors and nothing was imported,
 *   413 over the size or row limit (before the file is read), 400 when it is not a sheet.
 * - `GET /imports/:kind/template.xlsx` (PARTY_BUILDING, ADMIN): an empty template with its notes.
 * - `GET /exports/cadres.xlsx?unitId=` (every role that reads the register): the register by unit.
 * - `GET /exports/targets.xlsx?year=&unitId=` (who reads `targets`): the seven indicators with
 *   their trend and breakdowns.
 */
export function importRoutes(deps: ImportRouteDeps): Router {
  const router = express.Router();

  const contextFor = async (req: Request, roles: readonly Role[]) => {
    const bearer = bearerFrom(req.headers.authorization);
    if (!bearer) throw unauthenticated();
    const { account } = await deps.auth.authenticate(deps.dataSource.manager, bearer);
    if (!roles.includes(account.role)) throw forbidden('Vai trò của bạn không được làm việc này');
    return newContext(deps.dataSource, deps.makeLoaders, {
      requestId: requestScope.getStore()?.requestId ?? 'import',
      logger: deps.logger,
      clientAddress: req.ip ?? 'unknown',
      account,
    });
  };

  router.post('/imports/:kind', async (req: Request, res: Response) => {
    try {
      const ctx = await contextFor(req, IMPORT_ROLES);
      const kind = String(req.params['kind']);
      deps.imports.kind(kind);
      // A body plainly over the limit is refused from its Content-Length, before anything is
      // parsed or kept (the bytes are discarded as they arrive: see the catch below).
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > deps.imports.limits.maxFileBytes + 64 * 1024)
        throw ImportErrors.tooLarge(declared, deps.imports.limits.maxFileBytes);
      const upload = await readUpload(req, deps.imports.limits.maxFileBytes, deps.uploadIdleTimeoutMs);
      const report = await deps.imports.run(
        deps.dataSource,
        ctx,
        kind,
        { name: upload.fileName, data: upload.data },
        {
          validOnly: flag(req.query['validOnly']) || flag(upload.fields['validOnly']),
          dryRun: flag(req.query['dryRun']) || flag(upload.fields['dryRun']),
        },
      );
      res.status(report.outcome === 'REJECTED' ? 422 : 200).json(report);
    } catch (err) {
      // Answering while the client is still sending makes it see a reset, not the answer: the
      // rest of the body is read and thrown away first (up to a bound, then the socket is cut).
      if (!(await discardBody(req, 4 * deps.imports.limits.maxFileBytes))) return;
      if (!res.headersSent) sendError(res, err, deps.logger);
    }
  });

  router.get('/imports/:kind/template.xlsx', async (req: Request, res: Response) => {
    try {
      await contextFor(req, IMPORT_ROLES);
      const kind = deps.imports.kind(String(req.params['kind']));
      await sendWorkbook(res, `mau-nhap-${kind.name}.xlsx`, async (book) => {
        // Required columns carry a " *" the import ignores when it reads the header back.
        const sheet = book.sheet(
          kind.title,
          kind.columns.map((c) => ({
            header: c.required ? `${c.header} *` : c.header,
            width: Math.max(14, c.header.length + 4),
          })),
        );
        sheet.done();
        const help = book.sheet('Hướng dẫn', [
          { header: 'Cột', width: 24 },
          { header: 'Bắt buộc', width: 10 },
          { header: 'Giá trị nhận', width: 80 },
          { header: 'Tên khác được nhận', width: 40 },
        ]);
        for (const c of kind.columns) help.row([c.header, c.required ? 'Có' : 'Không', c.hint, (c.aliases ?? []).join('; ')]);
        help.row([]);
        help.row(['Ngày viết dd/mm/yyyy hoặc dùng ô kiểu Ngày; không dùng công thức. Chỉ trang tính đầu tiên được đọc.']);
        help.done();
      });
    } catch (err) {
      if (!res.headersSent) sendError(res, err, deps.logger);
      else res.destroy(err instanceof Error ? err : undefined);
    }
  });

  router.get('/exports/cadres.xlsx', async (req: Request, res: Response) => {
    try {
      const ctx = await contextFor(req, REGISTER_READERS);
      const unitId = typeof req.query['unitId'] === 'string' && req.query['unitId'] ? req.query['unitId'] : null;
      // Checks (scope, unit) run before the first byte, so a refusal is still a JSON error; the
      // batches are read in one REPEATABLE READ transaction, so the sheets agree with each other.
      await deps.dataSource.transaction('REPEATABLE READ', async (manager) => {
        ctx.manager = manager;
        const write = await cadreRegisterExport(ctx, unitId);
        await sendWorkbook(res, `ho-so-can-bo-${todayInVietnam()}.xlsx`, write);
      });
    } catch (err) {
      if (!res.headersSent) sendError(res, err, deps.logger);
      else res.destroy(err instanceof Error ? err : undefined);
    }
  });

  router.get('/exports/targets.xlsx', async (req: Request, res: Response) => {
    try {
      const ctx = await contextFor(req, AGGREGATE_READERS);
      const rawYear = typeof req.query['year'] === 'string' ? req.query['year'] : todayInVietnam().slice(0, 4);
      if (!/^\d{4}$/.test(rawYear))
        throw badInput('year phải là một năm, ví dụ ?year=2026', [
          { path: 'year', message: 'phải là một năm, ví dụ 2026', code: 'INVALID_YEAR' },
        ]);
      const unitId = typeof req.query['unitId'] === 'string' && req.query['unitId'] ? req.query['unitId'] : null;
      await deps.dataSource.transaction('REPEATABLE READ', async (manager) => {
        ctx.manager = manager;
        const write = await targetsExport(ctx, deps.targets, Number(rawYear), unitId);
        await sendWorkbook(res, `chi-tieu-2030-nam-${rawYear}.xlsx`, write);
      });
    } catch (err) {
      if (!res.headersSent) sendError(res, err, deps.logger);
      else res.destroy(err instanceof Error ? err : undefined);
    }
  });

  return router;
}
