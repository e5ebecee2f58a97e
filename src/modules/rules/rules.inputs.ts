import { IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { IsText } from '../../common/validators';

/** A row of the holiday calendar. */
export enum HolidayDayType {
  HOLIDAY = 'HOLIDAY',
  WORKING_DAY = 'WORKING_DAY',
}
registerEnumType(HolidayDayType, {
  name: 'HolidayDayType',
  description: 'What a listed day is in the holiday calendar (ngày nghỉ hay ngày làm bù).',
  valuesConfig: {
    HOLIDAY: { description: 'Ngày nghỉ: a public holiday, a compensatory day off, or a working day swapped away.' },
    WORKING_DAY: { description: 'Ngày làm bù: a Saturday or Sunday worked to make up a swapped day.' },
  },
});

@InputType({ description: 'Add a dated rule set (bộ quy tắc) to the deadline or discipline rules, with a reason.' })
export class AddRuleSetInput {
  @Field({
    description:
      'The rule set as JSON text, shaped like one element of `ruleSets` in the bundled file (id, effectiveFrom, source, …). Its effectiveFrom must be after the day of every report already received (deadline rules) or every discipline decision already taken (discipline rules): RULE_SET_EFFECTIVE_FOR_RECEIVED.',
  })
  @IsText('ruleSet', 200_000)
  ruleSet!: string;

  @Field({ description: 'Lý do: the legal basis and why (required, not blank: RULE_CHANGE_REASON_REQUIRED).' })
  @IsText('reason', 2000, 0)
  reason!: string;
}

@InputType({ description: 'A day to add to or correct in the holiday calendar (ngày nghỉ lễ, Tết hoặc ngày làm bù).' })
export class HolidayDayInput {
  @Field({ description: 'The day, YYYY-MM-DD; a date that does not exist (2026-02-30) is HOLIDAY_DATE_MALFORMED.' })
  @IsText('date', 20)
  date!: string;

  @Field({ description: 'Its name, e.g. "Quốc khánh (ngày liền kề)".' })
  @IsText('name', 200)
  name!: string;

  @Field(() => HolidayDayType, { description: 'A day off, or a make-up working day (a Saturday or Sunday).' })
  @IsEnum(HolidayDayType)
  type!: HolidayDayType;

  @Field({ nullable: true, description: 'True when the day is an estimate not yet confirmed by an official announcement.' })
  @IsOptional()
  @IsBoolean()
  unsure?: boolean;

  @Field({ nullable: true, description: 'A note, e.g. the announcement it comes from.' })
  @IsOptional()
  @IsText('note', 1000, 0)
  note?: string;
}

@InputType({
  description:
    'Change the holiday calendar (lịch nghỉ lễ, Tết): add or correct days, remove days, add years. Applies when saved; open reports whose current stage spans a changed day get their due date recomputed.',
})
export class ChangeHolidayCalendarInput {
  @Field(() => [HolidayDayInput], { nullable: true, description: 'Days to add, or to replace when already listed.' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => HolidayDayInput)
  set?: HolidayDayInput[];

  @Field(() => [String], { nullable: true, description: 'Listed days to remove (YYYY-MM-DD).' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  remove?: string[];

  @Field(() => [Int], { nullable: true, description: 'Years to add to the covered years (their days go in `set`).' })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @Min(1976, { each: true })
  @Max(9999, { each: true })
  addYears?: number[];

  @Field({ description: 'Lý do: the announcement or decision behind the change (required, not blank).' })
  @IsText('reason', 2000, 0)
  reason!: string;
}
