import { CivilServiceCategory, EmploymentStatus, Gender, PoliticalTheory, Qualification } from '../../cadres/cadre.enums';

/**
 * Vietnamese labels of the register's lists, as the import accepts them and the export writes
 * them (the first label of each). Accents, case and spacing are ignored when reading.
 */
export const GENDER_LABELS: Record<Gender, readonly string[]> = {
  [Gender.MALE]: ['Nam'],
  [Gender.FEMALE]: ['Nữ'],
};

export const CATEGORY_LABELS: Record<CivilServiceCategory, readonly string[]> = {
  [CivilServiceCategory.CADRE]: ['Cán bộ'],
  [CivilServiceCategory.CIVIL_SERVANT]: ['Công chức'],
  [CivilServiceCategory.PUBLIC_EMPLOYEE]: ['Viên chức'],
  [CivilServiceCategory.CONTRACT_STAFF]: ['Hợp đồng', 'Lao động hợp đồng', 'Người lao động hợp đồng'],
};

export const QUALIFICATION_LABELS: Record<Qualification, readonly string[]> = {
  [Qualification.VOCATIONAL]: ['Trung cấp'],
  [Qualification.COLLEGE]: ['Cao đẳng'],
  [Qualification.BACHELOR]: ['Đại học', 'Cử nhân', 'Kỹ sư'],
  [Qualification.MASTER]: ['Thạc sĩ'],
  [Qualification.DOCTOR]: ['Tiến sĩ'],
};

export const THEORY_LABELS: Record<PoliticalTheory, readonly string[]> = {
  [PoliticalTheory.NONE]: ['Chưa có', 'Không', 'Chưa qua đào tạo'],
  [PoliticalTheory.ELEMENTARY]: ['Sơ cấp'],
  [PoliticalTheory.INTERMEDIATE]: ['Trung cấp'],
  [PoliticalTheory.ADVANCED]: ['Cao cấp', 'Cử nhân'],
};

export const STATUS_LABELS: Record<EmploymentStatus, readonly string[]> = {
  [EmploymentStatus.ACTIVE]: ['Đang công tác'],
  [EmploymentStatus.ON_LEAVE]: ['Nghỉ phép', 'Nghỉ chế độ'],
  [EmploymentStatus.ROTATED_OUT]: ['Luân chuyển đi'],
  [EmploymentStatus.RETIRED]: ['Nghỉ hưu'],
  [EmploymentStatus.DISMISSED]: ['Thôi việc', 'Cho thôi việc', 'Buộc thôi việc'],
};

/** The label the export writes. */
export const label = <T extends string>(labels: Record<T, readonly string[]>, value: T): string => labels[value][0]!;
