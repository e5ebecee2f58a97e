import { registerEnumType } from 'type-graphql';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, {
  name: 'Gender',
  description: 'Gender as recorded in the personnel file (giới tính).',
  valuesConfig: { MALE: { description: 'Nam.' }, FEMALE: { description: 'Nữ.' } },
});

/** Whether the person is an elected cadre, a civil servant, a public employee or contract staff. */
export enum CivilServiceCategory {
  CADRE = 'CADRE',
  CIVIL_SERVANT = 'CIVIL_SERVANT',
  PUBLIC_EMPLOYEE = 'PUBLIC_EMPLOYEE',
  CONTRACT_STAFF = 'CONTRACT_STAFF',
}
registerEnumType(CivilServiceCategory, {
  name: 'CivilServiceCategory',
  description:
    'Civil-service category (cán bộ, công chức, viên chức, hợp đồng); it decides which discipline rules apply (Decree 172/2025).',
  valuesConfig: {
    CADRE: { description: 'Cán bộ: elected or approved for a term (bầu cử, phê chuẩn).' },
    CIVIL_SERVANT: { description: 'Công chức: recruited into a civil-service rank.' },
    PUBLIC_EMPLOYEE: { description: 'Viên chức: employed by a public service unit.' },
    CONTRACT_STAFF: { description: 'Người lao động hợp đồng: works under a labour contract.' },
  },
});

/** Highest professional qualification, in increasing order. */
export enum Qualification {
  VOCATIONAL = 'VOCATIONAL',
  COLLEGE = 'COLLEGE',
  BACHELOR = 'BACHELOR',
  MASTER = 'MASTER',
  DOCTOR = 'DOCTOR',
}
registerEnumType(Qualification, {
  name: 'Qualification',
  description: 'Highest professional qualification (trình độ chuyên môn).',
  valuesConfig: {
    VOCATIONAL: { description: 'Trung cấp (vocational secondary).' },
    COLLEGE: { description: 'Cao đẳng (college).' },
    BACHELOR: { description: 'Đại học (bachelor).' },
    MASTER: { description: 'Thạc sĩ (master).' },
    DOCTOR: { description: 'Tiến sĩ (doctor).' },
  },
});

/** A qualification as people name it (trình độ chuyên môn), for messages. */
export const QUALIFICATION_NAME: Record<Qualification, string> = {
  VOCATIONAL: 'Trung cấp',
  COLLEGE: 'Cao đẳng',
  BACHELOR: 'Đại học',
  MASTER: 'Thạc sĩ',
  DOCTOR: 'Tiến sĩ',
};

/** Political theory level, in increasing order. */
export enum PoliticalTheory {
  NONE = 'NONE',
  ELEMENTARY = 'ELEMENTARY',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
}
registerEnumType(PoliticalTheory, {
  name: 'PoliticalTheory',
  description: 'Political theory level (trình độ lý luận chính trị).',
  valuesConfig: {
    NONE: { description: 'Chưa qua đào tạo: no political theory training yet.' },
    ELEMENTARY: { description: 'Sơ cấp (elementary).' },
    INTERMEDIATE: { description: 'Trung cấp (intermediate).' },
    ADVANCED: { description: 'Cao cấp (advanced).' },
  },
});

/** A political theory level as people name it (trình độ lý luận chính trị), for messages. */
export const POLITICAL_THEORY_NAME: Record<PoliticalTheory, string> = {
  NONE: 'Chưa qua đào tạo',
  ELEMENTARY: 'Sơ cấp',
  INTERMEDIATE: 'Trung cấp',
  ADVANCED: 'Cao cấp',
};

export enum EmploymentStatus {
  ACTIVE = 'ACTIVE',
  ON_LEAVE = 'ON_LEAVE',
  ROTATED_OUT = 'ROTATED_OUT',
  RETIRED = 'RETIRED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(EmploymentStatus, {
  name: 'EmploymentStatus',
  description:
    'Employment status (tình trạng công tác). ACTIVE and ON_LEAVE are current staff; the others ended employment in the ward.',
  valuesConfig: {
    ACTIVE: { description: 'Working (đang công tác).' },
    ON_LEAVE: { description: 'On leave, still holding the post (nghỉ phép, nghỉ chế độ).' },
    ROTATED_OUT: { description: 'Rotated out of the ward (luân chuyển đi).' },
    RETIRED: { description: 'Retired (nghỉ hưu).' },
    DISMISSED: { description: 'Dismissed (cho thôi việc, buộc thôi việc).' },
  },
});

/** Statuses of people who still hold their post and count as the ward's staff. */
export const CURRENT_STATUSES: readonly EmploymentStatus[] = [EmploymentStatus.ACTIVE, EmploymentStatus.ON_LEAVE];
/** Statuses that end employment. */
export const ENDED_STATUSES: readonly EmploymentStatus[] = [
  EmploymentStatus.ROTATED_OUT,
  EmploymentStatus.RETIRED,
  EmploymentStatus.DISMISSED,
];

export enum CadreChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  TRANSFERRED = 'TRANSFERRED',
  ROTATED = 'ROTATED',
  APPOINTED = 'APPOINTED',
  EMPLOYMENT_ENDED = 'EMPLOYMENT_ENDED',
}
registerEnumType(CadreChangeKind, {
  name: 'CadreChangeKind',
  description: 'What kind of change a history entry records (loại thay đổi).',
  valuesConfig: {
    CREATED: { description: 'Vào sổ: the cadre was entered into the register.' },
    UPDATED: { description: 'Cập nhật: personal or professional data was corrected or updated.' },
    TRANSFERRED: { description: 'Transferred to another unit (điều động).' },
    ROTATED: { description: 'Rotated to another field or post (luân chuyển).' },
    APPOINTED: { description: 'Appointed to a post (bổ nhiệm).' },
    EMPLOYMENT_ENDED: { description: 'Thôi công tác — employment ended: retired, dismissed or rotated out of the ward.' },
  },
});

/** How a cadre moves; each is recorded as its own history kind. */
export enum MoveKind {
  TRANSFER = 'TRANSFER',
  ROTATION = 'ROTATION',
  APPOINTMENT = 'APPOINTMENT',
}
registerEnumType(MoveKind, {
  name: 'MoveKind',
  description: 'How a cadre moves to another unit or post (điều động, luân chuyển, bổ nhiệm).',
  valuesConfig: {
    TRANSFER: { description: 'Điều động: to another unit, usually the same kind of post.' },
    ROTATION: { description: 'Luân chuyển: to another field or post, for training and succession.' },
    APPOINTMENT: { description: 'Bổ nhiệm: to a (usually leadership) post.' },
  },
});

export const HISTORY_KIND_OF_MOVE: Record<MoveKind, CadreChangeKind> = {
  [MoveKind.TRANSFER]: CadreChangeKind.TRANSFERRED,
  [MoveKind.ROTATION]: CadreChangeKind.ROTATED,
  [MoveKind.APPOINTMENT]: CadreChangeKind.APPOINTED,
};

export enum CadreOrder {
  RELEVANCE = 'RELEVANCE',
  FULL_NAME_ASC = 'FULL_NAME_ASC',
  DATE_OF_BIRTH_ASC = 'DATE_OF_BIRTH_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}
registerEnumType(CadreOrder, {
  name: 'CadreOrder',
  description: 'Order of a cadre list (thứ tự sắp xếp); ties are broken by id so pages never overlap or skip.',
  valuesConfig: {
    RELEVANCE: {
      description:
        'Best name matches first (mức độ khớp): the exact name as typed, then without diacritics; then names holding every searched word as a whole word as typed (so "Thành" finds a Thành before a Thanh), then without diacritics; then as part of a word; then close spellings (closest first); in Vietnamese name order within each. Without a search, the same as FULL_NAME_ASC.',
    },
    FULL_NAME_ASC: {
      description:
        'By full name in Vietnamese alphabetical order (thứ tự chữ cái tiếng Việt: a ă â b c d đ e ê …, tones after the letters, so Dương before Đặng), family name first.',
    },
    DATE_OF_BIRTH_ASC: {
      description: 'Lớn tuổi trước: oldest first. Not available to VIEWER (dates of birth are hidden from it).',
    },
    CREATED_AT_DESC: { description: 'Mới vào sổ trước: most recently registered first.' },
  },
});
