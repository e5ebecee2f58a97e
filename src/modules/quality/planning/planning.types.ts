import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Cadre } from '../../cadres/cadre.entity';
import { CadreFieldChange } from '../../cadres/cadres.types';

@ObjectType({ description: 'The succession-planning pool 2025-2030 (quy hoạch) and its shares.' })
export class PlanningPool {
  @Field(() => Int, { description: 'Current cadres in the pool within the filter.' })
  total!: number;

  @Field(() => [Cadre], { description: 'The first of them, by name.' })
  cadres!: Cadre[];

  @Field(() => Float, { nullable: true, description: 'Share under youngUnderAge, percent.' })
  youngPercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of women, percent.' })
  womenPercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share with a master’s or doctorate, percent.' })
  postgraduatePercent!: number | null;

  @Field(() => Int, { description: 'Age limit of "young" in the rule data.' })
  youngUnderAge!: number;
}

@ObjectType({ description: 'A rotation (luân chuyển) from the register’s history.' })
export class Rotation {
  @Field(() => ID, { description: 'History entry sequence number.' })
  id!: string;

  @Field(() => Cadre, { nullable: true, description: 'The cadre rotated.' })
  cadre!: Cadre | null;

  @Field({ description: 'When.' })
  at!: Date;

  @Field(() => [CadreFieldChange], { description: 'Unit and post before and after.' })
  changes!: CadreFieldChange[];

  @Field(() => String, { nullable: true, description: 'Decision or reason.' })
  note!: string | null;
}
