import { IsBoolean } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../../graphql/page-args';

@ArgsType()
export class SupervisionRecordArgs extends PageArgs {}

@ArgsType()
export class UnitSupervisionRecordArgs extends PageArgs {
  @Field({
    defaultValue: true,
    description:
      'Include the units below this one (its Party cells, offices and subordinate committees), as a committee member reading a unit’s record expects; false for the unit’s own entries only.',
  })
  @IsBoolean()
  includeDescendants!: boolean;
}
