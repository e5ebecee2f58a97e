import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DisciplineCase } from './discipline-case.entity';
import { DisciplineSide } from './discipline.enums';

/**
 * The task of notifying the other side (Party or State) of a decision on a cadre who is a Party
 * member, due within the rule's days of the decision (296-QĐ/TW: 5 days).
 */
@ObjectType({
  description:
    'A task to notify the other side (Party or State) of a discipline decision on a Party member, due within 5 days (thông báo quyết định kỷ luật).',
})
@Entity()
@Index('discipline_notification_case_idx', ['caseId'])
@Index('discipline_notification_unsent_idx', ['dueOn'], { where: 'sent_on IS NULL' })
export class DisciplineNotification {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The case.' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => DisciplineCase, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<DisciplineCase>;

  @Field({ description: 'When the task was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DisciplineSide, { description: 'The side to notify.' })
  @Column({ type: 'enum', enum: DisciplineSide, enumName: 'notified_side' })
  notify!: DisciplineSide;

  @Field(() => String, { description: 'Due date (YYYY-MM-DD): the decision date plus the rule’s days.' })
  @Column({ type: 'date' })
  dueOn!: string;

  @Field(() => String, { nullable: true, description: 'When it was sent (YYYY-MM-DD); null while unsent.' })
  @Column({ type: 'date', nullable: true })
  sentOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Reference of the notification document.' })
  @Column({ type: 'text', nullable: true })
  reference!: string | null;
}
