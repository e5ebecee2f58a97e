import type { Role } from './role.enum';

/**
 * The signed-in caller as every layer sees it: who (the account's id), what they may do (role)
 * and where (a UNIT_HEAD's unit; the register entry of a caller who is a cadre). The accounts
 * module's `Account` entity is one; the layers below modules know only this shape.
 */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  /** Unit a UNIT_HEAD account is attached to (it sees this unit and its descendants). */
  readonly unitId: string | null;
  /** The register entry of the person who holds the account, when they are a cadre of the ward. */
  readonly cadreId: string | null;
  /** The account row's version as read: live delivery compares it before every frame (revocation). */
  readonly version: number;
}
