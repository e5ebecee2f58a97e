import { ASSET_PATHS } from './assets';
import { html, type HtmlValue, type SafeHtml } from './html';
import { FIELDS, type FormErrors, formatDay, KIND_NAMES, KINDS, STATUS_NAMES } from './texts';

/** The pages of the citizen's door (`/gui-don`, `/tra-cuu`): plain forms that work without scripts. */

const NAV: ReadonlyArray<[string, string]> = [
  ['/gui-don', 'Gửi đơn'],
  ['/tra-cuu', 'Tra cứu đơn'],
  ['/gui-don/lich-tiep-dan', 'Lịch tiếp công dân'],
  ['/gui-don/khao-sat', 'Khảo sát hài lòng'],
];

export function layout(title: string, body: SafeHtml, current = ''): string {
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} — Phường An Biên</title>
        <link rel="stylesheet" href="${ASSET_PATHS.css}" />
        <script src="${ASSET_PATHS.js}" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
        <header>
          <p class="ward">Đảng ủy – Ủy ban nhân dân phường An Biên</p>
          <nav aria-label="Các trang">
            <ul>
              ${NAV.map(
                ([href, label]) =>
                  html`<li><a href="${href}" ${href === current ? html` aria-current="page"` : ''}>${label}</a></li>`,
              )}
            </ul>
          </nav>
        </header>
        <main id="main">${body}</main>
        <footer>
          <p>
            Trang này không dùng cookie theo dõi, không gửi dữ liệu của bạn cho bên thứ ba và không tải gì từ trang web khác.
            Phường không gửi email hay tin nhắn cho người gửi đơn: hãy dùng mã tiếp nhận để theo dõi.
          </p>
        </footer>
      </body>
    </html> `.value;
}

/** Entered values of a form, by input name. */
export type FormValues = Record<string, string | undefined>;

function errorId(name: string) {
  return `${name}-error`;
}

function fieldError(name: string, errors: FormErrors): SafeHtml {
  const message = errors.fields[name];
  return html`${message ? html`<p class="error" id="${errorId(name)}">${message}</p>` : ''}`;
}

function describedBy(name: string, errors: FormErrors, hint: boolean): SafeHtml {
  const ids = [hint ? `${name}-hint` : '', errors.fields[name] ? errorId(name) : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${errors.fields[name] ? html` aria-invalid="true"` : ''}`;
}

interface InputOptions {
  name: string;
  label: string;
  value?: string | undefined;
  hint?: string;
  type?: string;
  autocomplete?: string;
  multiline?: boolean;
  extra?: SafeHtml;
}

function input(o: InputOptions, errors: FormErrors): SafeHtml {
  const hint = o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : '';
  const attrs = html`id="${o.name}"
  name="${o.name}"${describedBy(o.name, errors, !!o.hint)}${
    o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''
  }${o.extra ?? ''}`;
  const control = o.multiline
    ? html`<textarea ${attrs}>${o.value ?? ''}</textarea>`
    : html`<input type="${o.type ?? 'text'}" ${attrs} value="${o.value ?? ''}" />`;
  return html`<label for="${o.name}">${o.label}</label>${hint}${fieldError(o.name, errors)}${control}`;
}

function errorSummary(errors: FormErrors, labels: Record<string, string>): SafeHtml {
  if (!errors.form && !Object.keys(errors.fields).length) return html``;
  const items = Object.keys(errors.fields).map((name) => html`<li><a href="#${name}">${labels[name] ?? name}</a></li>`);
  return html`<div class="alert" role="alert" tabindex="-1" id="error-summary">
    <p><strong>${errors.form ?? 'Một số thông tin chưa đúng.'}</strong></p>
    ${
      items.length
        ? html`<ul>
            ${items}
          </ul>`
        : ''
    }
  </div>`;
}

const csrfField = (token: string) => html`<input type="hidden" name="csrf" value="${token}" />`;

const noErrors: FormErrors = { fields: {} };

export function landingPage(): string {
  const kinds = KINDS.map(
    (k) =>
      html`<section class="kind" aria-labelledby="kind-${k.value}">
        <h3 id="kind-${k.value}">${k.name}</h3>
        <p>${k.when}</p>
        <ul>
          ${k.promises.map((p) => html`<li>${p}</li>`)}
        </ul>
      </section>`,
  );
  return layout(
    'Gửi đơn',
    html`<h1>Gửi đơn đến phường An Biên</h1>
      <p>
        Bạn có thể gửi khiếu nại, tố cáo, kiến nghị hoặc phản ánh mà không cần tài khoản. Sau khi gửi, bạn nhận một
        <strong>mã tiếp nhận</strong> để theo dõi đơn, trả lời câu hỏi của cán bộ và bổ sung chứng cứ.
      </p>
      <p><a class="button" href="/gui-don/viet">Bắt đầu viết đơn</a></p>
      <h2>Chọn đúng loại đơn</h2>
      <p>Loại đơn quyết định luật nào áp dụng, thời hạn giải quyết và việc bảo vệ người gửi.</p>
      ${kinds}
      <h2>Trước khi gửi</h2>
      <ul>
        <li>Trang này không lưu gì trên máy của bạn. Nếu dùng máy chung, hãy đóng trình duyệt sau khi xong.</li>
        <li>
          Mã tiếp nhận chỉ hiện một lần. Phường không lưu mã ở dạng đọc được và không gửi email hay tin nhắn, nên mất mã thì không
          tra cứu được.
        </li>
        <li>
          Chứng cứ: tối đa 3 tệp mỗi lần, mỗi tệp không quá 10 MB (PDF, ảnh, ghi âm MP3, video MP4, DOCX, XLSX, ODT, ODS, ZIP).
        </li>
      </ul>
      <p>Đã gửi đơn? <a href="/tra-cuu">Tra cứu bằng mã tiếp nhận</a>.</p>`,
    '/gui-don',
  );
}

const SUBMIT_LABELS: Record<string, string> = {
  kind: 'Loại đơn',
  field: 'Lĩnh vực',
  concernsSearch: 'Tìm người hoặc đơn vị',
  concerns: 'Người hoặc đơn vị đã chọn',
  concernsText: 'Mô tả người hoặc đơn vị liên quan',
  title: 'Tiêu đề',
  content: 'Nội dung',
  file: 'Chứng cứ',
  identity: 'Thông tin của bạn',
  fullName: 'Họ và tên',
  idNumber: 'Số CCCD',
  phone: 'Số điện thoại',
  email: 'Email',
  address: 'Địa chỉ',
};

/** A cadre or unit of the public directory, as the form carries it: `CADRE|<id>|<label>`. */
export interface DirectoryChoice {
  kind: 'CADRE' | 'UNIT';
  id: string;
  label: string;
}

/** The most people or units one report names from the directory on this page. */
export const MAX_CONCERNS = 5;

/** What the directory search step shows: the search, and its results or why there are none. */
export interface DirectorySearch {
  search: string;
  results: DirectoryChoice[];
}

export const choiceValue = (c: DirectoryChoice) => `${c.kind}|${c.id}|${c.label}`;

/** A directory entry as one line a citizen recognises: the name, then post and unit. */
export function choiceLabel(entry: { name: string; postTitle: string | null; unitName: string | null }): string {
  const where = [entry.postTitle, entry.unitName].filter(Boolean).join(', ');
  return where ? `${entry.name} — ${where}` : entry.name;
}

function choiceBox(name: string, c: DirectoryChoice, checked: boolean): SafeHtml {
  const id = `${name}-box`;
  return html`<div class="choice">
    <input type="checkbox" id="${id}" name="${name}" value="${choiceValue(c)}" ${checked ? html` checked` : ''} /><label
      for="${id}"
      class="inline"
      >${c.kind === 'UNIT' ? html`<span class="tag">Đơn vị</span> ` : ''}${c.label}</label
    >
  </div>`;
}

/** The search step's results: a box per entry not already chosen (the enhancement renders the same markup). */
function directoryResults(found: DirectorySearch | undefined, chosen: readonly DirectoryChoice[]): SafeHtml {
  if (!found) return html``;
  const taken = new Set(chosen.map((c) => c.id));
  const fresh = found.results.filter((r) => !taken.has(r.id));
  if (!found.results.length)
    return html`<p class="hint" role="status">
      Không tìm thấy ai hoặc đơn vị nào có tên “${found.search}”. Hãy thử cách viết khác, hoặc mô tả ở ô bên dưới.
    </p>`;
  return html`<fieldset class="results">
    <legend>Kết quả cho “${found.search}”: đánh dấu người hoặc đơn vị đơn của bạn nói đến</legend>
    <p class="hint" role="status">Tìm thấy ${found.results.length} kết quả.</p>
    ${fresh.map((c, i) => choiceBox(`pick-${i}`, c, false))}
  </fieldset>`;
}

/**
 * The submission form. `values` never carries identity fields or files: after an error they are
 * not written back into the page (the person types them again), so a shared screen or a cached
 * error page does not show them. `found` is the directory search step's answer (scripts off: the
 * "Tìm" button posts the form and the page comes back with the results); `chosen` the people
 * and units already ticked, kept across steps.
 */
export function submitPage(opts: {
  csrf: string;
  idempotencyKey: string;
  values?: FormValues;
  errors?: FormErrors;
  found?: DirectorySearch;
  chosen?: readonly DirectoryChoice[];
  notice?: string;
}): string {
  const v = opts.values ?? {};
  const e = opts.errors ?? noErrors;
  const chosen = opts.chosen ?? [];
  const kindChoices = KINDS.map(
    (k) =>
      html`<div class="choice">
        <input
          type="radio"
          name="kind"
          id="kind-${k.value}"
          value="${k.value}"
          ${v['kind'] === k.value ? html` checked` : ''}${describedBy('kind', e, false)}
        /><label for="kind-${k.value}" class="inline"><strong>${k.name}</strong>: ${k.when}</label>
      </div>`,
  );
  const fieldOptions = FIELDS.map(
    ([value, label]) => html`<option value="${value}" ${v['field'] === value ? html` selected` : ''}>${label}</option>`,
  );
  const giveIdentity = v['identity'] !== 'no';
  return layout(
    'Viết đơn',
    html`<h1>Viết đơn</h1>
      ${errorSummary(e, SUBMIT_LABELS)}
      <form method="post" action="/gui-don/viet" enctype="multipart/form-data" novalidate data-once>
        ${csrfField(opts.csrf)}
        <input type="hidden" name="idempotencyKey" value="${opts.idempotencyKey}" />
        <fieldset id="kind">
          <legend>1. Loại đơn</legend>
          <p class="hint">Chưa chắc? Xem <a href="/gui-don">giải thích từng loại đơn và thời hạn luật định</a>.</p>
          ${fieldError('kind', e)} ${kindChoices}
        </fieldset>
        <fieldset>
          <legend>2. Lĩnh vực và tiêu đề</legend>
          <label for="field">Lĩnh vực</label>
          ${fieldError('field', e)}
          <select id="field" name="field" ${describedBy('field', e, false)}>
            <option value="">— Chọn lĩnh vực —</option>
            ${fieldOptions}
          </select>
          ${input({ name: 'title', label: 'Tiêu đề', value: v['title'], hint: 'Một câu ngắn, ví dụ: Cán bộ địa chính đòi tiền khi làm sổ đỏ.' }, e)}
        </fieldset>
        <fieldset id="concerns">
          <legend>3. Người hoặc đơn vị liên quan (không bắt buộc)</legend>
          ${fieldError('concerns', e)}
          ${
            chosen.length
              ? html`<div id="concerns-chosen">
                  <p class="hint">Đã chọn (bỏ dấu để bỏ chọn):</p>
                  ${chosen.map((c, i) => choiceBox(`chosen-${i}`, c, true))}
                </div>`
              : html`<div id="concerns-chosen"></div>`
          }
          <label for="concernsSearch">Tìm theo tên người hoặc đơn vị</label>
          <p class="hint" id="concernsSearch-hint">
            Gõ tên, có dấu hay không dấu đều được (ví dụ: nguyen van a, dia chinh), ít nhất 3 ký tự, rồi bấm “Tìm”. Chỉ tìm trong
            danh sách cán bộ đang công tác và các đơn vị của phường; chọn tối đa ${MAX_CONCERNS}.
          </p>
          ${fieldError('concernsSearch', e)}
          <div class="search-row">
            <input
              type="search"
              id="concernsSearch"
              name="concernsSearch"
              value="${v['concernsSearch'] ?? ''}"
              autocomplete="off"
              spellcheck="false"
              data-directory-search
              ${describedBy('concernsSearch', e, true)}
            /><button type="submit" name="action" value="tim" class="secondary" id="concerns-find">Tìm</button>
          </div>
          <div id="concerns-results" aria-live="polite">${directoryResults(opts.found, chosen)}</div>
          ${opts.notice ? html`<p class="note" role="status">${opts.notice}</p>` : ''}
          ${input(
            {
              name: 'concernsText',
              label: 'Mô tả người hoặc đơn vị liên quan',
              value: v['concernsText'],
              multiline: false,
              hint: 'Nếu không tìm thấy hoặc không biết tên, hãy mô tả (ví dụ: cán bộ một cửa, bộ phận địa chính).',
            },
            e,
          )}
        </fieldset>
        <fieldset>
          <legend>4. Nội dung đơn</legend>
          ${input({ name: 'content', label: 'Nội dung', value: v['content'], multiline: true, hint: 'Việc gì đã xảy ra, ở đâu, khi nào, ai biết việc này. Từ 10 đến 20.000 ký tự.' }, e)}
        </fieldset>
        <fieldset>
          <legend>5. Chứng cứ (không bắt buộc)</legend>
          <label for="file">Chọn tệp</label>
          <p class="hint" id="file-hint">
            Tối đa 3 tệp, mỗi tệp không quá 10 MB: PDF, ảnh (PNG, JPEG, GIF, WebP), ghi âm MP3, video MP4, DOCX, XLSX, ODT, ODS,
            ZIP. Loại tệp được kiểm tra theo nội dung. Nếu trang báo lỗi, hãy chọn lại tệp.
          </p>
          ${fieldError('file', e)}
          <input
            type="file"
            id="file"
            name="file"
            multiple
            data-check
            accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.mp3,.mp4,.m4a,.docx,.xlsx,.odt,.ods,.zip"
            ${describedBy('file', e, true)}
          />
        </fieldset>
        <fieldset id="identity">
          <legend>6. Thông tin của bạn</legend>
          <div class="warn" id="identity-consequence">
            <p><strong>Đọc trước khi chọn.</strong></p>
            <ul>
              <li>
                Nếu là <strong>tố cáo</strong> mà không ghi họ tên, đơn không được giải quyết theo thủ tục tố cáo; phường chỉ dùng
                nội dung làm thông tin để kiểm tra nếu cụ thể, có chứng cứ (Luật Tố cáo, Điều 25). Bạn vẫn tra cứu được bằng mã
                tiếp nhận.
              </li>
              <li>Nếu là <strong>khiếu nại</strong>, luật yêu cầu ghi họ tên và địa chỉ.</li>
              <li>
                Nếu ghi thông tin, thông tin được mã hóa; chỉ cán bộ Ủy ban Kiểm tra được giao xử lý đơn xem được và mỗi lần xem
                đều được ghi lại. Người tố cáo được giữ bí mật (Điều 56).
              </li>
            </ul>
          </div>
          ${fieldError('identity', e)}
          <div class="choice">
            <input type="radio" name="identity" id="identity-yes" value="yes" ${giveIdentity ? html` checked` : ''} /><label
              for="identity-yes"
              class="inline"
              >Tôi ghi họ tên và thông tin liên hệ</label
            >
          </div>
          <div class="choice">
            <input type="radio" name="identity" id="identity-no" value="no" ${giveIdentity ? '' : html` checked`} /><label
              for="identity-no"
              class="inline"
              >Tôi không ghi họ tên (nặc danh)</label
            >
          </div>
          <div id="identity-fields">
            ${Object.keys(e.fields).length || e.form ? html`<p class="note">Để bảo vệ bạn, thông tin cá nhân không được điền lại sau khi trang báo lỗi; hãy nhập lại nếu muốn ghi.</p>` : ''}
            ${input({ name: 'fullName', label: 'Họ và tên', autocomplete: 'off' }, e)}
            ${input({ name: 'idNumber', label: 'Số CCCD (không bắt buộc)', autocomplete: 'off', extra: html` inputmode="numeric"` }, e)}
            ${input({ name: 'phone', label: 'Số điện thoại (không bắt buộc)', type: 'tel', autocomplete: 'off' }, e)}
            ${input({ name: 'email', label: 'Email (không bắt buộc)', type: 'email', autocomplete: 'off' }, e)}
            ${input({ name: 'address', label: 'Địa chỉ (không bắt buộc)', autocomplete: 'off' }, e)}
          </div>
        </fieldset>
        <button type="submit" name="action" value="gui">Gửi đơn</button>
      </form>`,
    '/gui-don',
  );
}

export interface Receipt {
  receiptCode: string;
  receivedAt: string;
  dueAt: string | null;
  treatedAsInformation: boolean;
}

export function receiptPage(r: Receipt, kind: string, files: number): string {
  return layout(
    'Đã nhận đơn',
    html`<h1>Phường đã nhận đơn của bạn</h1>
      <p>Mã tiếp nhận của bạn:</p>
      <p class="code" id="receipt-code">${r.receiptCode}</p>
      <div class="alert">
        <p>
          <strong>Hãy chép lại hoặc in mã này ngay.</strong> Đây là cách duy nhất để theo dõi đơn, trả lời câu hỏi của cán bộ và
          bổ sung chứng cứ. Phường không lưu mã ở dạng đọc được, không gửi email hay tin nhắn; trang này cũng không được lưu lại
          trên trình duyệt.
        </p>
      </div>
      <button type="button" class="secondary" data-print hidden>In trang này</button>
      <dl>
        <dt>Loại đơn</dt>
        <dd>${KIND_NAMES[kind] ?? kind}</dd>
        <dt>Ngày nhận</dt>
        <dd>${formatDay(r.receivedAt)}</dd>
        ${
          r.dueAt
            ? html`<dt>Hạn quyết định thụ lý</dt>
                <dd>${formatDay(r.dueAt)}</dd>`
            : ''
        }
        <dt>Tệp chứng cứ</dt>
        <dd>${files ? `${files} tệp đã lưu` : 'Không có'}</dd>
      </dl>
      ${
        r.treatedAsInformation
          ? html`<p class="warn">
              Tố cáo không ghi họ tên được ghi nhận là <strong>thông tin</strong> để kiểm tra, không giải quyết theo thủ tục tố
              cáo (Luật Tố cáo, Điều 25).
            </p>`
          : ''
      }
      <p><a href="/tra-cuu">Tra cứu đơn</a></p>`,
  );
}

export function lookupPage(opts: { csrf: string; code?: string; errors?: FormErrors }): string {
  const e = opts.errors ?? noErrors;
  return layout(
    'Tra cứu đơn',
    html`<h1>Tra cứu đơn</h1>
      ${errorSummary(e, { receiptCode: 'Mã tiếp nhận' })}
      <form method="post" action="/tra-cuu" novalidate>
        ${csrfField(opts.csrf)}
        ${input(
          {
            name: 'receiptCode',
            label: 'Mã tiếp nhận',
            value: opts.code,
            autocomplete: 'off',
            hint: 'Dạng XXXX-XXXX-XXXX-XXXX-X. Không phân biệt chữ hoa, chữ thường; dấu gạch và khoảng trắng có thể bỏ qua.',
            extra: html` autocapitalize="characters" spellcheck="false"`,
          },
          e,
        )}
        <button type="submit">Tra cứu</button>
      </form>`,
    '/tra-cuu',
  );
}

export interface Tracked {
  kind: string;
  status: string;
  receivedAt: string;
  dueAt: string | null;
  daysLeft: number | null;
  overdue: boolean;
  publicReply: string | null;
  treatedAsInformation: boolean;
  acceptedOn: string | null;
  notAcceptedReason: string | null;
  transferredTo: string | null;
  forwardedOn: string | null;
  concludedOn: string | null;
  repliedOn: string | null;
  handledTogether: boolean;
  extensions: Array<{ days: number; decidedAt: string; decidedOn: string; reason: string; decisionNumber: string | null }>;
  messages: Array<{ at: string; fromReporter: boolean; text: string }>;
}

const CLOSED = new Set(['CLOSED', 'MERGED', 'INFORMATION_USED', 'INFORMATION_FILED']);

/** A day YYYY-MM-DD as the page writes days (dd/mm/yyyy). */
function formatIsoDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** What the law says the reporter must be told, each when it applies. */
function legalFacts(r: Tracked): HtmlValue {
  const row = (id: string, label: string, value: HtmlValue) =>
    html`<dt>${label}</dt>
      <dd id="${id}">${value}</dd>`;
  return html`${r.acceptedOn ? row('accepted-on', 'Ngày thụ lý', formatIsoDay(r.acceptedOn)) : ''}
  ${r.notAcceptedReason ? row('not-accepted-reason', 'Lý do không thụ lý', r.notAcceptedReason) : ''}
  ${r.transferredTo ? row('transferred-to', 'Đơn đã được chuyển đến', r.transferredTo) : ''}
  ${r.forwardedOn ? row('forwarded-on', 'Ngày chuyển đơn', formatIsoDay(r.forwardedOn)) : ''}
  ${r.concludedOn ? row('concluded-on', 'Ngày kết luận', formatIsoDay(r.concludedOn)) : ''}
  ${r.repliedOn ? row('replied-on', 'Ngày trả lời', formatIsoDay(r.repliedOn)) : ''}`;
}

export function trackingPage(opts: {
  csrf: string;
  code: string;
  report: Tracked;
  notice?: string;
  answer?: string;
  errors?: FormErrors;
}): string {
  const r = opts.report;
  const e = opts.errors ?? noErrors;
  const due = r.dueAt
    ? html`<dt>Hạn giai đoạn hiện tại</dt>
        <dd>
          ${formatDay(r.dueAt)}${
            r.overdue ? html` <strong>(đã quá hạn)</strong>` : r.daysLeft !== null ? ` (còn ${r.daysLeft} ngày)` : ''
          }
        </dd>`
    : '';
  const extensions: HtmlValue = r.extensions.length
    ? html`<h2>Gia hạn giải quyết</h2>
        <ul>
          ${r.extensions.map(
            (x) =>
              html`<li>
                ${formatIsoDay(x.decidedOn)}: thêm ${x.days}
                ngày${x.decisionNumber ? ` (quyết định số ${x.decisionNumber})` : ''}. Lý do: ${x.reason}
              </li>`,
          )}
        </ul>`
    : '';
  const messages = r.messages.length
    ? html`<h2>Trao đổi với cán bộ</h2>
        <ul class="messages">
          ${r.messages.map(
            (m) =>
              html`<li>
                <p class="from">${m.fromReporter ? 'Bạn' : 'Cán bộ hỏi'}, ${formatDay(m.at)}</p>
                <p class="pre">${m.text}</p>
              </li>`,
          )}
        </ul>`
    : '';
  const open = !CLOSED.has(r.status);
  const forms = open
    ? html`<h2>Trả lời hoặc bổ sung thông tin</h2>
        <form method="post" action="/tra-cuu/tra-loi" novalidate>
          ${csrfField(opts.csrf)}
          <input type="hidden" name="receiptCode" value="${opts.code}" />
          ${input({ name: 'text', label: 'Nội dung trả lời', value: opts.answer, multiline: true, hint: 'Từ 2 đến 5.000 ký tự.' }, e)}
          <button type="submit">Gửi trả lời</button>
        </form>
        <h2>Bổ sung chứng cứ</h2>
        <form method="post" action="/tra-cuu/chung-cu" enctype="multipart/form-data" novalidate data-once>
          ${csrfField(opts.csrf)}
          <input type="hidden" name="receiptCode" value="${opts.code}" />
          <label for="file">Chọn tệp</label>
          <p class="hint" id="file-hint">Tối đa 3 tệp, mỗi tệp không quá 10 MB.</p>
          ${fieldError('file', e)}
          <input type="file" id="file" name="file" multiple data-check${describedBy('file', e, true)} />
          <button type="submit">Gửi tệp</button>
        </form>`
    : html`<p class="note">Đơn đã kết thúc. Nếu có thông tin mới, hãy <a href="/gui-don/viet">gửi đơn mới</a>.</p>`;
  return layout(
    'Tình trạng đơn',
    html`<h1>Tình trạng đơn</h1>
      ${opts.notice ? html`<p class="note" role="status">${opts.notice}</p>` : ''}
      ${errorSummary(e, { text: 'Nội dung trả lời', file: 'Chứng cứ' })}
      <dl>
        <dt>Loại đơn</dt>
        <dd>${KIND_NAMES[r.kind] ?? r.kind}</dd>
        <dt>Tình trạng</dt>
        <dd id="status">${STATUS_NAMES[r.status] ?? r.status}</dd>
        <dt>Ngày nhận</dt>
        <dd>${formatDay(r.receivedAt)}</dd>
        ${due} ${legalFacts(r)}
      </dl>
      ${
        r.handledTogether
          ? html`<p class="note" id="handled-together">
              Đơn của bạn có cùng nội dung với một đơn khác nên được giải quyết cùng đơn đó; phường trả lời bạn tại trang này bằng
              chính mã tiếp nhận của bạn.
            </p>`
          : ''
      }
      ${
        r.treatedAsInformation
          ? html`<p class="warn">Tố cáo không ghi họ tên được ghi nhận là thông tin để kiểm tra (Luật Tố cáo, Điều 25).</p>`
          : ''
      }
      ${
        r.publicReply
          ? html`<h2>Trả lời của phường</h2>
              <p class="reply" id="reply">${r.publicReply}</p>`
          : ''
      }
      ${extensions} ${messages} ${forms}
      <p><a href="/tra-cuu">Tra cứu mã khác</a></p>`,
    '/tra-cuu',
  );
}

export function messagePage(title: string, text: string, link: [string, string]): string {
  return layout(
    title,
    html`<h1>${title}</h1>
      <p>${text}</p>
      <p><a href="${link[0]}">${link[1]}</a></p>`,
  );
}

export function calendarPage(
  entries: Array<{ day: string; startsAt: string; endsAt: string; kind: string; location: string; receiverLabel: string }>,
  from: string,
  to: string,
): string {
  const rows = entries.map(
    (s) =>
      html`<tr>
        <td>${s.day.split('-').reverse().join('/')}</td>
        <td>${s.startsAt}–${s.endsAt}</td>
        <td>${s.kind === 'DIALOGUE' ? 'Đối thoại' : 'Tiếp công dân'}</td>
        <td>${s.receiverLabel}</td>
        <td>${s.location}</td>
      </tr>`,
  );
  return layout(
    'Lịch tiếp công dân',
    html`<h1>Lịch tiếp công dân</h1>
      <p>
        Từ ${from.split('-').reverse().join('/')} đến ${to.split('-').reverse().join('/')}. Bạn có thể đến gặp trực tiếp lãnh đạo
        phường vào các buổi dưới đây.
      </p>
      ${
        rows.length
          ? html`<table>
              <caption class="hint">
                Các buổi tiếp công dân và đối thoại đã công bố
              </caption>
              <thead>
                <tr>
                  <th scope="col">Ngày</th>
                  <th scope="col">Giờ</th>
                  <th scope="col">Hình thức</th>
                  <th scope="col">Người tiếp</th>
                  <th scope="col">Địa điểm</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p>Chưa có lịch được công bố trong thời gian này.</p>`
      }`,
    '/gui-don/lich-tiep-dan',
  );
}

export function surveyPage(opts: { csrf: string; values?: FormValues; errors?: FormErrors; done?: boolean }): string {
  const v = opts.values ?? {};
  const e = opts.errors ?? noErrors;
  if (opts.done) {
    return layout(
      'Khảo sát hài lòng',
      html`<h1>Cảm ơn bạn</h1>
        <p role="status">Ý kiến của bạn đã được ghi nhận.</p>`,
      '/gui-don/khao-sat',
    );
  }
  const scores: Array<[string, string]> = [
    ['5', '5 – Rất hài lòng'],
    ['4', '4 – Hài lòng'],
    ['3', '3 – Bình thường'],
    ['2', '2 – Không hài lòng'],
    ['1', '1 – Rất không hài lòng'],
  ];
  return layout(
    'Khảo sát hài lòng',
    html`<h1>Khảo sát mức độ hài lòng</h1>
      <p>
        Dành cho người vừa làm xong thủ tục hành chính tại phường. Nhập <strong>mã khảo sát</strong> in trên giấy biên nhận khi
        nhận kết quả; mỗi hồ sơ được đánh giá một lần. Mã khảo sát khác số biên nhận: chỉ người cầm giấy biên nhận mới có, nên
        không ai đánh giá thay bạn được.
      </p>
      ${errorSummary(e, { surveyCode: 'Mã khảo sát', score: 'Mức hài lòng', comment: 'Ý kiến' })}
      <form method="post" action="/gui-don/khao-sat" novalidate>
        ${csrfField(opts.csrf)}
        ${input(
          {
            name: 'surveyCode',
            label: 'Mã khảo sát',
            value: v['surveyCode'],
            autocomplete: 'off',
            hint: 'Dạng XXXX-XXXX-XXXX-XXXX-X, in trên giấy biên nhận. Không phân biệt chữ hoa, chữ thường; dấu gạch có thể bỏ qua.',
            extra: html` autocapitalize="characters" spellcheck="false"`,
          },
          e,
        )}
        <fieldset id="score">
          <legend>Mức hài lòng</legend>
          ${fieldError('score', e)}${scores.map(
            ([value, label]) =>
              html`<div class="choice">
                <input
                  type="radio"
                  name="score"
                  id="score-${value}"
                  value="${value}"
                  ${v['score'] === value ? html` checked` : ''}
                /><label for="score-${value}" class="inline">${label}</label>
              </div>`,
          )}
        </fieldset>
        ${input({ name: 'comment', label: 'Ý kiến thêm (không bắt buộc)', value: v['comment'], multiline: true }, e)}
        <button type="submit">Gửi đánh giá</button>
      </form>`,
    '/gui-don/khao-sat',
  );
}
