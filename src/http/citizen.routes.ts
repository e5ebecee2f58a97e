import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';
import type { RequestContext } from '../graphql/context';
import type { RateLimiter } from '../db/rate-limiter';
import type { ReportsService } from '../modules/reports/reports.service';
import { CITIZEN_CSS, CITIZEN_JS, ASSET_PATHS } from './citizen/assets';
import { closeForm, formTokenValid, openForm } from './citizen/csrf';
import { explainErrors, type FormErrors } from './citizen/texts';
import {
  calendarPage,
  choiceLabel,
  type DirectoryChoice,
  type DirectorySearch,
  type FormValues,
  MAX_CONCERNS,
  landingPage,
  lookupPage,
  messagePage,
  receiptPage,
  submitPage,
  surveyPage,
  type Tracked,
  trackingPage,
} from './citizen/views';
import { checkFiles, MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD, reportOpenForEvidence, storeEvidence } from './evidence.routes';
import type { InProcessGraphql } from './in-process-graphql';
import { fieldsReceivedWith, receiveMultipart, type ReceivedFile, type ReceivedMultipart } from './multipart';

/**
 * The citizen's door: `/gui-don` (submit a report) and `/tra-cuu` (track it, answer, add
 * evidence), plus the reception calendar and the satisfaction survey. Server-rendered forms that
 * work with scripts off; every action runs the public GraphQL operations in-process (the same
 * schema, validation and transaction as `POST /graphql`), evidence is stored by the same code as
 * `POST /track/files`.
 *
 * Pages that carry a receipt code are the answer to a POST, never a URL: a code in an address
 * would stay in the browser's history, and the server would have to keep it to redirect to it.
 */

export const CITIZEN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const SUBMIT_PATH = '/gui-don';
const TRACK_PATH = '/tra-cuu';

const TRACKED_FIELDS = `kind status receivedAt dueAt daysLeft overdue publicReply treatedAsInformation
  acceptedOn notAcceptedReason transferredTo forwardedOn concludedOn repliedOn handledTogether
  extensions { days decidedAt decidedOn reason decisionNumber } messages { at fromReporter text }`;
const SUBMIT = `mutation CitizenSubmit($input: SubmitReportInput!) {
  submitReport(input: $input) { receiptCode receivedAt dueAt status treatedAsInformation } }`;
const TRACK = `query CitizenTrack($receiptCode: String!) { trackReport(receiptCode: $receiptCode) { ${TRACKED_FIELDS} } }`;
const ANSWER = `mutation CitizenAnswer($receiptCode: String!, $text: String!) {
  addReportMessage(receiptCode: $receiptCode, text: $text) { ${TRACKED_FIELDS} } }`;
const SCHEDULE = `query CitizenSchedule($from: String!, $to: String!) {
  receptionSchedule(from: $from, to: $to) { day startsAt endsAt kind location receiverLabel } }`;
const DIRECTORY = `query CitizenDirectory($search: String!) {
  publicDirectory(search: $search, first: 10) { kind id name postTitle unitName } }`;
const SURVEY = `mutation CitizenSurvey($input: SubmitSatisfactionInput!) { submitSatisfaction(input: $input) }`;

const KINDS = new Set(['COMPLAINT', 'DENUNCIATION', 'PETITION', 'FEEDBACK']);
const FIELDS = new Set([
  'ADMINISTRATIVE_PROCEDURE',
  'CADRE_ATTITUDE',
  'CONSTRUCTION',
  'CORRUPTION',
  'LAND',
  'OTHER',
  'PUBLIC_FINANCE',
]);
const IDENTITY_FIELDS = ['fullName', 'idNumber', 'phone', 'email', 'address'] as const;
const NOT_FOUND_CODE =
  'Không tìm thấy đơn với mã này. Hãy kiểm tra từng ký tự: mã có dạng XXXX-XXXX-XXXX-XXXX-X (mã có ký tự kiểm tra, nên một ký tự gõ nhầm cũng không tìm được).';
const CLOSED_REPORT = 'Đơn này đã kết thúc nên không nhận thêm trả lời hay chứng cứ; nếu có thông tin mới, hãy gửi đơn mới.';

const CHOICE = /^(CADRE|UNIT)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\|(.{1,300})$/s;

/** The people and units ticked on the form (`chosen-N` kept from before, `pick-N` from the last search), each once. */
function chosenSubjects(fields: FormValues): DirectoryChoice[] {
  const out = new Map<string, DirectoryChoice>();
  for (const [name, value] of Object.entries(fields)) {
    if (!/^(chosen|pick)-\d{1,2}$/.test(name)) continue;
    const m = value === undefined ? null : CHOICE.exec(value);
    if (m) out.set(m[2]!, { kind: m[1] as DirectoryChoice['kind'], id: m[2]!, label: m[3]! });
  }
  return [...out.values()];
}

export interface CitizenRouteDeps {
  graphql: InProcessGraphql;
  reports: ReportsService;
  rateLimiter: RateLimiter;
  logger: Logger;
  publicUploadsPerHour: number;
  uploadIdleTimeoutMs: number;
}

function securityHeaders(res: Response) {
  res.setHeader('content-security-policy', CITIZEN_CSP);
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
}

function sendPage(res: Response, status: number, page: string) {
  res.status(status);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  // No page of this door is kept: not by the browser (back button on a shared computer), not by a proxy.
  res.setHeader('cache-control', 'no-store');
  res.send(page);
}

const statusOf = (errors: readonly GraphQLFormattedError[]) => {
  switch (errors[0]?.extensions?.['code']) {
    case 'RATE_LIMITED':
      return 429;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'BAD_USER_INPUT':
      return 400;
    default:
      return 500;
  }
};

/** An AppError (a refused upload) as the API would format it, for {@link explainErrors}. */
const asFormatted = (err: AppError): GraphQLFormattedError => ({
  message: err.message,
  extensions: { code: err.code, ...err.details },
});

/** A browser sends an empty part for a file input left empty: not a file. */
const chosenFiles = (files: ReceivedFile[]) => files.filter((f) => !(f.sizeBytes === 0 && f.fileName === 'tep'));

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const trimmed = (v: string | undefined) => {
  const t = v?.trim();
  return t ? t : undefined;
};

export function citizenRoutes(deps: CitizenRouteDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 20 });
  const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const run = <T>(
    req: Request,
    source: string,
    variables: Record<string, unknown>,
    beforeCommit?: (ctx: RequestContext, data: T) => Promise<void>,
  ) => deps.graphql.run<T>(source, variables, { clientAddress: clientAddress(req), beforeCommit });

  router.use([SUBMIT_PATH, TRACK_PATH], (_req, res, next) => {
    securityHeaders(res);
    next();
  });

  router.get(`${SUBMIT_PATH}/assets/:name`, (req, res, next) => {
    const path = req.path;
    const body = path === ASSET_PATHS.css ? CITIZEN_CSS : path === ASSET_PATHS.js ? CITIZEN_JS : undefined;
    if (body === undefined) return next();
    res.setHeader('content-type', path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.send(body);
  });

  router.get(SUBMIT_PATH, (_req, res) => sendPage(res, 200, landingPage()));

  router.get(`${SUBMIT_PATH}/viet`, (req, res) => {
    sendPage(res, 200, submitPage({ csrf: openForm(req, res, SUBMIT_PATH), idempotencyKey: randomUUID() }));
  });

  router.post(`${SUBMIT_PATH}/viet`, async (req, res, next) => {
    let body: ReceivedMultipart | undefined;
    const again = (
      status: number,
      values: FormValues,
      errors: FormErrors,
      step: { found?: DirectorySearch; notice?: string } = {},
    ) =>
      sendPage(
        res,
        status,
        submitPage({
          csrf: openForm(req, res, SUBMIT_PATH),
          idempotencyKey: /^[A-Za-z0-9-]{8,100}$/.test(values['idempotencyKey'] ?? '') ? values['idempotencyKey']! : randomUUID(),
          values: withoutIdentity(values),
          errors,
          chosen: chosenSubjects(values),
          ...step,
        }),
      );
    /**
     * The "Tìm" step without scripts: the form comes back with the directory's answer and every
     * value kept, except files and identity (never echoed; said so when some were given).
     */
    const searchStep = async (f: Record<string, string>, hadFiles: boolean) => {
      const search = (f['concernsSearch'] ?? '').trim();
      const gaveIdentity = hadFiles || IDENTITY_FIELDS.some((k) => trimmed(f[k]));
      const notice = gaveIdentity
        ? 'Đơn chưa được gửi. Tệp đã chọn và thông tin cá nhân không được giữ lại khi tìm; hãy chọn, nhập lại trước khi bấm “Gửi đơn”.'
        : undefined;
      // Enter pressed in another box: the first button of the form is "Tìm"; nothing to search, nothing to say.
      if (!search) return again(200, f, { fields: {} }, { notice });
      const result = await run<{
        publicDirectory: Array<{
          kind: 'CADRE' | 'UNIT';
          id: string;
          name: string;
          postTitle: string | null;
          unitName: string | null;
        }>;
      }>(req, DIRECTORY, { search: search.slice(0, 100) });
      if (!result.data) {
        const explained = explainErrors(result.errors);
        return again(
          statusOf(result.errors),
          f,
          {
            fields: { concernsSearch: explained.fields['concernsSearch'] ?? explained.form! },
            form: explained.form,
          },
          { notice },
        );
      }
      const results = result.data.publicDirectory.map((e) => ({ kind: e.kind, id: e.id, label: choiceLabel(e) }));
      return again(200, f, { fields: {} }, { found: { search, results }, notice });
    };
    try {
      try {
        body = await receiveMultipart(req, {
          maxFileBytes: MAX_FILE_BYTES,
          maxFiles: MAX_FILES_PER_UPLOAD,
          // The form's own fields, the directory search's ten results and the five people already chosen.
          maxFields: 40,
          maxFieldBytes: 100_000,
          idleTimeoutMs: deps.uploadIdleTimeoutMs,
        });
      } catch (err) {
        // Nothing was submitted: the report is written only once the whole body has arrived.
        if (!(err instanceof AppError)) throw err;
        const fields = fieldsReceivedWith(err) ?? {};
        const explained = explainErrors([asFormatted(err)]);
        return again(Number(err.details['httpStatus'] ?? 400), fields, {
          fields: { file: err.message },
          form: explained.form,
        });
      }
      const f = body.fields;
      if (!formTokenValid(req, f['csrf'])) {
        return again(403, f, {
          fields: {},
          form: 'Biểu mẫu đã hết hạn hoặc không được mở từ trang này. Hãy kiểm tra lại nội dung, chọn lại tệp (nếu có) và bấm “Gửi đơn” lần nữa.',
        });
      }
      if (f['action'] === 'tim') return await searchStep(f, chosenFiles(body.files).length > 0);
      const subjects = chosenSubjects(f);
      const errors: FormErrors = { fields: {} };
      if (subjects.length > MAX_CONCERNS)
        errors.fields['concerns'] = `Chọn tối đa ${MAX_CONCERNS} người hoặc đơn vị; hãy bỏ bớt dấu chọn.`;
      if (!KINDS.has(f['kind'] ?? '')) errors.fields['kind'] = 'Hãy chọn loại đơn.';
      if (!FIELDS.has(f['field'] ?? '')) errors.fields['field'] = 'Hãy chọn lĩnh vực.';
      const giveIdentity = f['identity'] !== 'no';
      if (giveIdentity && !trimmed(f['fullName'])) {
        errors.fields['fullName'] = 'Hãy nhập họ tên, hoặc chọn “Tôi không ghi họ tên”.';
      }
      let checked: Awaited<ReturnType<typeof checkFiles>> = [];
      try {
        checked = await checkFiles(chosenFiles(body.files));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        errors.fields['file'] = err.message;
      }
      if (Object.keys(errors.fields).length) {
        return again(400, f, { ...errors, form: 'Một số thông tin chưa đúng; xem các ô được đánh dấu bên dưới.' });
      }
      const reporter = giveIdentity
        ? Object.fromEntries(IDENTITY_FIELDS.flatMap((k) => (trimmed(f[k]) ? [[k, trimmed(f[k])]] : [])))
        : null;
      const input = {
        kind: f['kind'],
        field: f['field'],
        title: (f['title'] ?? '').trim(),
        content: (f['content'] ?? '').trim(),
        concerns:
          subjects.length || trimmed(f['concernsText'])
            ? {
                cadreIds: subjects.filter((c) => c.kind === 'CADRE').map((c) => c.id),
                unitIds: subjects.filter((c) => c.kind === 'UNIT').map((c) => c.id),
                text: trimmed(f['concernsText']) ?? null,
              }
            : null,
        reporter,
        idempotencyKey: trimmed(f['idempotencyKey']),
      };
      let stored = 0;
      const result = await run<{ submitReport: Parameters<typeof receiptPage>[0] }>(req, SUBMIT, { input }, async (ctx, data) => {
        if (!checked.length) return;
        await deps.rateLimiter.hit(
          { action: 'evidence uploads', max: deps.publicUploadsPerHour, windowSeconds: 3600 },
          ctx.clientAddress,
        );
        // Stored in the submission's own transaction: the report and its files exist together or not at all.
        const report = await deps.reports.byReceipt(ctx, data.submitReport.receiptCode);
        stored = (await storeEvidence(ctx.manager, deps.reports, report.id, checked, { fromReporter: true, accountId: null }))
          .length;
      });
      if (!result.data) {
        return again(
          statusOf(result.errors),
          f,
          explainErrors(result.errors, {
            conflict: 'Biểu mẫu này đã được gửi với nội dung khác. Hãy mở biểu mẫu mới để gửi đơn mới.',
          }),
        );
      }
      closeForm(req, res, SUBMIT_PATH);
      sendPage(res, 200, receiptPage(result.data.submitReport, input.kind!, stored));
    } catch (err) {
      next(err);
    } finally {
      await body?.dispose();
    }
  });

  router.get(`${SUBMIT_PATH}/lich-tiep-dan`, async (req, res, next) => {
    try {
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const to = new Date(Date.now() + 7 * 3600_000 + 60 * 86400_000).toISOString().slice(0, 10);
      const result = await run<{ receptionSchedule: Parameters<typeof calendarPage>[0] }>(req, SCHEDULE, { from: today, to });
      if (!result.data) {
        return sendPage(
          res,
          statusOf(result.errors),
          messagePage('Lịch tiếp công dân', explainErrors(result.errors).form!, ['/gui-don', 'Về trang gửi đơn']),
        );
      }
      sendPage(res, 200, calendarPage(result.data.receptionSchedule, today, to));
    } catch (err) {
      next(err);
    }
  });

  router.get(`${SUBMIT_PATH}/khao-sat`, (req, res) => {
    sendPage(res, 200, surveyPage({ csrf: openForm(req, res, SUBMIT_PATH) }));
  });

  router.post(`${SUBMIT_PATH}/khao-sat`, form, async (req, res, next) => {
    try {
      const f = (req.body ?? {}) as Record<string, unknown>;
      const values: FormValues = { surveyCode: str(f['surveyCode']), score: str(f['score']), comment: str(f['comment']) };
      const again = (status: number, errors: FormErrors) =>
        sendPage(res, status, surveyPage({ csrf: openForm(req, res, SUBMIT_PATH), values, errors }));
      if (!formTokenValid(req, str(f['csrf']))) {
        return again(403, { fields: {}, form: 'Biểu mẫu đã hết hạn; hãy bấm “Gửi đánh giá” lần nữa.' });
      }
      const errors: FormErrors = { fields: {} };
      if (!trimmed(values['surveyCode'])) errors.fields['surveyCode'] = 'Hãy nhập mã khảo sát in trên giấy biên nhận.';
      if (!/^[1-5]$/.test(values['score'] ?? '')) errors.fields['score'] = 'Hãy chọn mức hài lòng từ 1 đến 5.';
      if (Object.keys(errors.fields).length) return again(400, { ...errors, form: 'Một số thông tin chưa đúng.' });
      const result = await run(req, SURVEY, {
        input: {
          surveyCode: trimmed(values['surveyCode'])?.slice(0, 64),
          score: Number(values['score']),
          comment: trimmed(values['comment']) ?? null,
        },
      });
      if (!result.data) {
        const explained = explainErrors(result.errors, {
          notFound:
            'Không tìm thấy hồ sơ với mã khảo sát này. Hãy kiểm tra từng ký tự: mã có dạng XXXX-XXXX-XXXX-XXXX-X, in trên giấy biên nhận (không phải số biên nhận).',
          conflict: 'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.',
        });
        // A wrong code is said next to the code, as a mistyped receipt code is on the tracking page.
        if (statusOf(result.errors) === 404) explained.fields['surveyCode'] = explained.form!;
        return again(statusOf(result.errors), explained);
      }
      closeForm(req, res, SUBMIT_PATH);
      sendPage(res, 200, surveyPage({ csrf: '', done: true }));
    } catch (err) {
      next(err);
    }
  });

  router.get(TRACK_PATH, (req, res) => sendPage(res, 200, lookupPage({ csrf: openForm(req, res, TRACK_PATH) })));

  /** The tracking page for a code, or the lookup form with the API's answer next to the code. */
  const showTracking = async (
    req: Request,
    res: Response,
    code: string,
    extra: { notice?: string; answer?: string; errors?: FormErrors; status?: number } = {},
  ) => {
    const csrf = openForm(req, res, TRACK_PATH);
    const result = await run<{ trackReport: Tracked }>(req, TRACK, { receiptCode: code });
    if (!result.data) {
      const explained = explainErrors(result.errors, { notFound: NOT_FOUND_CODE });
      return sendPage(
        res,
        statusOf(result.errors),
        lookupPage({ csrf, code, errors: { fields: { receiptCode: explained.form! }, form: explained.form } }),
      );
    }
    sendPage(res, extra.status ?? 200, trackingPage({ csrf, code, report: result.data.trackReport, ...extra }));
  };

  router.post(TRACK_PATH, form, async (req, res, next) => {
    try {
      const f = (req.body ?? {}) as Record<string, unknown>;
      const code = (str(f['receiptCode']) ?? '').trim().slice(0, 64);
      if (!formTokenValid(req, str(f['csrf']))) {
        return sendPage(
          res,
          403,
          lookupPage({
            csrf: openForm(req, res, TRACK_PATH),
            code,
            errors: { fields: {}, form: 'Biểu mẫu đã hết hạn; hãy bấm “Tra cứu” lần nữa.' },
          }),
        );
      }
      if (!code) {
        const message = 'Hãy nhập mã tiếp nhận.';
        return sendPage(
          res,
          400,
          lookupPage({ csrf: openForm(req, res, TRACK_PATH), errors: { fields: { receiptCode: message }, form: message } }),
        );
      }
      await showTracking(req, res, code);
    } catch (err) {
      next(err);
    }
  });

  router.post(`${TRACK_PATH}/tra-loi`, form, async (req, res, next) => {
    try {
      const f = (req.body ?? {}) as Record<string, unknown>;
      const code = (str(f['receiptCode']) ?? '').trim().slice(0, 64);
      const text = (str(f['text']) ?? '').trim();
      if (!formTokenValid(req, str(f['csrf']))) {
        return showTracking(req, res, code, {
          answer: text,
          status: 403,
          errors: { fields: {}, form: 'Biểu mẫu đã hết hạn; hãy bấm “Gửi trả lời” lần nữa.' },
        });
      }
      const result = await run(req, ANSWER, { receiptCode: code, text });
      if (!result.data) {
        const explained = explainErrors(result.errors, { notFound: NOT_FOUND_CODE, conflict: CLOSED_REPORT });
        if (!Object.keys(explained.fields).length && statusOf(result.errors) === 400)
          explained.fields['text'] = 'Nội dung cần từ 2 đến 5.000 ký tự.';
        return showTracking(req, res, code, { answer: text, status: statusOf(result.errors), errors: explained });
      }
      await showTracking(req, res, code, { notice: 'Đã gửi trả lời của bạn.' });
    } catch (err) {
      next(err);
    }
  });

  router.post(`${TRACK_PATH}/chung-cu`, async (req, res, next) => {
    let body: ReceivedMultipart | undefined;
    try {
      let fields: Record<string, string>;
      let fileError: string | undefined;
      let status = 400;
      try {
        body = await receiveMultipart(req, {
          maxFileBytes: MAX_FILE_BYTES,
          maxFiles: MAX_FILES_PER_UPLOAD,
          maxFields: 5,
          idleTimeoutMs: deps.uploadIdleTimeoutMs,
        });
        fields = body.fields;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        fields = fieldsReceivedWith(err) ?? {};
        fileError = err.message;
        status = Number(err.details['httpStatus'] ?? 400);
      }
      const code = (fields['receiptCode'] ?? '').trim().slice(0, 64);
      if (!fileError && !formTokenValid(req, fields['csrf'])) {
        return showTracking(req, res, code, {
          status: 403,
          errors: { fields: {}, form: 'Biểu mẫu đã hết hạn; hãy chọn lại tệp và bấm “Gửi tệp” lần nữa.' },
        });
      }
      const files = body ? chosenFiles(body.files) : [];
      if (!fileError && !files.length) fileError = 'Hãy chọn ít nhất một tệp.';
      if (fileError)
        return showTracking(req, res, code, { status, errors: { fields: { file: fileError }, form: 'Chưa lưu được tệp nào.' } });
      // The same steps as POST /track/files: a rate limit, the report by its code, the files checked, then stored together.
      try {
        await deps.rateLimiter.hit(
          { action: 'evidence uploads', max: deps.publicUploadsPerHour, windowSeconds: 3600 },
          clientAddress(req),
        );
        await deps.graphql.transaction(clientAddress(req), async (ctx) => {
          const report = await reportOpenForEvidence(deps.reports, ctx, code);
          await storeEvidence(ctx.manager, deps.reports, report.id, await checkFiles(files), {
            fromReporter: true,
            accountId: null,
          });
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const explained = explainErrors([asFormatted(err)], { notFound: NOT_FOUND_CODE, conflict: CLOSED_REPORT });
        if (err.code === ErrorCode.BAD_USER_INPUT) explained.fields['file'] = err.message;
        if (err.code === ErrorCode.NOT_FOUND) {
          return sendPage(
            res,
            404,
            lookupPage({
              csrf: openForm(req, res, TRACK_PATH),
              code,
              errors: { fields: { receiptCode: NOT_FOUND_CODE }, form: NOT_FOUND_CODE },
            }),
          );
        }
        return showTracking(req, res, code, { status: statusOf([asFormatted(err)]), errors: explained });
      }
      await showTracking(req, res, code, { notice: `Đã lưu ${files.length} tệp chứng cứ.` });
    } catch (err) {
      next(err);
    } finally {
      await body?.dispose();
    }
  });

  // Anything else under these paths, and an unexpected error, as a page rather than JSON.
  router.use([SUBMIT_PATH, TRACK_PATH], (_req: Request, res: Response) =>
    sendPage(res, 404, messagePage('Không tìm thấy trang', 'Trang bạn tìm không có.', ['/gui-don', 'Về trang gửi đơn'])),
  );
  router.use([SUBMIT_PATH, TRACK_PATH], (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'citizen page failed');
    if (res.headersSent) return res.destroy();
    sendPage(
      res,
      500,
      messagePage('Hệ thống đang gặp lỗi', 'Yêu cầu của bạn chưa được ghi nhận. Hãy thử lại sau ít phút.', [
        '/gui-don',
        'Về trang gửi đơn',
      ]),
    );
  });
  return router;
}

/** The form's values without the reporter's identity: never written back into a page. */
function withoutIdentity(values: FormValues): FormValues {
  const out: FormValues = { ...values };
  for (const k of IDENTITY_FIELDS) delete out[k];
  delete out['csrf'];
  return out;
}
