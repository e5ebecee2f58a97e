import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Body } from '../../units/unit.enums';
import { SatisfactionGroupBy } from './satisfaction.service';

registerEnumType(SatisfactionGroupBy, {
  name: 'SatisfactionGroupBy',
  description: 'How the satisfaction index is grouped (nhóm chỉ số hài lòng theo).',
  valuesConfig: {
    BODY: { description: 'By body (cơ quan Đảng, Mặt trận, chính quyền).' },
    UNIT: { description: 'Theo đơn vị: by handling unit, worst first.' },
    CADRE: { description: 'Theo cán bộ: by handling cadre, worst average first.' },
  },
});

@ObjectType({
  description: 'Citizen satisfaction with a cadre’s handling of procedures in a year (mức độ hài lòng của người dân).',
})
export class CitizenSatisfactionView {
  @Field(() => Int, { description: 'Survey answers.' })
  answers!: number;

  @Field(() => Float, { nullable: true, description: 'Average score on the 1-5 scale.' })
  averageScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of answers at 4 or 5, percent.' })
  satisfiedPercent!: number | null;
}

@ObjectType({ description: 'One row of the satisfaction index (chỉ số hài lòng).' })
export class SatisfactionIndexRowView {
  @Field({ description: 'The body (enum value), unit id or cadre id.' })
  key!: string;

  @Field({ description: 'Display name.' })
  label!: string;

  @Field(() => Body, { nullable: true, description: 'The body.' })
  body!: Body | null;

  @Field(() => Float, { nullable: true, description: 'Completed procedures (not for CADRE).' })
  procedures!: number | null;

  @Field(() => Float, { nullable: true, description: 'Completed procedures surveyed (not for CADRE).' })
  surveyed!: number | null;

  @Field(() => Float, { nullable: true, description: 'surveyed / procedures, percent (target 7).' })
  coveragePercent!: number | null;

  @Field(() => Float, { description: 'Survey answers.' })
  answers!: number;

  @Field(() => Float, { nullable: true, description: 'Average score.' })
  averageScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share satisfied (4-5), percent: the satisfaction index.' })
  satisfiedPercent!: number | null;
}
