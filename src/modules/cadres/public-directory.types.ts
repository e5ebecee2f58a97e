import { IsInt, Matches, Max, MaxLength, Min } from 'class-validator';
import { NO_CONTROL_CHARS } from '../../common/validation';
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What a directory entry is: a serving cadre or a unit. */
export enum PublicDirectoryKind {
  CADRE = 'CADRE',
  UNIT = 'UNIT',
}

registerEnumType(PublicDirectoryKind, {
  name: 'PublicDirectoryKind',
  description: 'What a public directory entry is (loại mục trong danh bạ công khai).',
  valuesConfig: {
    CADRE: { description: 'A serving cadre (cán bộ, công chức đang công tác): give its id in concerns.cadreIds.' },
    UNIT: { description: 'A unit (cơ quan, đơn vị): give its id in concerns.unitIds.' },
  },
});

/** The shortest search the directory answers (trimmed). */
export const DIRECTORY_MIN_SEARCH = 3;
/** The longest search it reads. */
export const DIRECTORY_MAX_SEARCH = 100;
/** The most entries one search returns. */
export const DIRECTORY_MAX_FIRST = 20;

@ObjectType({
  description:
    'One entry of the public directory (danh bạ công khai): only what the ward posts publicly — a name, a post title, a unit. Never contact data, never anything about reports.',
})
export class PublicDirectoryEntry {
  @Field(() => PublicDirectoryKind, { description: 'A cadre or a unit.' })
  kind!: PublicDirectoryKind;

  @Field(() => ID, {
    description: 'The id to name in SubmitReportInput.concerns: cadreIds for a CADRE, unitIds for a UNIT.',
  })
  id!: string;

  @Field({ description: 'Full name of the cadre (họ tên), or the unit’s name (tên đơn vị).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The cadre’s post (chức vụ); null for a unit.' })
  postTitle!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The cadre’s unit (đơn vị công tác); for a unit, the unit it belongs to (null for the ward Party committee).',
  })
  unitName!: string | null;
}

@ArgsType()
export class PublicDirectoryArgs {
  @Field({
    description: `Name or part of it, with or without accents (“nguyen van a” finds “Nguyễn Văn A”, “d” matches “đ”); every word must appear. At least ${DIRECTORY_MIN_SEARCH} characters, at most ${DIRECTORY_MAX_SEARCH}.`,
  })
  @MaxLength(DIRECTORY_MAX_SEARCH, { message: `search must be at most ${DIRECTORY_MAX_SEARCH} characters` })
  @Matches(NO_CONTROL_CHARS, { message: 'search must not contain control characters' })
  search!: string;

  @Field(() => Int, { defaultValue: 10, description: `Entries, 1 to ${DIRECTORY_MAX_FIRST}.` })
  @IsInt()
  @Min(1, { message: `first must be between 1 and ${DIRECTORY_MAX_FIRST}` })
  @Max(DIRECTORY_MAX_FIRST, { message: `first must be between 1 and ${DIRECTORY_MAX_FIRST}` })
  first!: number;
}
