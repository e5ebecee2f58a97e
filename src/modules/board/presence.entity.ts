import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { registerEnumType } from 'type-graphql';
import { Account } from '../accounts/account.entity';

/** What a committee member can be shown working on. */
export enum PresenceSubjectType {
  REPORT = 'REPORT',
  INSPECTION = 'INSPECTION',
}

registerEnumType(PresenceSubjectType, {
  name: 'PresenceSubjectType',
  description: 'What someone is working on (Đang xử lý).',
  valuesConfig: {
    REPORT: { description: 'A report (đơn thư); subjectId is the report id.' },
    INSPECTION: { description: 'Cuộc kiểm tra, giám sát: an inspection or supervision; subjectId is the inspection id.' },
  },
});

/**
 * One open `workingOn` subscription: written when it starts, deleted when it ends, renewed by
 * its instance's heartbeat. Rows of an instance that died stop being renewed and are ignored
 * (then deleted) once older than PRESENCE_TTL_MS.
 */
@Entity()
@Index('board_presence_instance_idx', ['instanceId'])
export class BoardPresence {
  /** The subscription's own id (one account may have the same report open in two tabs). */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  instanceId!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column({ type: 'enum', enum: PresenceSubjectType, enumName: 'presence_subject_type' })
  subjectType!: PresenceSubjectType;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  since!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  heartbeatAt!: Date;
}
