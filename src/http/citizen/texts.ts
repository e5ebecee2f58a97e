import type { GraphQLFormattedError } from 'graphql';

/**
 * The words of the citizen's page: what each kind of report is, what the law promises for it,
 * and the API's answers said in plain Vietnamese. Deadlines are those the ward's rule data
 * applies (docs/reports.md); nothing here promises what the system does not do.
 */

export const KINDS = [
  {
    value: 'DENUNCIATION',
    name: 'Tố cáo',
    when: 'Bạn biết một cán bộ, đảng viên hoặc cơ quan làm trái pháp luật (ví dụ nhận tiền, lạm quyền, gây khó dễ) gây thiệt hại cho Nhà nước hoặc cho người khác, kể cả khi bạn không bị thiệt hại trực tiếp.',
    promises: [
      'Phường phân loại và quyết định có thụ lý hay không trong 7 ngày làm việc (10 ngày làm việc nếu cần kiểm tra); nếu không thuộc thẩm quyền, chuyển đơn trong 5 ngày làm việc (Luật Tố cáo, Điều 24).',
      'Giải quyết trong 30 ngày kể từ ngày thụ lý; vụ phức tạp có thể gia hạn một lần, vụ đặc biệt phức tạp hai lần, mỗi lần không quá 30 ngày (Điều 30).',
      'Họ tên, địa chỉ, bút tích và thông tin cá nhân của người tố cáo được giữ bí mật (Điều 56). Trên hệ thống này, các thông tin đó được mã hóa; chỉ cán bộ Ủy ban Kiểm tra được giao xử lý đơn mới xem được, và mỗi lần xem đều được ghi lại.',
      'Tố cáo không ghi họ tên (nặc danh) không được giải quyết theo thủ tục tố cáo; nếu nội dung cụ thể, có chứng cứ, phường chỉ dùng làm thông tin để kiểm tra (Điều 25).',
    ],
  },
  {
    value: 'COMPLAINT',
    name: 'Khiếu nại',
    when: 'Bạn cho rằng một quyết định hoặc việc làm của cơ quan, cán bộ phường là sai pháp luật và làm thiệt hại quyền, lợi ích của chính bạn, và muốn được xem xét lại.',
    promises: [
      'Gửi trong 90 ngày kể từ ngày bạn nhận được quyết định hoặc biết được việc làm đó (Luật Khiếu nại, Điều 9).',
      'Phường quyết định thụ lý trong 10 ngày làm việc kể từ ngày nhận đơn (Điều 27); giải quyết trong 30 ngày kể từ ngày thụ lý, vụ phức tạp không quá 45 ngày (Điều 28).',
      'Đơn khiếu nại phải ghi họ tên, địa chỉ người khiếu nại (Điều 8); đơn không ghi có thể không được thụ lý.',
    ],
  },
  {
    value: 'PETITION',
    name: 'Kiến nghị',
    when: 'Bạn muốn đề xuất, góp ý về một chủ trương, cách làm hoặc một việc chung của phường.',
    promises: [
      'Luật không đặt thời hạn riêng; theo quy trình của phường: xem xét trong 10 ngày làm việc, trả lời trong 30 ngày.',
    ],
  },
  {
    value: 'FEEDBACK',
    name: 'Phản ánh',
    when: 'Bạn báo cho phường biết một việc chưa đúng, chưa tốt (ví dụ hồ sơ bị chậm, thái độ cán bộ, trật tự xây dựng) để phường biết và xử lý.',
    promises: ['Theo quy trình của phường: xem xét trong 10 ngày làm việc, trả lời trong 15 ngày làm việc.'],
  },
] as const;

export const KIND_NAMES: Record<string, string> = Object.fromEntries(KINDS.map((k) => [k.value, k.name]));

export const FIELDS: ReadonlyArray<[string, string]> = [
  ['ADMINISTRATIVE_PROCEDURE', 'Thủ tục hành chính'],
  ['CADRE_ATTITUDE', 'Thái độ, tác phong cán bộ'],
  ['LAND', 'Đất đai'],
  ['CONSTRUCTION', 'Xây dựng, trật tự xây dựng'],
  ['CORRUPTION', 'Tham nhũng, tiêu cực'],
  ['PUBLIC_FINANCE', 'Tài chính, tài sản công'],
  ['OTHER', 'Lĩnh vực khác'],
];

export const STATUS_NAMES: Record<string, string> = {
  RECEIVED: 'Đã tiếp nhận, chờ phân loại',
  CLASSIFIED: 'Đã phân loại, chờ quyết định thụ lý',
  ACCEPTED: 'Đã thụ lý, đang giải quyết',
  NOT_ACCEPTED: 'Không thụ lý',
  TRANSFERRED: 'Đã chuyển đến cơ quan có thẩm quyền',
  UNDER_VERIFICATION: 'Đang xác minh',
  CONCLUDED: 'Đã có kết luận',
  CLOSED: 'Đã trả lời, kết thúc',
  MERGED: 'Được giải quyết cùng một đơn khác có cùng nội dung',
  INFORMATION: 'Được ghi nhận là thông tin để kiểm tra',
  INFORMATION_USED: 'Thông tin đã được dùng để lập kế hoạch kiểm tra',
  INFORMATION_FILED: 'Thông tin đã được lưu hồ sơ',
};

/** What each input of the forms is called in the API's `extensions.fields[].path`, and what to say about it. */
export const FIELD_MESSAGES: Record<string, { field: string; message: string }> = {
  'input.kind': { field: 'kind', message: 'Hãy chọn loại đơn.' },
  'input.field': { field: 'field', message: 'Hãy chọn lĩnh vực.' },
  'input.title': { field: 'title', message: 'Tiêu đề cần từ 3 đến 300 ký tự.' },
  'input.content': { field: 'content', message: 'Nội dung cần từ 10 đến 20.000 ký tự.' },
  'input.concerns.text': { field: 'concernsText', message: 'Phần mô tả người, đơn vị liên quan tối đa 2.000 ký tự.' },
  'input.concerns.cadreIds': {
    field: 'concerns',
    message: 'Một người đã chọn không còn trong danh sách cán bộ; hãy bỏ dấu chọn và tìm lại.',
  },
  'input.concerns.unitIds': { field: 'concerns', message: 'Một đơn vị đã chọn không còn tồn tại; hãy bỏ dấu chọn và tìm lại.' },
  search: { field: 'concernsSearch', message: 'Hãy nhập ít nhất 3 ký tự của tên cần tìm.' },
  'input.surveyCode': { field: 'surveyCode', message: 'Hãy nhập mã khảo sát in trên giấy biên nhận.' },
  'input.reporter.fullName': { field: 'fullName', message: 'Họ tên cần từ 1 đến 200 ký tự.' },
  'input.reporter.idNumber': { field: 'idNumber', message: 'Số CCCD gồm 12 chữ số (hoặc CMND 9 chữ số).' },
  'input.reporter.phone': { field: 'phone', message: 'Số điện thoại chưa đúng; ví dụ 0912 345 678 hoặc +84 912 345 678.' },
  'input.reporter.email': { field: 'email', message: 'Địa chỉ email chưa đúng; ví dụ ten@vidu.vn.' },
  'input.reporter.address': { field: 'address', message: 'Địa chỉ tối đa 500 ký tự.' },
  text: { field: 'text', message: 'Nội dung cần từ 2 đến 5.000 ký tự.' },
  'input.score': { field: 'score', message: 'Hãy chọn mức hài lòng từ 1 đến 5.' },
  'input.comment': { field: 'comment', message: 'Ý kiến tối đa 2.000 ký tự.' },
};

/** Messages for a form: per field, and one for the whole form. */
export interface FormErrors {
  fields: Record<string, string>;
  form?: string;
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * The API's first error said in Vietnamese: field problems next to their fields; a rate limit
 * as a sentence with the waiting time; NOT_FOUND as `notFound` (an unknown and a mistyped
 * receipt code get the same answer from the API, and so from the page).
 */
export function explainErrors(
  errors: readonly GraphQLFormattedError[],
  words: { notFound?: string; conflict?: string } = {},
): FormErrors {
  const out: FormErrors = { fields: {} };
  const first = errors[0];
  const ext = (first?.extensions ?? {}) as {
    code?: string;
    fields?: Array<{ path: string }>;
    retryAfterSeconds?: number;
    requestId?: string;
    reason?: string;
  };
  for (const f of ext.fields ?? []) {
    // A list's item (`input.concerns.cadreIds.0`) is said as the list.
    const known = FIELD_MESSAGES[f.path] ?? FIELD_MESSAGES[f.path.replace(/\.\d+$/, '')];
    if (known) out.fields[known.field] ??= known.message;
  }
  switch (ext.code) {
    case 'RATE_LIMITED':
      out.form = `Bạn đã gửi quá nhiều lần từ mạng này. Hãy thử lại sau khoảng ${minutes(ext.retryAfterSeconds ?? 60)} phút.`;
      break;
    case 'NOT_FOUND':
      out.form = words.notFound ?? 'Không tìm thấy thông tin được yêu cầu.';
      break;
    case 'CONFLICT':
      out.form = words.conflict ?? 'Yêu cầu không thực hiện được ở trạng thái hiện tại.';
      break;
    case 'BAD_USER_INPUT':
      out.form = Object.keys(out.fields).length
        ? 'Một số thông tin chưa đúng; xem các ô được đánh dấu bên dưới.'
        : 'Thông tin gửi lên chưa hợp lệ; hãy kiểm tra lại.';
      break;
    default:
      out.form = `Hệ thống đang gặp lỗi nên chưa ghi nhận được yêu cầu. Hãy thử lại sau.${ext.requestId ? ` Mã lỗi để báo cho phường: ${ext.requestId}.` : ''}`;
  }
  return out;
}

const DAY = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/** dd/mm/yyyy in Vietnam's time. */
export function formatDay(iso: string | null | undefined): string {
  return iso ? DAY.format(new Date(iso)) : '';
}
