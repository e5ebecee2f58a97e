// The board's words, from docs/domain.md and the schema's descriptions. Unknown keys are
// shown as they come, so a new enum value on the server never blanks a row.

export const EVENT_TYPE: Record<string, string> = {
  REPORT_RECEIVED: 'Tiếp nhận đơn thư mới',
  REPORT_STATUS_CHANGED: 'Đơn thư chuyển bước xử lý',
  REPORT_CORRECTED: 'Hiệu chỉnh thông tin đơn thư',
  REPORT_DUE_SOON: 'Đơn thư sắp đến hạn',
  REPORT_OVERDUE: 'Đơn thư quá hạn',
  PRESS_REPORT_RECORDED: 'Tiếp nhận phản ánh của báo chí',
  INSPECTION_OPENED: 'Quyết định kiểm tra, giám sát',
  FINDING_RECORDED: 'Ghi nhận phát hiện kiểm tra',
  INSPECTION_CONCLUDED: 'Kết luận kiểm tra',
  DISCIPLINE_CASE_OPENED: 'Mở hồ sơ kỷ luật',
  DISCIPLINE_CASE_DECIDED: 'Quyết định kỷ luật',
  REPORT_REASSIGNED: 'Đơn tố cáo được giao người xử lý khác',
  INSPECTION_CHAIR_CHANGED: 'Thay đổi Chủ nhiệm Ủy ban Kiểm tra',
  PERIODIC_REPORT_READY: 'Báo cáo kỳ này đã sẵn sàng',
  REMINDER_DIGEST_READY: 'Bản nhắc việc hằng ngày',
};

/** The feed's colour family of each event type (a CSS class). */
export const EVENT_TONE: Record<string, 'report' | 'warn' | 'danger' | 'inspection' | 'discipline'> = {
  REPORT_RECEIVED: 'report',
  REPORT_STATUS_CHANGED: 'report',
  REPORT_CORRECTED: 'report',
  PRESS_REPORT_RECORDED: 'report',
  REPORT_DUE_SOON: 'warn',
  REPORT_OVERDUE: 'danger',
  INSPECTION_OPENED: 'inspection',
  FINDING_RECORDED: 'inspection',
  INSPECTION_CONCLUDED: 'inspection',
  DISCIPLINE_CASE_OPENED: 'discipline',
  DISCIPLINE_CASE_DECIDED: 'discipline',
  REPORT_REASSIGNED: 'warn',
  INSPECTION_CHAIR_CHANGED: 'warn',
  PERIODIC_REPORT_READY: 'inspection',
  REMINDER_DIGEST_READY: 'warn',
};

export const REPORT_KIND: Record<string, string> = {
  COMPLAINT: 'Khiếu nại',
  DENUNCIATION: 'Tố cáo',
  PETITION: 'Kiến nghị',
  FEEDBACK: 'Phản ánh',
};

export const REPORT_SOURCE: Record<string, string> = {
  CITIZEN: 'Công dân',
  PRESS: 'Báo chí',
  FATHERLAND_FRONT: 'Ủy ban MTTQ',
  HIGHER_LEVEL: 'Cấp trên chuyển đến',
  INTERNAL: 'Nội bộ',
};

export const REPORT_STATUS: Record<string, string> = {
  RECEIVED: 'Tiếp nhận',
  CLASSIFIED: 'Phân loại',
  ACCEPTED: 'Thụ lý',
  UNDER_VERIFICATION: 'Xác minh',
  CONCLUDED: 'Kết luận',
  CLOSED: 'Đã trả lời, kết thúc',
  NOT_ACCEPTED: 'Không thụ lý',
  TRANSFERRED: 'Chuyển đơn',
  MERGED: 'Gộp đơn',
  INFORMATION: 'Giữ làm thông tin',
  INFORMATION_USED: 'Đã dùng lập kế hoạch kiểm tra',
  INFORMATION_FILED: 'Đã lưu hồ sơ thông tin',
};

export const REPORT_FIELD: Record<string, string> = {
  ADMINISTRATIVE_PROCEDURE: 'Thủ tục hành chính',
  CADRE_ATTITUDE: 'Thái độ cán bộ',
  CONSTRUCTION: 'Xây dựng',
  CORRUPTION: 'Tham nhũng, tiêu cực',
  LAND: 'Đất đai',
  PUBLIC_FINANCE: 'Tài chính công',
  OTHER: 'Lĩnh vực khác',
};

export const REPORT_CHANNEL: Record<string, string> = {
  WEB: 'Cổng trực tuyến',
  EMAIL: 'Thư điện tử',
  MAIL: 'Bưu điện',
  PHONE: 'Điện thoại',
  PRESS_ARTICLE: 'Bài báo',
  RECEPTION: 'Tiếp công dân',
};

/** Finding areas in the order the board lists them: the three of "3 không" first. */
export const FINDING_AREAS: Array<{ key: string; label: string; threeNo?: string }> = [
  { key: 'CORRUPTION', label: 'Tham nhũng, tiêu cực', threeNo: 'Không tham nhũng' },
  { key: 'DISTANCE_FROM_PEOPLE', label: 'Xa dân, thờ ơ với dân', threeNo: 'Không xa dân' },
  { key: 'STAGNATION', label: 'Trì trệ, né tránh, đùn đẩy', threeNo: 'Không trì trệ' },
  { key: 'ETHICS_AND_LIFESTYLE', label: 'Đạo đức, lối sống' },
  { key: 'ADMINISTRATIVE_PROCEDURE', label: 'Thủ tục hành chính' },
  { key: 'LAND_AND_CONSTRUCTION', label: 'Đất đai, xây dựng' },
  { key: 'PUBLIC_FINANCE', label: 'Tài chính, tài sản công' },
  { key: 'PARTY_FINANCE', label: 'Tài chính đảng' },
  { key: 'EXECUTION_OF_DISCIPLINE', label: 'Thi hành kỷ luật đảng' },
  { key: 'OTHER', label: 'Lĩnh vực khác' },
];

export const FINDING_AREA: Record<string, string> = Object.fromEntries(FINDING_AREAS.map((a) => [a.key, a.label]));

export const FINDING_SEVERITY: Record<string, string> = {
  OBSERVATION: 'Lưu ý',
  SHORTCOMING: 'Hạn chế, thiếu sót',
  VIOLATION: 'Vi phạm',
  SERIOUS_VIOLATION: 'Vi phạm nghiêm trọng',
};

export const INSPECTION_STATUS: Record<string, string> = {
  PLANNED: 'Trong kế hoạch',
  DECIDED: 'Có quyết định',
  IN_PROGRESS: 'Đang tiến hành',
  FINDINGS_REPORTED: 'Đã báo cáo kết quả',
  CONCLUDED: 'Đã kết luận',
  FOLLOW_UP: 'Theo dõi thực hiện kết luận',
  CLOSED: 'Kết thúc',
  CANCELLED: 'Hủy',
};

export const DISCIPLINE_STATUS: Record<string, string> = {
  OPENED: 'Mở hồ sơ',
  UNDER_REVIEW: 'Xem xét',
  PROPOSED: 'Đề nghị',
  DECIDED: 'Quyết định',
  APPEALED: 'Khiếu nại',
  FINAL: 'Có hiệu lực',
  DEFERRED: 'Tạm hoãn',
  DROPPED: 'Không kỷ luật',
};

export const DISCIPLINE_SUBJECT: Record<string, string> = {
  CIVIL_SERVANT: 'Công chức',
  ELECTED_CADRE: 'Cán bộ',
  PARTY_MEMBER_FULL: 'Đảng viên chính thức',
  PARTY_MEMBER_PROBATIONARY: 'Đảng viên dự bị',
  PARTY_ORGANISATION: 'Tổ chức đảng',
};

export const PRESENCE_SUBJECT: Record<string, string> = {
  REPORT: 'Đơn thư',
  INSPECTION: 'Cuộc kiểm tra',
};

export const ROLE: Record<string, string> = {
  ADMIN: 'Quản trị hệ thống',
  STANDING_COMMITTEE: 'Ban Thường vụ Đảng ủy',
  INSPECTION_COMMITTEE: 'Ủy ban Kiểm tra Đảng ủy',
  PARTY_BUILDING: 'Ban Xây dựng Đảng',
  INTAKE_STAFF: 'Bộ phận tiếp nhận',
  UNIT_HEAD: 'Thủ trưởng đơn vị',
  VIEWER: 'Người xem',
};

export function label(map: Record<string, string>, key: unknown): string {
  if (typeof key !== 'string') return '';
  return map[key] ?? key;
}

const TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const DATE = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const DAY_MONTH = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit' });

/** 14:05:09 (Vietnam's time, whatever the screen's time zone). */
export const formatTime = (iso: string) => TIME.format(new Date(iso));
/** 01/12/2026. */
export const formatDate = (iso: string) => DATE.format(new Date(iso));
/** 01/12 (vi-VN alone writes 01-12). */
export function formatDayMonth(iso: string): string {
  const parts = DAY_MONTH.formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}`;
}

/** A board day (YYYY-MM-DD, Vietnam's calendar day) as 01/12. */
export function formatDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${d}/${m}`;
}

export const formatNumber = (n: number) => n.toLocaleString('vi-VN');
