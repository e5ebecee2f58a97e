import { Field, Int, ObjectType } from 'type-graphql';
import { Cadre } from '../../cadres/cadre.entity';
import { StandardRequirement } from '../quality.enums';
import { TrainingPlan } from './training.entity';

@ObjectType({ description: 'One requirement of the post standard the cadre does not meet (tiêu chuẩn chưa đạt).' })
export class StandardGap {
  @Field(() => StandardRequirement, { description: 'Which requirement.' })
  requirement!: StandardRequirement;

  @Field({ description: 'What the standard requires (an enum value of Qualification, PoliticalTheory or TrainingCategory).' })
  required!: string;

  @Field(() => String, { nullable: true, description: 'What the record holds (null for a missing training).' })
  actual!: string | null;

  @Field({ description: 'The gap in Vietnamese.' })
  message!: string;
}

@ObjectType({ description: 'A unit’s training plan with progress (tiến độ kế hoạch bồi dưỡng).' })
export class TrainingPlanProgressView {
  @Field(() => TrainingPlan, { description: 'The plan.' })
  plan!: TrainingPlan;

  @Field(() => Int, { description: 'Cadres of the unit and the units below who passed a course of the category in the year.' })
  trained!: number;
}

@ObjectType({ description: 'Cadres not yet trained in a category this year (cán bộ chưa được bồi dưỡng).' })
export class UntrainedCadres {
  @Field(() => Int, { description: 'How many in all.' })
  totalCount!: number;

  @Field(() => [Cadre], { description: 'The first of them, by name.' })
  cadres!: Cadre[];
}
