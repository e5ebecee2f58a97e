import express, { type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { badInput, forbidden, unauthenticated } from '../common/errors';
import type { Logger } from '../common/logger';
import { UUID_TEXT } from '../common/validation';
import { requestScope } from '../common/request-scope';
import type { Role } from '../common/role.enum';
import { bearerFrom, type LoaderFactory, newContext } from '../graphql/request-context';
import type { AuthService } from '../modules/accounts/auth.service';
import { PeriodKind } from '../modules/periodic-reports/period';
import { periodicReportPdf } from '../modules/periodic-reports/periodic-report.pdf';
import { periodicReportXlsx } from '../modules/periodic-reports/periodic-report.xlsx';
import { PERIODIC_READERS, type PeriodicReportsService } from '../modules/periodic-reports/periodic-reports.service';
import { sendError } from './error-response';

export interface PeriodicReportRouteDeps {
  dataSource: DataSource;
  auth: AuthService;
  periodicReports: PeriodicReportsService;
  makeLoaders: LoaderFactory;
  logger: Logger;
}

const KINDS = new Set<string>(Object.values(PeriodKind));
const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * `GET /exports/periodic-reports/{template}.xlsx|.pdf?kind=&year=&number=&unitId=` with a Bearer
 * token (who reads `periodicReport`): the periodic report as a workbook or a printable PDF, the
 * same figures as the GraphQL `periodicReport`, its checks first (period ended, template, scope),
 * so a refusal is a JSON error with `extensions.reason`.
 */
export function periodicReportRoutes(deps: PeriodicReportRouteDeps): Router {
  const router = express.Router();
  router.get('/exports/periodic-reports/:file', async (req: Request, res: Response) => {
    try {
      const bearer = bearerFrom(req.headers.authorization);
      if (!bearer) throw unauthenticated();
      const { account } = await deps.auth.authenticate(deps.dataSource.manager, bearer);
      if (!(PERIODIC_READERS as readonly Role[]).includes(account.role))
        throw forbidden('Vai trò của bạn không được xem báo cáo định kỳ');
      const file = /^([A-Z_]{1,64})\.(xlsx|pdf)$/.exec(String(req.params['file']));
      if (!file)
        throw badInput(
          'Đường dẫn cần dạng /exports/periodic-reports/MÃ_MẪU.xlsx hoặc .pdf',
          [{ path: 'file', message: 'MÃ_MẪU.xlsx|pdf' }],
          'EXPORT_FORMAT',
        );
      const q = (k: string) => (typeof req.query[k] === 'string' && req.query[k] ? String(req.query[k]) : null);
      const kind = q('kind') ?? '';
      const year = q('year') ?? '';
      const number = q('number');
      if (!KINDS.has(kind) || !/^\d{4}$/.test(year) || (number !== null && !/^\d{1,2}$/.test(number)))
        throw badInput(
          'Cần kỳ báo cáo: ?kind=MONTH|QUARTER|SIX_MONTHS|NINE_MONTHS|YEAR&year=2026&number=… (tháng 1-12 hoặc quý 1-4)',
          [{ path: 'kind', message: [...KINDS].join('|') }],
          'PERIOD_INVALID',
        );
      const unitId = q('unitId');
      if (unitId !== null && !UUID_TEXT.test(unitId))
        throw badInput('unitId phải là mã (UUID) của một đơn vị', [{ path: 'unitId', message: 'UUID' }], 'UNIT_ID');
      const ctx = newContext(deps.dataSource, deps.makeLoaders, {
        requestId: requestScope.getStore()?.requestId ?? 'periodic-report',
        logger: deps.logger,
        clientAddress: req.ip ?? 'unknown',
        account,
      });
      const [, template, ext] = file as unknown as [string, string, 'xlsx' | 'pdf'];
      const view = await deps.dataSource.transaction('REPEATABLE READ', async (manager) => {
        ctx.manager = manager;
        return deps.periodicReports.periodicReport(
          ctx,
          template,
          kind as PeriodKind,
          Number(year),
          number === null ? null : Number(number),
          unitId,
        );
      });
      const body = ext === 'xlsx' ? await periodicReportXlsx(view) : await periodicReportPdf(view);
      const name = `bao-cao-${template.toLowerCase().replace(/_/g, '-')}-${kind.toLowerCase()}-${year}${number ? `-${number}` : ''}.${ext}`;
      res.status(200);
      res.setHeader('content-type', TYPES[ext]);
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.end(body);
    } catch (err) {
      if (!res.headersSent) sendError(res, err, deps.logger);
      else res.destroy(err instanceof Error ? err : undefined);
    }
  });
  return router;
}
