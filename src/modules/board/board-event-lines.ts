import { BoardEventType } from './board-event.types';

/**
 * The board's feed lines in Vietnamese: what happened and to what (issue 23, item 5). Pure: the
 * event's public payload plus what the viewer may read of the item, resolved at read time
 * (`board-event-fields.resolver.ts`); nothing here is written into the outbox.
 */
export interface EventSubject {
  /** The report's title as the viewer may read it (redacted unless they handle it), the inspection's title. */
  title: string | null;
  /** The cadre or unit concerned (a discipline case's subject, a finding's concerned people, an inspection's subject). */
  concerned: string | null;
  /** The new handler of a reassigned report. */
  handler: string | null;
}

const REPORT_KIND: Record<string, string> = {
  COMPLAINT: 'đơn khiếu nại',
  DENUNCIATION: 'đơn tố cáo',
  PETITION: 'đơn kiến nghị',
  FEEDBACK: 'đơn phản ánh',
};

const CHANNEL: Record<string, string> = {
  WEB: 'qua Cổng trực tuyến',
  EMAIL: 'qua thư điện tử',
  MAIL: 'qua bưu điện',
  PHONE: 'qua điện thoại',
  PRESS_ARTICLE: 'từ bài báo',
  RECEPTION: 'tại buổi tiếp công dân',
};

/** The step a report moved to, as a verb phrase. */
const STEP: Record<string, string> = {
  RECEIVED: 'Tiếp nhận lại',
  CLASSIFIED: 'Phân loại',
  ACCEPTED: 'Thụ lý',
  UNDER_VERIFICATION: 'Bắt đầu xác minh',
  CONCLUDED: 'Kết luận',
  CLOSED: 'Trả lời, kết thúc',
  NOT_ACCEPTED: 'Không thụ lý',
  TRANSFERRED: 'Chuyển',
  MERGED: 'Gộp',
};

const CORRECTED: Record<string, string> = {
  KIND: 'loại đơn',
  FIELD: 'lĩnh vực',
  CONCERNED_CADRES: 'cán bộ bị phản ánh',
  CONCERNED_UNITS: 'đơn vị bị phản ánh',
  COMPLEXITY: 'tính phức tạp',
  REMOTE_AREA: 'vùng sâu, vùng xa',
};

const AREA: Record<string, string> = {
  CORRUPTION: 'tham nhũng, tiêu cực',
  DISTANCE_FROM_PEOPLE: 'xa dân, thờ ơ với dân',
  STAGNATION: 'trì trệ, né tránh, đùn đẩy',
  PARTY_FINANCE: 'tài chính đảng',
  LAND_AND_CONSTRUCTION: 'đất đai, xây dựng',
  PUBLIC_FINANCE: 'tài chính, tài sản công',
  ADMINISTRATIVE_PROCEDURE: 'thủ tục hành chính',
  ETHICS_AND_LIFESTYLE: 'đạo đức, lối sống',
  EXECUTION_OF_DISCIPLINE: 'thi hành kỷ luật đảng',
  OTHER: 'lĩnh vực khác',
};

const SEVERITY: Record<string, string> = {
  OBSERVATION: 'điểm cần lưu ý',
  SHORTCOMING: 'hạn chế, thiếu sót',
  VIOLATION: 'vi phạm',
  SERIOUS_VIOLATION: 'vi phạm nghiêm trọng',
};

const ASSESSMENT: Record<string, string> = {
  GOOD: 'thực hiện tốt',
  SATISFACTORY: 'đạt yêu cầu',
  SHORTCOMINGS: 'có hạn chế, thiếu sót',
  VIOLATIONS: 'có vi phạm',
};

const FORM: Record<string, string> = {
  REPRIMAND: 'khiển trách',
  WARNING: 'cảnh cáo',
  DISMISSAL_FROM_POST: 'cách chức',
  EXPULSION: 'khai trừ',
  DISSOLUTION: 'giải tán',
  REMOVAL_BY_VOTE: 'bãi nhiệm',
  DISMISSAL_FROM_LEADERSHIP_POST: 'cách chức',
  FORCED_RESIGNATION: 'buộc thôi việc',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const quoted = (title: string | null) => (title ? ` “${title}”` : '');

/** 2026-12-05T… → 05/12/2026, in Vietnam's time. */
function day(iso: unknown): string | null {
  const s = str(iso);
  if (!s) return null;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);
}

/**
 * One feed line: the step taken, the item's title as the viewer may read it, and who or what it
 * concerns. Without a title (an item the viewer may not read, or gone), the line still says what
 * kind of item and which step.
 */
export function eventLine(type: BoardEventType, payload: Record<string, unknown>, s: EventSubject): string {
  const kind = REPORT_KIND[str(payload['kind']) ?? ''] ?? 'đơn thư';
  const report = `${kind}${quoted(s.title)}`;
  switch (type) {
    case BoardEventType.REPORT_RECEIVED: {
      const channel = CHANNEL[str(payload['channel']) ?? ''];
      return `Tiếp nhận ${report}${channel ? ` ${channel}` : ''}`;
    }
    case BoardEventType.PRESS_REPORT_RECORDED: {
      const outlet = str(payload['pressOutlet']);
      return `Ghi nhận phản ánh của báo chí${outlet ? ` (${outlet})` : ''}:${quoted(s.title) || ' đơn thư mới'}`;
    }
    case BoardEventType.REPORT_STATUS_CHANGED:
      switch (str(payload['status'])) {
        // An anonymous denunciation kept as information (Luật Tố cáo, Điều 25): not a case with a clock.
        case 'INFORMATION':
          return `Giữ ${report} làm thông tin, không giải quyết theo thủ tục tố cáo`;
        case 'INFORMATION_USED':
          return `Dùng thông tin từ ${report} để lập kế hoạch kiểm tra`;
        case 'INFORMATION_FILED':
          return `Lưu ${report} vào hồ sơ thông tin`;
        default:
          return `${STEP[str(payload['status']) ?? ''] ?? 'Chuyển bước xử lý'} ${report}`;
      }
    case BoardEventType.REPORT_CORRECTED: {
      const what = (Array.isArray(payload['corrected']) ? (payload['corrected'] as unknown[]) : [])
        .map((a) => CORRECTED[String(a)])
        .filter(Boolean);
      return `Hiệu chỉnh ${what.length ? what.join(', ') : 'thông tin'} của ${report}`;
    }
    case BoardEventType.REPORT_DUE_SOON: {
      const due = day(payload['dueAt']);
      return `${capital(report)} sắp đến hạn xử lý${due ? ` (${due})` : ''}`;
    }
    case BoardEventType.REPORT_OVERDUE: {
      const due = day(payload['dueAt']);
      return `${capital(report)} đã quá hạn xử lý${due ? ` (hạn ${due})` : ''}`;
    }
    case BoardEventType.REPORT_REASSIGNED:
      return `Giao ${report} cho người xử lý khác${s.handler ? `: ${s.handler}` : ''}`;
    case BoardEventType.INSPECTION_OPENED:
      return `Quyết định kiểm tra, giám sát${quoted(s.title)}${s.concerned ? ` đối với ${s.concerned}` : ''}`;
    case BoardEventType.INSPECTION_CONCLUDED: {
      const assessment = ASSESSMENT[str(payload['assessment']) ?? ''];
      return `Kết luận${quoted(s.title) || ' cuộc kiểm tra'}${assessment ? `: ${assessment}` : ''}`;
    }
    case BoardEventType.FINDING_RECORDED: {
      const severity = SEVERITY[str(payload['severity']) ?? ''] ?? 'phát hiện';
      const area = AREA[str(payload['area']) ?? ''];
      return `Phát hiện ${severity}${area ? ` về ${area}` : ''}${s.concerned ? ` liên quan ${s.concerned}` : ''}${s.title ? ` trong cuộc${quoted(s.title)}` : ''}`;
    }
    case BoardEventType.DISCIPLINE_CASE_OPENED:
      return `Mở hồ sơ xem xét kỷ luật${s.concerned ? ` đối với ${s.concerned}` : ''}`;
    case BoardEventType.DISCIPLINE_CASE_DECIDED: {
      const form = FORM[str(payload['form']) ?? ''];
      const final = payload['final'] === true;
      return `${final ? 'Quyết định kỷ luật có hiệu lực' : 'Quyết định kỷ luật'}${form ? ` (${form})` : ''}${s.concerned ? ` đối với ${s.concerned}` : ''}`;
    }
    case BoardEventType.PERIODIC_REPORT_READY:
      return str(payload['title']) ?? 'Báo cáo kỳ này đã sẵn sàng';
    case BoardEventType.REMINDER_DIGEST_READY: {
      const overdue = Number(payload['overdue']) || 0;
      const soon = Number(payload['dueSoon']) || 0;
      const parts = [overdue ? `${overdue} việc quá hạn` : '', soon ? `${soon} việc sắp đến hạn` : ''].filter(Boolean);
      const d = day(payload['day']);
      return `Bản nhắc việc hằng ngày${d ? ` ${d}` : ''}: ${parts.length ? parts.join(', ') : 'không có việc đến hạn'}`;
    }
    case BoardEventType.INSPECTION_CHAIR_CHANGED:
      return payload['chairAccountId']
        ? 'Thay đổi Chủ nhiệm Ủy ban Kiểm tra (người quyết định việc xem danh tính người tố cáo)'
        : 'Thôi chỉ định Chủ nhiệm Ủy ban Kiểm tra; chưa có người thay';
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
