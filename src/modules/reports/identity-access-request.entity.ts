import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Report } from './report.entity';

export enum IdentityAccessStatus {
  REQUESTED = 'REQUESTED',
  GRANTED = 'GRANTED',
  REFUSED = 'REFUSED',
  ENDED = 'ENDED',
}

registerEnumType(IdentityAccessStatus, {
  name: 'IdentityAccessStatus',
  description: 'Where a request to read a reporter’s identity stands (tình trạng đề nghị xem danh tính).',
  valuesConfig: {
    REQUESTED: { description: 'Chờ duyệt: waiting for the chair of the Inspection Committee.' },
    GRANTED: { description: 'Đồng ý (granted): the requester may read the identity while they handle the report.' },
    REFUSED: { description: 'Từ chối: refused by the chair.' },
    ENDED: { description: 'Kết thúc (ended): the report was given to another handler (or the request lapsed with it).' },
  },
});

/**
 * A handler's request to read the reporter's identity (the custodian flow, as GlobaLeaks has it):
 * made with a reason by the report's current handler, decided by the chair of the Inspection
 * Committee, valid for that handler and that report only, ended when the report is reassigned.
 */
@ObjectType({
  description:
    'A request by the handler of a report to read the reporter’s identity (đề nghị xem danh tính người gửi đơn), and the chair’s decision. Never carries the identity.',
})
@Entity()
@Index('identity_access_request_report_idx', ['reportId', 'createdAt'])
// One live request per handler and report: a second one while the first stands is a CONFLICT.
@Index('identity_access_request_live_key', ['reportId', 'requestedById'], {
  unique: true,
  where: `status IN ('REQUESTED', 'GRANTED')`,
})
export class IdentityAccessRequest {
  @Field(() => ID, { description: 'Request id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The report whose reporter’s identity is asked for.' })
  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => Report, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  @Column({ type: 'uuid' })
  requestedById!: string;

  @ManyToOne(() => Account, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: Relation<Account>;

  @Field({ description: 'Why the handler needs the identity.' })
  @Column({ type: 'text' })
  reason!: string;

  @Field(() => IdentityAccessStatus, { description: 'Where the request stands.' })
  @Column({
    type: 'enum',
    enum: IdentityAccessStatus,
    enumName: 'identity_access_status',
    default: IdentityAccessStatus.REQUESTED,
  })
  status!: IdentityAccessStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_id' })
  decidedBy?: Relation<Account> | null;

  @Field(() => Date, { nullable: true, description: 'When the chair decided.' })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The chair’s note on the decision.' })
  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the request or grant ended.' })
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it ended.' })
  @Column({ type: 'text', nullable: true })
  endedReason!: string | null;

  @Field({ description: 'When it was requested.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
