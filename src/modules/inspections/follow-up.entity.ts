import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Inspection } from './inspection.entity';

/** A recommendation of an inspection's conclusion, followed until it is fulfilled. */
@ObjectType({ description: 'A recommendation of a conclusion (kiến nghị) and its fulfilment, followed up to its due date.' })
@Entity()
@Index('follow_up_inspection_idx', ['inspectionId'])
@Index('follow_up_open_due_idx', ['dueOn'], { where: 'fulfilled_on IS NULL' })
export class FollowUpItem {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The inspection.' })
  @Column({ type: 'uuid' })
  inspectionId!: string;

  @ManyToOne(() => Inspection, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inspection_id' })
  inspectionRef?: Relation<Inspection>;

  @Field({ description: 'When it was recorded.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'The recommendation.' })
  @Column({ type: 'text' })
  text!: string;

  @Field(() => String, { description: 'Due date (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  dueOn!: string;

  @Field(() => String, { nullable: true, description: 'When it was fulfilled (YYYY-MM-DD); null while open.' })
  @Column({ type: 'date', nullable: true })
  fulfilledOn!: string | null;

  @Field(() => String, { nullable: true, description: 'How it was fulfilled.' })
  @Column({ type: 'text', nullable: true })
  fulfilmentNote!: string | null;

  /** The account that added it: it, or the Inspection Committee, may correct its due date. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  /** The account that recorded the fulfilment: it, or the Inspection Committee, may correct its date. */
  @Column({ type: 'uuid', nullable: true })
  fulfilledBy!: string | null;
}
