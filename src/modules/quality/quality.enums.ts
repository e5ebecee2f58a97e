import { registerEnumType } from 'type-graphql';

/** Topic category of a training course (the resolution's section III.2). */
export enum TrainingCategory {
  POLITICAL_THEORY = 'POLITICAL_THEORY',
  LEADERSHIP_GOVERNANCE = 'LEADERSHIP_GOVERNANCE',
  DIGITAL_ADMINISTRATION = 'DIGITAL_ADMINISTRATION',
  CITIZEN_RECEPTION = 'CITIZEN_RECEPTION',
  ADMIN_SOFTWARE = 'ADMIN_SOFTWARE',
  PROFESSIONAL = 'PROFESSIONAL',
}
registerEnumType(TrainingCategory, {
  name: 'TrainingCategory',
  description: 'Topic category of a training course (bồi dưỡng).',
  valuesConfig: {
    POLITICAL_THEORY: { description: 'Lý luận chính trị.' },
    LEADERSHIP_GOVERNANCE: { description: 'Kỹ năng lãnh đạo, quản trị hiện đại (target 5, leaders/managers).' },
    DIGITAL_ADMINISTRATION: { description: 'Quản trị số, chuyển đổi số (target 5, leaders/managers).' },
    CITIZEN_RECEPTION: { description: 'Tiếp công dân và xử lý tình huống thực tiễn (target 5, every cadre every year).' },
    ADMIN_SOFTWARE: { description: 'Phần mềm hành chính và Cổng dịch vụ công trực tuyến (target 6).' },
    PROFESSIONAL: { description: 'Chuyên môn, nghiệp vụ.' },
  },
});

export enum TrainingMode {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
}
registerEnumType(TrainingMode, {
  name: 'TrainingMode',
  description: 'How a course is held (hình thức bồi dưỡng: trực tiếp, trực tuyến).',
  valuesConfig: { IN_PERSON: { description: 'Trực tiếp (in person).' }, ONLINE: { description: 'Trực tuyến (online).' } },
});

export enum TrainingResult {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  DID_NOT_FINISH = 'DID_NOT_FINISH',
}
registerEnumType(TrainingResult, {
  name: 'TrainingResult',
  description: 'Outcome of one cadre’s attendance of a course (kết quả bồi dưỡng). Only PASSED counts as trained.',
  valuesConfig: {
    PASSED: { description: 'Hoàn thành, đạt yêu cầu.' },
    FAILED: { description: 'Không đạt.' },
    DID_NOT_FINISH: { description: 'Không hoàn thành khóa học.' },
  },
});

/** The four levels of the annual quality rating, best first. */
export enum Rating {
  EXCELLENT = 'EXCELLENT',
  WELL = 'WELL',
  COMPLETED = 'COMPLETED',
  NOT_COMPLETED = 'NOT_COMPLETED',
}
registerEnumType(Rating, {
  name: 'Rating',
  description: 'Annual quality rating (xếp loại chất lượng) of a cadre or civil servant.',
  valuesConfig: {
    EXCELLENT: { description: 'Hoàn thành xuất sắc nhiệm vụ.' },
    WELL: { description: 'Hoàn thành tốt nhiệm vụ.' },
    COMPLETED: { description: 'Hoàn thành nhiệm vụ.' },
    NOT_COMPLETED: { description: 'Không hoàn thành nhiệm vụ.' },
  },
});
/** Rank of a rating: 0 is the best. */
export const RATING_RANK: Record<Rating, number> = { EXCELLENT: 0, WELL: 1, COMPLETED: 2, NOT_COMPLETED: 3 };

export enum SatisfactionChannel {
  STAFF = 'STAFF',
  PUBLIC = 'PUBLIC',
  IMPORT = 'IMPORT',
}
registerEnumType(SatisfactionChannel, {
  name: 'SatisfactionChannel',
  description: 'How a satisfaction survey result reached the register (kênh khảo sát).',
  valuesConfig: {
    STAFF: { description: 'Cán bộ nhập: entered by staff from a paper or kiosk survey.' },
    PUBLIC: { description: 'Người dân tự gửi: submitted by the citizen with the procedure’s receipt number (no account).' },
    IMPORT: { description: 'Nhập từ tệp: imported from a spreadsheet.' },
  },
});

export enum AttitudeRating {
  GOOD = 'GOOD',
  AVERAGE = 'AVERAGE',
  POOR = 'POOR',
}
registerEnumType(AttitudeRating, {
  name: 'AttitudeRating',
  description:
    'Outcome of the yearly public evaluation of a cadre’s attitude, organised with the Fatherland Front (kết quả đánh giá thái độ phục vụ).',
  valuesConfig: {
    GOOD: { description: 'Tốt: the people are satisfied with the cadre’s attitude.' },
    AVERAGE: { description: 'Trung bình.' },
    POOR: { description: 'Kém: the cadre is found distant from the people (fails "không xa dân" of target 4).' },
  },
});

export enum ReceptionKind {
  CITIZEN_RECEPTION = 'CITIZEN_RECEPTION',
  DIRECT_DIALOGUE = 'DIRECT_DIALOGUE',
}
registerEnumType(ReceptionKind, {
  name: 'ReceptionKind',
  description: 'A citizen reception day or a direct dialogue with the people (tiếp công dân hay đối thoại trực tiếp).',
  valuesConfig: {
    CITIZEN_RECEPTION: { description: 'Tiếp công dân (Luật Tiếp công dân 2013, Art. 15).' },
    DIRECT_DIALOGUE: { description: 'Đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với Nhân dân.' },
  },
});

export enum StandardRequirement {
  QUALIFICATION = 'QUALIFICATION',
  POLITICAL_THEORY = 'POLITICAL_THEORY',
  TRAINING = 'TRAINING',
}
registerEnumType(StandardRequirement, {
  name: 'StandardRequirement',
  description: 'Which requirement of a post standard a gap concerns (yêu cầu của tiêu chuẩn chức danh).',
  valuesConfig: {
    QUALIFICATION: { description: 'Trình độ chuyên môn.' },
    POLITICAL_THEORY: { description: 'Trình độ lý luận chính trị.' },
    TRAINING: { description: 'Bồi dưỡng kiến thức, kỹ năng (public-service training).' },
  },
});

/** The seven targets of the resolution (section II.3). */
export enum TargetCode {
  STANDARDS = 'STANDARDS',
  RATING = 'RATING',
  SUCCESSION = 'SUCCESSION',
  INTEGRITY = 'INTEGRITY',
  TRAINING = 'TRAINING',
  SOFTWARE = 'SOFTWARE',
  SATISFACTION = 'SATISFACTION',
}
registerEnumType(TargetCode, {
  name: 'TargetCode',
  description: 'One of the seven 2030 targets of the resolution (mục tiêu, section II.3), in its order.',
  valuesConfig: {
    STANDARDS: { description: '1. 100% đạt chuẩn chuyên môn, lý luận chính trị, kỹ năng theo vị trí việc làm.' },
    RATING: { description: '2. Hằng năm ≥ 95% hoàn thành tốt nhiệm vụ trở lên, trong đó 20% hoàn thành xuất sắc.' },
    SUCCESSION: { description: '3. Tỷ lệ cán bộ trẻ, nữ, sau đại học trong lãnh đạo, quản lý ngày càng tăng.' },
    INTEGRITY: { description: '4. Chuẩn "3 không" và "3 có".' },
    TRAINING: {
      description: '5. 100% lãnh đạo được bồi dưỡng quản trị hiện đại, quản trị số; 100% được bồi dưỡng tiếp dân hằng năm.',
    },
    SOFTWARE: { description: '6. 100% thành thạo phần mềm hành chính và Cổng dịch vụ công trực tuyến.' },
    SATISFACTION: { description: '7. Hằng năm trên 90% người dân làm thủ tục hành chính được khảo sát mức độ hài lòng.' },
  },
});

export enum TargetComparison {
  AT_LEAST = 'AT_LEAST',
  ABOVE = 'ABOVE',
  NOT_BELOW_BASELINE = 'NOT_BELOW_BASELINE',
}
registerEnumType(TargetComparison, {
  name: 'TargetComparison',
  description: 'How the measured value is compared with the target value (cách so với mục tiêu).',
  valuesConfig: {
    AT_LEAST: { description: 'Ít nhất (đạt từ): met when value ≥ target.' },
    ABOVE: { description: 'Vượt (trên): met when value > target (the resolution says "over").' },
    NOT_BELOW_BASELINE: {
      description:
        'Không thấp hơn mức năm 2025: no numeric level in the resolution: the target is the 2025 baseline; met when value ≥ baseline (rising or steady).',
    },
  },
});

/** A target's verdict, judged on each of its parts. */
export enum TargetVerdict {
  MET = 'MET',
  PARTLY_MET = 'PARTLY_MET',
  NOT_MET = 'NOT_MET',
}
registerEnumType(TargetVerdict, {
  name: 'TargetVerdict',
  description: 'A target judged on each of its parts (kết quả thực hiện chỉ tiêu).',
  valuesConfig: {
    MET: { description: 'Đạt: every part the target is judged on is met.' },
    PARTLY_MET: { description: 'Đạt một phần: some parts are met, others not (or have nothing to count).' },
    NOT_MET: { description: 'Chưa đạt: no part is met.' },
  },
});

export enum TargetRecordKind {
  CADRE = 'CADRE',
  PROCEDURE = 'PROCEDURE',
  SURVEY_ANSWER = 'SURVEY_ANSWER',
}
registerEnumType(TargetRecordKind, {
  name: 'TargetRecordKind',
  description: 'What a record counted by a target is (loại hồ sơ được tính).',
  valuesConfig: {
    CADRE: { description: 'Cán bộ: a cadre (id is the cadre’s id).' },
    PROCEDURE: { description: 'Thủ tục hành chính: a completed administrative procedure (id is the procedure case’s id).' },
    SURVEY_ANSWER: {
      description: 'A citizen’s satisfaction answer (phiếu đánh giá; id is the answer’s id), for target 7’s SATISFIED part.',
    },
  },
});
