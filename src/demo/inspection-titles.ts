import { FindingArea } from '../modules/inspections/inspection.enums';

/** What an inspection or supervision in an area looks at, as a decision of the Inspection Committee words it. */
export const AREA_TOPIC: Readonly<Record<FindingArea, string>> = {
  [FindingArea.CORRUPTION]: 'việc phòng, chống tham nhũng, tiêu cực trong giải quyết hồ sơ của người dân',
  [FindingArea.DISTANCE_FROM_PEOPLE]: 'việc thực hiện lịch tiếp công dân và giải quyết kiến nghị của người dân',
  [FindingArea.STAGNATION]: 'việc giải quyết công việc đúng hạn, không né tránh, đùn đẩy trách nhiệm',
  [FindingArea.PARTY_FINANCE]: 'việc thu, nộp, quản lý và sử dụng đảng phí',
  [FindingArea.LAND_AND_CONSTRUCTION]: 'việc quản lý đất đai và trật tự xây dựng trên địa bàn',
  [FindingArea.PUBLIC_FINANCE]: 'việc quản lý thu, chi và công khai các khoản đóng góp của nhân dân',
  [FindingArea.ADMINISTRATIVE_PROCEDURE]: 'việc giải quyết thủ tục hành chính theo danh mục đã công bố',
  [FindingArea.ETHICS_AND_LIFESTYLE]: 'việc rèn luyện phẩm chất đạo đức, lối sống và thái độ phục vụ nhân dân',
  [FindingArea.EXECUTION_OF_DISCIPLINE]: 'việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật đảng',
  [FindingArea.OTHER]: 'việc chấp hành nghị quyết, chỉ thị, quy định của Đảng',
};

/** The opening words of each kind of inspection (its name in the kinds data, as titles begin). */
export const KIND_TITLE: Readonly<Record<string, string>> = {
  REGULAR_INSPECTION: 'Kiểm tra',
  THEMATIC_INSPECTION: 'Kiểm tra chuyên đề',
  SIGNS_OF_VIOLATION: 'Kiểm tra khi có dấu hiệu vi phạm',
  EXECUTION_OF_DISCIPLINE: 'Kiểm tra',
  PARTY_FINANCE: 'Kiểm tra tài chính đảng',
  REGULAR_SUPERVISION: 'Giám sát',
  THEMATIC_SUPERVISION: 'Giám sát chuyên đề',
};

/**
 * A whole title: the kind, whom it concerns, what it looks at ("Kiểm tra chuyên đề đối với đồng chí
 * Nguyễn Văn A về việc …"). `subject` is "đồng chí <name>" or a unit's name.
 */
export function inspectionTitle(kind: string, area: FindingArea, subject: string): string {
  const topic = kind === 'PARTY_FINANCE' ? 'việc thu, nộp, quản lý và sử dụng đảng phí' : AREA_TOPIC[area];
  return `${KIND_TITLE[kind] ?? 'Kiểm tra'} đối với ${subject} về ${topic}`;
}

/**
 * The period an inspection covers, varied as real work is: a half year, a whole year, the term
 * so far, a quarter. None starts before the ward existed (1 July 2025) or ends after `lastDay`.
 */
export function inspectionPeriod(i: number, year: number, lastDay: string): { periodFrom: string; periodTo: string } {
  const periods: Array<[string, string]> = [
    ['2025-07-01', '2025-12-31'],
    [`${year}-01-01`, `${year}-06-30`],
    ['2025-07-01', `${year}-06-30`],
    [`${year}-01-01`, `${year}-03-31`],
    ['2025-10-01', `${year}-03-31`],
    [`${year - 1}-07-01`, `${year - 1}-12-31`],
  ];
  const [from, to] = periods[i % periods.length]!;
  const periodFrom = from < '2025-07-01' ? '2025-07-01' : from;
  const periodTo = to > lastDay ? lastDay : to;
  return { periodFrom, periodTo: periodTo < periodFrom ? periodFrom : periodTo };
}
