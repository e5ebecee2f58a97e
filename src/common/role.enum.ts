import { registerEnumType } from 'type-graphql';

/** What a signed-in account may do. A public caller has no role. */
export enum Role {
  ADMIN = 'ADMIN',
  STANDING_COMMITTEE = 'STANDING_COMMITTEE',
  INSPECTION_COMMITTEE = 'INSPECTION_COMMITTEE',
  PARTY_BUILDING = 'PARTY_BUILDING',
  INTAKE_STAFF = 'INTAKE_STAFF',
  UNIT_HEAD = 'UNIT_HEAD',
  VIEWER = 'VIEWER',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'Role of an account (vai trò); decides what it may read and change.',
  valuesConfig: {
    ADMIN: { description: 'Quản trị hệ thống: manages accounts and roles.' },
    STANDING_COMMITTEE: { description: 'Ban Thường vụ Đảng ủy: reads everything, decides where the rules give it the decision.' },
    INSPECTION_COMMITTEE: { description: 'Ủy ban Kiểm tra Đảng ủy: handles reports, inspections, findings and discipline.' },
    PARTY_BUILDING: { description: 'Ban Xây dựng Đảng: keeps the cadre register (personnel records).' },
    INTAKE_STAFF: { description: 'Cán bộ tiếp nhận: records reports from the press and the public.' },
    UNIT_HEAD: { description: 'Thủ trưởng cơ quan, đơn vị: sees its own unit and the units below it.' },
    VIEWER: { description: 'Xem: reads public-level information, without personal data.' },
  },
});

export const ALL_ROLES = Object.values(Role);

/** The role's Vietnamese name, for messages people read (the code stays in `extensions`). */
export const ROLE_WORDS: Record<Role, string> = {
  ADMIN: 'Quản trị hệ thống',
  STANDING_COMMITTEE: 'Ban Thường vụ Đảng ủy',
  INSPECTION_COMMITTEE: 'Ủy ban Kiểm tra Đảng ủy',
  PARTY_BUILDING: 'Ban Xây dựng Đảng',
  INTAKE_STAFF: 'Cán bộ tiếp nhận',
  UNIT_HEAD: 'Thủ trưởng cơ quan, đơn vị',
  VIEWER: 'Xem',
};
