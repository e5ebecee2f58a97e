import { registerEnumType } from 'type-graphql';

/** Who is disciplined; decides the forms allowed and which side (Party or State) decides. */
export enum DisciplineSubjectType {
  PARTY_MEMBER_FULL = 'PARTY_MEMBER_FULL',
  PARTY_MEMBER_PROBATIONARY = 'PARTY_MEMBER_PROBATIONARY',
  PARTY_ORGANISATION = 'PARTY_ORGANISATION',
  ELECTED_CADRE = 'ELECTED_CADRE',
  CIVIL_SERVANT = 'CIVIL_SERVANT',
}

export enum DisciplineForm {
  REPRIMAND = 'REPRIMAND',
  WARNING = 'WARNING',
  DISMISSAL_FROM_POST = 'DISMISSAL_FROM_POST',
  EXPULSION = 'EXPULSION',
  DISSOLUTION = 'DISSOLUTION',
  REMOVAL_BY_VOTE = 'REMOVAL_BY_VOTE',
  DISMISSAL_FROM_LEADERSHIP_POST = 'DISMISSAL_FROM_LEADERSHIP_POST',
  FORCED_RESIGNATION = 'FORCED_RESIGNATION',
}

/** The body that takes a discipline decision; which may decide each form is rule data (`decidingBodies`). */
export enum DecidingBody {
  PARTY_CELL = 'PARTY_CELL',
  PARTY_COMMITTEE = 'PARTY_COMMITTEE',
  PARTY_STANDING_COMMITTEE = 'PARTY_STANDING_COMMITTEE',
  PARTY_INSPECTION_COMMITTEE = 'PARTY_INSPECTION_COMMITTEE',
  WARD_PEOPLES_COMMITTEE_CHAIRMAN = 'WARD_PEOPLES_COMMITTEE_CHAIRMAN',
  WARD_PEOPLES_COUNCIL = 'WARD_PEOPLES_COUNCIL',
  HIGHER_LEVEL = 'HIGHER_LEVEL',
}

/** Vietnamese names of the deciding bodies, for messages and the board. */
export const DECIDING_BODY_NAMES: Record<DecidingBody, string> = {
  PARTY_CELL: 'Chi bộ',
  PARTY_COMMITTEE: 'Đảng ủy phường (Ban Chấp hành)',
  PARTY_STANDING_COMMITTEE: 'Ban Thường vụ Đảng ủy phường',
  PARTY_INSPECTION_COMMITTEE: 'Ủy ban Kiểm tra Đảng ủy phường',
  WARD_PEOPLES_COMMITTEE_CHAIRMAN: 'Chủ tịch Ủy ban nhân dân phường',
  WARD_PEOPLES_COUNCIL: 'Hội đồng nhân dân phường',
  HIGHER_LEVEL: 'Cấp trên có thẩm quyền',
};

export enum DisciplineStatus {
  OPENED = 'OPENED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  PROPOSED = 'PROPOSED',
  DECIDED = 'DECIDED',
  APPEALED = 'APPEALED',
  FINAL = 'FINAL',
  DROPPED = 'DROPPED',
  DEFERRED = 'DEFERRED',
}

export enum DisciplineOrigin {
  FINDING = 'FINDING',
  REPORT = 'REPORT',
  DIRECT = 'DIRECT',
}

export enum DisciplineSide {
  PARTY = 'PARTY',
  STATE = 'STATE',
}

export enum DeferralReason {
  ILLNESS = 'ILLNESS',
  MATERNITY = 'MATERNITY',
  CHILD_UNDER_12_MONTHS = 'CHILD_UNDER_12_MONTHS',
  CRIMINAL_PROCEEDINGS = 'CRIMINAL_PROCEEDINGS',
}

/** Violations for which no statute of limitations applies, whatever the form (69-QĐ/TW). */
export enum NoLimitationGround {
  INTERNAL_POLITICS = 'INTERNAL_POLITICS',
  NATIONAL_SECURITY = 'NATIONAL_SECURITY',
  FOREIGN_AFFAIRS = 'FOREIGN_AFFAIRS',
  ILLEGAL_DIPLOMA = 'ILLEGAL_DIPLOMA',
}

registerEnumType(DisciplineSubjectType, {
  name: 'DisciplineSubjectType',
  description: 'Who is disciplined; decides the forms allowed (dated rule data) and which side decides (đối tượng kỷ luật).',
  valuesConfig: {
    PARTY_MEMBER_FULL: { description: 'Đảng viên chính thức: a full Party member (Party discipline, 69-QĐ/TW).' },
    PARTY_MEMBER_PROBATIONARY: { description: 'Đảng viên dự bị: a probationary Party member (Party discipline).' },
    PARTY_ORGANISATION: { description: 'Tổ chức đảng: a Party organisation (Party discipline).' },
    ELECTED_CADRE: { description: 'Cán bộ: an elected cadre under State rules (Nghị định 172/2025).' },
    CIVIL_SERVANT: { description: 'Công chức: a civil servant under State rules (Nghị định 172/2025).' },
  },
});
registerEnumType(DisciplineForm, {
  name: 'DisciplineForm',
  description: 'Form of discipline (hình thức kỷ luật); which are allowed depends on the subject type and the rule set in force.',
  valuesConfig: {
    REPRIMAND: { description: 'Khiển trách.' },
    WARNING: { description: 'Cảnh cáo.' },
    DISMISSAL_FROM_POST: { description: 'Cách chức: dismissal from post.' },
    EXPULSION: { description: 'Khai trừ: expulsion from the Party.' },
    DISSOLUTION: { description: 'Giải tán: dissolution of a Party organisation.' },
    REMOVAL_BY_VOTE: { description: 'Bãi nhiệm: removal of an elected cadre from office by vote.' },
    DISMISSAL_FROM_LEADERSHIP_POST: {
      description: 'Cách chức: dismissal of a civil servant from a leadership post (only for those holding one).',
    },
    FORCED_RESIGNATION: { description: 'Buộc thôi việc: forced resignation.' },
  },
});
registerEnumType(DecidingBody, {
  name: 'DecidingBody',
  description:
    'The body that decided (cấp có thẩm quyền quyết định kỷ luật). Which bodies may decide each form for each subject type is dated rule data (`decidingBodies` in the discipline rules; configurable, medium confidence).',
  valuesConfig: {
    PARTY_CELL: { description: 'Chi bộ: the Party cell (reprimand or warning of its members).' },
    PARTY_COMMITTEE: { description: 'Đảng ủy phường: the ward Party committee (its executive).' },
    PARTY_STANDING_COMMITTEE: { description: 'Ban Thường vụ Đảng ủy phường: the ward Party Standing Committee.' },
    PARTY_INSPECTION_COMMITTEE: { description: 'Ủy ban Kiểm tra Đảng ủy phường: the ward Party Inspection Committee.' },
    WARD_PEOPLES_COMMITTEE_CHAIRMAN: {
      description: 'Chủ tịch Ủy ban nhân dân phường: the ward People’s Committee chairman (State discipline of civil servants).',
    },
    WARD_PEOPLES_COUNCIL: { description: 'Hội đồng nhân dân phường: the ward People’s Council (elected cadres).' },
    HIGHER_LEVEL: { description: 'Cấp trên có thẩm quyền: a competent higher level (province or central).' },
  },
});
registerEnumType(DisciplineStatus, {
  name: 'DisciplineStatus',
  description: 'Stage of a discipline case; the moves are listed in the README and enforced by the server (bước xử lý kỷ luật).',
  valuesConfig: {
    OPENED: { description: 'Mở: opened from a finding, a report or directly.' },
    UNDER_REVIEW: { description: 'Xem xét: the subject’s self-criticism and explanation are being recorded.' },
    PROPOSED: { description: 'Đề nghị: a form of discipline is proposed.' },
    DECIDED: { description: 'Quyết định: decided by the competent body; the appeal window runs.' },
    APPEALED: { description: 'Khiếu nại: the subject appealed within the window.' },
    FINAL: { description: 'Có hiệu lực cuối cùng: final; the cadre’s record is updated.' },
    DROPPED: { description: 'Không kỷ luật: dropped with a reason.' },
    DEFERRED: { description: 'Tạm hoãn: paused for a reason the decree lists (illness, maternity, criminal proceedings).' },
  },
});
registerEnumType(DisciplineOrigin, {
  name: 'DisciplineOrigin',
  description: 'Where a case came from (nguồn của hồ sơ kỷ luật).',
  valuesConfig: {
    FINDING: { description: 'Từ phát hiện: an inspection finding.' },
    REPORT: { description: 'A report (đơn thư).' },
    DIRECT: { description: 'Trực tiếp: opened directly.' },
  },
});
registerEnumType(DisciplineSide, {
  name: 'DisciplineSide',
  description: 'Party discipline or State discipline (kỷ luật Đảng hay kỷ luật hành chính).',
  valuesConfig: {
    PARTY: { description: 'Kỷ luật đảng.' },
    STATE: { description: 'Kỷ luật hành chính (nhà nước).' },
  },
});
registerEnumType(DeferralReason, {
  name: 'DeferralReason',
  description: 'Why discipline is deferred (Nghị định 172/2025).',
  valuesConfig: {
    ILLNESS: { description: 'Đang điều trị bệnh: under treatment for illness.' },
    MATERNITY: { description: 'Nghỉ thai sản: maternity leave.' },
    CHILD_UNDER_12_MONTHS: { description: 'Nuôi con dưới 12 tháng tuổi: caring for a child under 12 months.' },
    CRIMINAL_PROCEEDINGS: { description: 'Đang bị tố tụng hình sự: under criminal proceedings.' },
  },
});
registerEnumType(NoLimitationGround, {
  name: 'NoLimitationGround',
  description: 'Grounds on which no statute of limitations applies (69-QĐ/TW).',
  valuesConfig: {
    INTERNAL_POLITICS: { description: 'Chính trị nội bộ: internal politics.' },
    NATIONAL_SECURITY: { description: 'An ninh quốc gia.' },
    FOREIGN_AFFAIRS: { description: 'Đối ngoại: foreign affairs.' },
    ILLEGAL_DIPLOMA: { description: 'Sử dụng văn bằng bất hợp pháp: using illegal diplomas.' },
  },
});
