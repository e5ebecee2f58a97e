import { badInput, conflict, forbidden, notFound } from '../../common/errors';

/** What an unknown reference names, in Vietnamese. */
const REFERENCE = { unit: 'cơ quan, đơn vị', post: 'chức vụ' } as const;

/** The register's refusals: Vietnamese messages, each with a stable `extensions.reason`. */
export const CadreErrors = {
  /** Also for cadres outside a UNIT_HEAD's subtree: their existence is not revealed. */
  cadreNotFound: (id: string) => notFound('Cadre', id),
  unknownReference: (path: string, what: keyof typeof REFERENCE, id: string) =>
    badInput(
      `${path}: không có ${REFERENCE[what]} nào có mã ${id}`,
      [{ path, message: `không có ${REFERENCE[what]} này`, code: `UNKNOWN_${what.toUpperCase()}` }],
      `UNKNOWN_${what.toUpperCase()}`,
    ),
  /** A rule of the register refused a field: `message` in Vietnamese, `reason` the rule's code. */
  rule: (path: string, message: string, reason: string) =>
    badInput(`${path}: ${message}`, [{ path, message, code: reason }], reason),
  postTaken: (post: string, unit: string, holder: { id: string; fullName: string }) =>
    conflict(
      `Chức vụ "${post}" ở "${unit}" đã có người giữ là ${holder.fullName}; mỗi lúc chỉ một người giữ. Hãy điều động hoặc cho thôi việc người đang giữ trước.`,
      {
        field: 'input.postId',
        holderId: holder.id,
        holderName: holder.fullName,
        reason: 'POST_TAKEN',
      },
    ),
  employmentEnded: (id: string, status: string) =>
    conflict(`Cán bộ ${id} đã thôi công tác (${status}); không thể đổi đơn vị, chức vụ hay trạng thái nữa`, {
      id,
      status,
      reason: 'EMPLOYMENT_ENDED',
    }),
  nothingToMove: () =>
    badInput(
      'Cán bộ đã giữ chức vụ này ở đơn vị này: hãy chọn đơn vị (unitId) hoặc chức vụ (postId) khác',
      [{ path: 'input', message: 'không có gì thay đổi', code: 'NOTHING_TO_MOVE' }],
      'NOTHING_TO_MOVE',
    ),
  viewerCannotUseDateOfBirth: (path: string) =>
    forbidden(
      `${path}: vai trò của bạn không được xem ngày sinh, nên không lọc hay sắp xếp được theo tuổi hoặc ngày sinh`,
      'DATE_OF_BIRTH_HIDDEN',
    ),
};
