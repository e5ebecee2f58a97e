import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseRecord } from '../../db/base.entity';
import { Cadre } from '../cadres/cadre.entity';
import { Unit } from '../units/unit.entity';
import { Role } from '../../common/role.enum';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';

@ObjectType({
  description: 'A person who signs in (tài khoản): staff of the ward Party committee and its bodies.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
@Entity()
// At most one chair: the index holds under concurrent designations, the service names the holder first.
@Index('account_inspection_chair_key', ['isInspectionChair'], { unique: true, where: 'is_inspection_chair' })
export class Account extends BaseRecord {
  @Field({ description: 'Sign-in email, stored lower-case; unique.' })
  @Index('account_email_key', { unique: true })
  @Column({ type: 'text' })
  email!: string;

  @Field({ description: 'Name shown to other staff.' })
  @Column({ type: 'text' })
  displayName!: string;

  /** argon2id hash (PHC string). Never exposed. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Field(() => Role, { description: 'What the account may do.' })
  @Column({ type: 'enum', enum: Role, enumName: 'account_role' })
  role!: Role;

  /** Unit a UNIT_HEAD account is attached to (it sees this unit and its descendants). */
  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit> | null;

  /**
   * The register entry of the person who holds this account, when they are a cadre of the ward:
   * a cadre never sees a denunciation of themself, whatever their role.
   */
  @Column({ type: 'uuid', nullable: true })
  cadreId!: string | null;

  @ManyToOne(() => Cadre, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre> | null;

  @Field({ description: 'A disabled account cannot sign in and its tokens stop working at once.' })
  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Bumped on disable, re-role or password change: tokens carry it and stop working when it moves. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion!: number;

  /**
   * The chair of the Inspection Committee (Chủ nhiệm Ủy ban Kiểm tra): the identity custodian who
   * grants or refuses a handler's request to read a reporter's identity. A designation on one
   * active INSPECTION_COMMITTEE account, not a role.
   */
  @Field({
    description:
      'Chair of the Inspection Committee: the identity custodian who grants or refuses requests to read a reporter’s identity. At most one account holds it; set by ADMIN through updateAccount.',
  })
  @Column({ type: 'boolean', default: false })
  isInspectionChair!: boolean;

  @Field(() => Date, { nullable: true, description: 'Last successful sign-in.' })
  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}
