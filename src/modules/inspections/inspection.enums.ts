import { registerEnumType } from 'type-graphql';

/** Lifecycle of an inspection or supervision; the moves are in `inspection-workflow.ts`. */
export enum InspectionStatus {
  PLANNED = 'PLANNED',
  DECIDED = 'DECIDED',
  IN_PROGRESS = 'IN_PROGRESS',
  FINDINGS_REPORTED = 'FINDINGS_REPORTED',
  CONCLUDED = 'CONCLUDED',
  FOLLOW_UP = 'FOLLOW_UP',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

/** Whether an inspection is of a Party organisation / unit or of one cadre. */
export enum InspectionSubjectType {
  UNIT = 'UNIT',
  CADRE = 'CADRE',
}

/** Area of a finding or of an inspection's focus, including the resolution's "3 không". */
export enum FindingArea {
  CORRUPTION = 'CORRUPTION',
  DISTANCE_FROM_PEOPLE = 'DISTANCE_FROM_PEOPLE',
  STAGNATION = 'STAGNATION',
  PARTY_FINANCE = 'PARTY_FINANCE',
  LAND_AND_CONSTRUCTION = 'LAND_AND_CONSTRUCTION',
  PUBLIC_FINANCE = 'PUBLIC_FINANCE',
  ADMINISTRATIVE_PROCEDURE = 'ADMINISTRATIVE_PROCEDURE',
  ETHICS_AND_LIFESTYLE = 'ETHICS_AND_LIFESTYLE',
  EXECUTION_OF_DISCIPLINE = 'EXECUTION_OF_DISCIPLINE',
  OTHER = 'OTHER',
}

export enum FindingSeverity {
  OBSERVATION = 'OBSERVATION',
  SHORTCOMING = 'SHORTCOMING',
  VIOLATION = 'VIOLATION',
  SERIOUS_VIOLATION = 'SERIOUS_VIOLATION',
}

/** A finding stands, or was withdrawn as recorded in error (never deleted). */
export enum FindingStatus {
  RECORDED = 'RECORDED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum FindingRecommendation {
  REMIND = 'REMIND',
  CORRECT_BY_DATE = 'CORRECT_BY_DATE',
  REVIEW_RESPONSIBILITY = 'REVIEW_RESPONSIBILITY',
  PROPOSE_DISCIPLINE = 'PROPOSE_DISCIPLINE',
}

export enum OverallAssessment {
  GOOD = 'GOOD',
  SATISFACTORY = 'SATISFACTORY',
  SHORTCOMINGS = 'SHORTCOMINGS',
  VIOLATIONS = 'VIOLATIONS',
}

registerEnumType(InspectionStatus, {
  name: 'InspectionStatus',
  description: 'Stage of an inspection or supervision (kiểm tra, giám sát).',
  valuesConfig: {
    PLANNED: { description: 'Trong kế hoạch: planned, no decision yet.' },
    DECIDED: { description: 'Có quyết định: the decision is issued and the team named.' },
    IN_PROGRESS: { description: 'Đang tiến hành: the team is working; findings may be recorded.' },
    FINDINGS_REPORTED: { description: 'Đã báo cáo kết quả: the team reported its findings; findings may still be added.' },
    CONCLUDED: { description: 'Đã kết luận: concluded with a conclusion text and overall assessment; no more findings.' },
    FOLLOW_UP: { description: 'Theo dõi thực hiện kết luận: recommendations are being carried out.' },
    CLOSED: { description: 'Kết thúc: follow-up finished.' },
    CANCELLED: { description: 'Hủy: dropped before work started (a reason is recorded).' },
  },
});
registerEnumType(FindingStatus, {
  name: 'FindingStatus',
  description: 'Whether a finding stands (tình trạng phát hiện).',
  valuesConfig: {
    RECORDED: { description: 'Đã ghi nhận: the finding stands.' },
    WITHDRAWN: {
      description: 'Đã rút (ghi nhận nhầm): withdrawn with a reason; kept and readable, out of counts, cannot open a case.',
    },
  },
});
registerEnumType(InspectionSubjectType, {
  name: 'InspectionSubjectType',
  description: 'What is inspected (đối tượng kiểm tra).',
  valuesConfig: {
    UNIT: { description: 'A Party organisation or unit (tổ chức đảng, cơ quan, đơn vị).' },
    CADRE: { description: 'A cadre who is a Party member (đảng viên).' },
  },
});
registerEnumType(FindingArea, {
  name: 'FindingArea',
  description: 'Area of a finding or of an inspection’s focus; the first three are the resolution’s "3 không".',
  valuesConfig: {
    CORRUPTION: { description: 'Tham nhũng, tiêu cực (3 không: không tham nhũng).' },
    DISTANCE_FROM_PEOPLE: { description: 'Xa dân, thờ ơ với dân (3 không: không xa dân).' },
    STAGNATION: { description: 'Trì trệ, né tránh, đùn đẩy (3 không: không trì trệ).' },
    PARTY_FINANCE: { description: 'Tài chính đảng: Party finances and dues.' },
    LAND_AND_CONSTRUCTION: { description: 'Đất đai, xây dựng.' },
    PUBLIC_FINANCE: { description: 'Tài chính, tài sản công.' },
    ADMINISTRATIVE_PROCEDURE: { description: 'Thủ tục hành chính.' },
    ETHICS_AND_LIFESTYLE: { description: 'Đạo đức, lối sống.' },
    EXECUTION_OF_DISCIPLINE: { description: 'Thi hành kỷ luật đảng: execution of inspection, supervision and discipline tasks.' },
    OTHER: { description: 'Lĩnh vực khác.' },
  },
});
registerEnumType(FindingSeverity, {
  name: 'FindingSeverity',
  description: 'How grave a finding is (mức độ vi phạm).',
  valuesConfig: {
    OBSERVATION: { description: 'Lưu ý: an observation, an early warning.' },
    SHORTCOMING: { description: 'Hạn chế, thiếu sót: a shortcoming.' },
    VIOLATION: { description: 'Vi phạm: a violation.' },
    SERIOUS_VIOLATION: { description: 'Vi phạm nghiêm trọng: a serious violation.' },
  },
});
registerEnumType(FindingRecommendation, {
  name: 'FindingRecommendation',
  description: 'What the team recommends about a finding (kiến nghị xử lý).',
  valuesConfig: {
    REMIND: { description: 'Nhắc nhở: remind.' },
    CORRECT_BY_DATE: { description: 'Khắc phục trước hạn: correct by a date (correctBy is required).' },
    REVIEW_RESPONSIBILITY: { description: 'Kiểm điểm trách nhiệm: review responsibility.' },
    PROPOSE_DISCIPLINE: { description: 'Đề nghị xem xét kỷ luật: propose discipline.' },
  },
});
registerEnumType(OverallAssessment, {
  name: 'OverallAssessment',
  description: 'Overall assessment in an inspection’s conclusion (đánh giá chung trong kết luận).',
  valuesConfig: {
    GOOD: { description: 'Tốt: no shortcomings of note.' },
    SATISFACTORY: { description: 'Đạt: minor shortcomings.' },
    SHORTCOMINGS: { description: 'Có hạn chế, thiếu sót.' },
    VIOLATIONS: { description: 'Có vi phạm.' },
  },
});
