import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseRecord } from '../../db/base.entity';
import { Cadre } from '../cadres/cadre.entity';
import { Unit } from '../units/unit.entity';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';

export enum CommendationForm {
  CERTIFICATE_OF_MERIT = 'CERTIFICATE_OF_MERIT',
  COMMENDATION_PAPER = 'COMMENDATION_PAPER',
  EMULATION_FIGHTER = 'EMULATION_FIGHTER',
  ADVANCED_LABOUR = 'ADVANCED_LABOUR',
  EXEMPLARY_PARTY_MEMBER = 'EXEMPLARY_PARTY_MEMBER',
  CLEAN_STRONG_ORGANISATION = 'CLEAN_STRONG_ORGANISATION',
}
registerEnumType(CommendationForm, {
  name: 'CommendationForm',
  description: 'Form of commendation (hình thức khen thưởng, danh hiệu thi đua).',
  valuesConfig: {
    CERTIFICATE_OF_MERIT: { description: 'Bằng khen.' },
    COMMENDATION_PAPER: { description: 'Giấy khen.' },
    EMULATION_FIGHTER: { description: 'Chiến sĩ thi đua cơ sở.' },
    ADVANCED_LABOUR: { description: 'Lao động tiên tiến.' },
    EXEMPLARY_PARTY_MEMBER: { description: 'Đảng viên hoàn thành xuất sắc nhiệm vụ tiêu biểu.' },
    CLEAN_STRONG_ORGANISATION: { description: 'Tổ chức cơ sở đảng trong sạch, vững mạnh tiêu biểu (for units).' },
  },
});

export enum CommendationLevel {
  WARD = 'WARD',
  PROVINCE = 'PROVINCE',
  NATIONAL = 'NATIONAL',
}
registerEnumType(CommendationLevel, {
  name: 'CommendationLevel',
  description: 'Level that granted the commendation (cấp khen thưởng).',
  valuesConfig: {
    WARD: { description: 'Cấp phường: the ward (Party committee or People’s Committee).' },
    PROVINCE: { description: 'Cấp tỉnh: the province.' },
    NATIONAL: { description: 'Cấp trung ương, nhà nước: national.' },
  },
});

/** A commendation of a cadre or a unit (the resolution: reward exemplary people promptly). */
@ObjectType({
  description: 'A commendation (khen thưởng) of a cadre or a unit, shown beside discipline in the supervision record.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
@Entity()
@Index('commendation_cadre_idx', ['cadreId', 'decisionDate'])
@Index('commendation_unit_idx', ['unitId', 'decisionDate'])
export class Commendation extends BaseRecord {
  @Field(() => ID, { nullable: true, description: 'The cadre commended.' })
  @Column({ type: 'uuid', nullable: true })
  cadreId!: string | null;

  @ManyToOne(() => Cadre, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre> | null;

  @Field(() => ID, { nullable: true, description: 'The unit commended.' })
  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit> | null;

  @Field(() => CommendationForm, { description: 'Form.' })
  @Column({ type: 'enum', enum: CommendationForm, enumName: 'commendation_form' })
  form!: CommendationForm;

  @Field(() => CommendationLevel, { description: 'Level.' })
  @Column({ type: 'enum', enum: CommendationLevel, enumName: 'commendation_level' })
  level!: CommendationLevel;

  @Field({ description: 'Decision number.' })
  @Column({ type: 'text' })
  decisionNumber!: string;

  @Field(() => String, { description: 'Decision date (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  decisionDate!: string;

  @Field({ description: 'Issuing body.' })
  @Column({ type: 'text' })
  issuingBody!: string;

  @Field({ description: 'Why (thành tích).' })
  @Column({ type: 'text' })
  reason!: string;

  /** The account that recorded it: it, or the Inspection Committee, may correct its decision. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;
}
