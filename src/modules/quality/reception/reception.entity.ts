import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord } from '../../../db/base.entity';
import { ReceptionKind } from '../quality.enums';

/** A published reception day (lịch tiếp công dân) or announced dialogue. Public. */
@ObjectType({
  description: 'A scheduled citizen reception day or dialogue of a ward leader, as published to the people (lịch tiếp công dân).',
})
@Entity()
@Index('reception_schedule_day_idx', ['day'])
export class ReceptionSchedule extends BaseRecord {
  @Field(() => ReceptionKind, { description: 'Reception or dialogue.' })
  @Column({ type: 'enum', enum: ReceptionKind, enumName: 'reception_kind' })
  kind!: ReceptionKind;

  @Field(() => String, { description: 'Day (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  day!: string;

  @Field({ description: 'Start time, HH:MM (Vietnam time).' })
  @Column({ type: 'text' })
  startsAt!: string;

  @Field({ description: 'End time, HH:MM (Vietnam time).' })
  @Column({ type: 'text' })
  endsAt!: string;

  /** The receiving leader in the register; not public. */
  @Column({ type: 'uuid' })
  receiverCadreId!: string;

  @Field({ description: 'Who receives, as published (title and name, e.g. "Bí thư Đảng ủy phường Nguyễn Văn Thành").' })
  @Column({ type: 'text' })
  receiverLabel!: string;

  @Field({ description: 'Where.' })
  @Column({ type: 'text' })
  location!: string;
}

/** A reception session or direct dialogue that was held. */
@ObjectType({
  description:
    'A citizen reception session or direct dialogue that was held, with the reports that came of it (buổi tiếp công dân).',
})
@Entity()
@Index('reception_session_day_idx', ['heldOn'])
export class ReceptionSession extends BaseRecord {
  @Field(() => ReceptionKind, { description: 'Reception or dialogue.' })
  @Column({ type: 'enum', enum: ReceptionKind, enumName: 'reception_kind' })
  kind!: ReceptionKind;

  @Field(() => String, { description: 'Day held (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  heldOn!: string;

  @Field(() => ID, { nullable: true, description: 'The schedule entry it fulfils, if any.' })
  @Column({ type: 'uuid', nullable: true })
  scheduleId!: string | null;

  @Field(() => [ID], { description: 'The cadres who received the citizens (or led the dialogue).' })
  @Column({ type: 'uuid', array: true })
  receiverCadreIds!: string[];

  @Field(() => Int, { description: 'Citizens received or taking part.' })
  @Column({ type: 'integer' })
  citizenCount!: number;

  @Field({ description: 'Topics raised and answers given.' })
  @Column({ type: 'text' })
  summary!: string;

  @Field(() => [ID], { description: 'Reports (đơn thư) recorded from the session.' })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  reportIds!: string[];
}
