import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { VersionedInput } from '../../graphql/versioned.input';
import { ISO_DATE, NO_CONTROL_CHARS, NO_CONTROL_CHARS_MULTILINE, PERSON_NAME } from '../../common/validation';
import { MAX_PAGE_SIZE } from '../../graphql/limits';
import { Body } from '../units/unit.enums';
import {
  CadreOrder,
  CivilServiceCategory,
  EmploymentStatus,
  ENDED_STATUSES,
  Gender,
  MoveKind,
  PoliticalTheory,
  Qualification,
} from './cadre.enums';

/** Longest search string accepted; names are far shorter. */
export const MAX_SEARCH_LENGTH = 100;

const dateRules = (field: string) => [
  Matches(ISO_DATE, { message: `${field} must be a date written YYYY-MM-DD` }),
  IsISO8601({ strict: true, strictSeparator: true }, { message: `${field} must be a real calendar date` }),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };
const IsDate = (field: string) => apply(dateRules(field));
const IsPersonName = (field: string) =>
  apply([
    Matches(NO_CONTROL_CHARS, { message: `${field} must not contain control characters` }),
    MinLength(2, { message: `${field} must be at least 2 characters long` }),
    MaxLength(120, { message: `${field} must be at most 120 characters long` }),
    Matches(PERSON_NAME, { message: `${field} must be letters (with diacritics) in words separated by spaces` }),
  ]);
const IsPhone = () =>
  Matches(/^\+?[0-9][0-9 .-]{6,18}[0-9]$/, { message: 'phone must be a telephone number such as 0912 345 678' });
const IsNote = () =>
  apply([
    MaxLength(1000, { message: 'note must be at most 1000 characters long' }),
    Matches(NO_CONTROL_CHARS_MULTILINE, { message: 'note must not contain control characters' }),
  ]);

@InputType({ description: 'Which cadres to list (bộ lọc). Omitted fields do not filter; given fields must all match.' })
export class CadreFilter {
  @Field({
    nullable: true,
    description: `Name search, accent- and case-insensitive: "nguyen van thanh", "Nguyen Van Thanh" and "Thành" all find "Nguyễn Văn Thành" (names containing every word). When no name contains every word, close spellings are found instead ("nguyen van thnh"). At most ${MAX_SEARCH_LENGTH} characters.`,
  })
  @IsOptional()
  @MaxLength(MAX_SEARCH_LENGTH, { message: `search must be at most ${MAX_SEARCH_LENGTH} characters long` })
  @Matches(NO_CONTROL_CHARS, { message: 'search must not contain control characters' })
  search?: string;

  @Field(() => ID, { nullable: true, description: 'Only cadres of this unit and the units below it.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @Field(() => Body, { nullable: true, description: 'Only cadres of units of this body.' })
  @IsOptional()
  @IsEnum(Body)
  body?: Body;

  @Field({ nullable: true, description: 'Only holders (true) or non-holders (false) of leadership/management posts.' })
  @IsOptional()
  @IsBoolean()
  isManager?: boolean;

  @Field(() => Gender, { nullable: true, description: 'Only this gender.' })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender;

  @Field(() => Int, {
    nullable: true,
    description: 'Only cadres at least this old today (whole years, 16-100). Not available to VIEWER.',
  })
  @IsOptional()
  @IsInt()
  @Min(16, { message: 'ageMin must be between 16 and 100' })
  @Max(100, { message: 'ageMin must be between 16 and 100' })
  ageMin?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Only cadres at most this old today (whole years, 16-100). Not available to VIEWER.',
  })
  @IsOptional()
  @IsInt()
  @Min(16, { message: 'ageMax must be between 16 and 100' })
  @Max(100, { message: 'ageMax must be between 16 and 100' })
  ageMax?: number;

  @Field(() => Qualification, { nullable: true, description: 'Only this highest qualification.' })
  @IsOptional()
  @IsEnum(Qualification)
  qualification?: Qualification;

  @Field({ nullable: true, description: 'Only Party members (true) or non-members (false).' })
  @IsOptional()
  @IsBoolean()
  partyMember?: boolean;

  @Field(() => EmploymentStatus, { nullable: true, description: 'Only this employment status.' })
  @IsOptional()
  @IsEnum(EmploymentStatus)
  status?: EmploymentStatus;

  @Field({ nullable: true, description: 'Only cadres in (true) or not in (false) the succession-planning pool.' })
  @IsOptional()
  @IsBoolean()
  inPlanningPool?: boolean;
}

@ArgsType()
export class CadresArgs {
  @Field(() => CadreFilter, { nullable: true, description: 'Which cadres; every cadre the caller may see when omitted.' })
  @IsOptional()
  @ValidateNested()
  filter?: CadreFilter;

  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1, { message: `first must be between 1 and ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `first must be between 1 and ${MAX_PAGE_SIZE}` })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Continue after this cursor (`pageInfo.endCursor` of the previous page, same orderBy); null or omitted: the first page.',
  })
  @IsOptional()
  @MaxLength(1100, { message: 'invalid cursor' })
  after?: string | null;

  @Field(() => CadreOrder, {
    nullable: true,
    description: 'Order of the list. Default: RELEVANCE with a search, FULL_NAME_ASC without.',
  })
  @IsOptional()
  @IsEnum(CadreOrder)
  orderBy?: CadreOrder;
}

@ArgsType()
export class CadreIdArgs {
  @Field(() => ID, { description: 'The cadre’s id (UUID).' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

@InputType({ description: 'A new cadre for the register (cán bộ mới). The cadre starts ACTIVE.' })
export class CreateCadreInput {
  @Field({ description: 'Full name with diacritics, family name first.' })
  @IsPersonName('fullName')
  fullName!: string;

  @Field(() => Gender, { description: 'Gender.' })
  @IsEnum(Gender)
  gender!: Gender;

  @Field({ description: 'Date of birth, YYYY-MM-DD; not in the future, at least 18 years ago.' })
  @IsDate('dateOfBirth')
  dateOfBirth!: string;

  @Field(() => ID, { description: 'Unit the cadre works in (a unit of one of the three bodies).' })
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId!: string;

  @Field(() => ID, { description: 'Post held; a single-holder post that already has a holder in the unit is a CONFLICT.' })
  @IsUUID('all', { message: 'postId must be a UUID' })
  postId!: string;

  @Field(() => CivilServiceCategory, { description: 'Civil-service category.' })
  @IsEnum(CivilServiceCategory)
  civilServiceCategory!: CivilServiceCategory;

  @Field(() => Qualification, { description: 'Highest professional qualification.' })
  @IsEnum(Qualification)
  qualification!: Qualification;

  @Field(() => PoliticalTheory, { description: 'Political theory level.' })
  @IsEnum(PoliticalTheory)
  politicalTheory!: PoliticalTheory;

  @Field({ description: 'Party member.' })
  @IsBoolean()
  partyMember!: boolean;

  @Field({ nullable: true, description: 'Date joined the Party, YYYY-MM-DD; required for members, absent otherwise.' })
  @IsOptional()
  @IsDate('partyJoinedOn')
  partyJoinedOn?: string;

  @Field({ defaultValue: false, description: 'In the succession-planning pool.' })
  @IsBoolean()
  inPlanningPool!: boolean;

  @Field(() => ID, { nullable: true, description: 'Post the cadre is planned for; only with inPlanningPool.' })
  @IsOptional()
  @IsUUID('all', { message: 'planningPostId must be a UUID' })
  planningPostId?: string;

  @Field({ nullable: true, description: 'Telephone (contact data, hidden from VIEWER).' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @Field({ nullable: true, description: 'E-mail (contact data, hidden from VIEWER).' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string;
}

@InputType({
  description:
    'Corrections and updates to a cadre’s own data (sửa hồ sơ cán bộ). Omitted fields stay; null clears a nullable field. Unit and post change through moveCadre, ending employment through endCadreEmployment.',
})
export class UpdateCadreInput extends VersionedInput {
  @Field({ nullable: true, description: 'Full name with diacritics.' })
  @IsOptional()
  @IsPersonName('fullName')
  fullName?: string;

  @Field(() => Gender, { nullable: true, description: 'Gender.' })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender;

  @Field({ nullable: true, description: 'Date of birth, YYYY-MM-DD.' })
  @IsOptional()
  @IsDate('dateOfBirth')
  dateOfBirth?: string;

  @Field(() => CivilServiceCategory, { nullable: true, description: 'Civil-service category.' })
  @IsOptional()
  @IsEnum(CivilServiceCategory)
  civilServiceCategory?: CivilServiceCategory;

  @Field(() => Qualification, { nullable: true, description: 'Highest professional qualification.' })
  @IsOptional()
  @IsEnum(Qualification)
  qualification?: Qualification;

  @Field(() => PoliticalTheory, { nullable: true, description: 'Political theory level.' })
  @IsOptional()
  @IsEnum(PoliticalTheory)
  politicalTheory?: PoliticalTheory;

  @Field({ nullable: true, description: 'Party member.' })
  @IsOptional()
  @IsBoolean()
  partyMember?: boolean;

  @Field(() => String, { nullable: true, description: 'Date joined the Party, YYYY-MM-DD; null clears it.' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsDate('partyJoinedOn')
  partyJoinedOn?: string | null;

  @Field({ nullable: true, description: 'In the succession-planning pool; false also clears planningPostId.' })
  @IsOptional()
  @IsBoolean()
  inPlanningPool?: boolean;

  @Field(() => ID, { nullable: true, description: 'Post the cadre is planned for; null clears it.' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsUUID('all', { message: 'planningPostId must be a UUID' })
  planningPostId?: string | null;

  @Field(() => String, { nullable: true, description: 'Telephone; null clears it.' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsPhone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail; null clears it.' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => EmploymentStatus, {
    nullable: true,
    description: 'ACTIVE or ON_LEAVE only; ending employment is endCadreEmployment.',
  })
  @IsOptional()
  @IsIn([EmploymentStatus.ACTIVE, EmploymentStatus.ON_LEAVE], {
    message: 'ở đây chỉ được là ACTIVE (đang công tác) hoặc ON_LEAVE (tạm nghỉ); để thôi việc hãy dùng endCadreEmployment',
  })
  status?: EmploymentStatus;

  @Field({ nullable: true, description: 'Why the change was made; kept in the history.' })
  @IsOptional()
  @IsNote()
  note?: string;
}

@InputType({
  description:
    'Move a cadre to another unit and/or post: a transfer, a rotation or an appointment (điều động, luân chuyển, bổ nhiệm).',
})
export class MoveCadreInput extends VersionedInput {
  @Field(() => MoveKind, { description: 'Transfer, rotation or appointment; recorded as such in the history.' })
  @IsEnum(MoveKind)
  kind!: MoveKind;

  @Field(() => ID, { nullable: true, description: 'New unit; the current one when omitted.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @Field(() => ID, { nullable: true, description: 'New post; the current one when omitted.' })
  @IsOptional()
  @IsUUID('all', { message: 'postId must be a UUID' })
  postId?: string;

  @Field({ nullable: true, description: 'Decision number or reason; kept in the history.' })
  @IsOptional()
  @IsNote()
  note?: string;
}

@InputType({
  description: 'End a cadre’s employment in the ward (thôi công tác). The cadre stays in the register with its history.',
})
export class EndCadreEmploymentInput extends VersionedInput {
  @Field(() => EmploymentStatus, { description: 'ROTATED_OUT, RETIRED or DISMISSED.' })
  @IsIn(ENDED_STATUSES, { message: 'phải là ROTATED_OUT (điều động), RETIRED (nghỉ hưu) hoặc DISMISSED (cho thôi việc)' })
  status!: EmploymentStatus;

  @Field({ description: 'Last day of employment, YYYY-MM-DD; not in the future.' })
  @IsDate('endedOn')
  endedOn!: string;

  @Field({ nullable: true, description: 'Decision number or reason; kept in the history.' })
  @IsOptional()
  @IsNote()
  note?: string;
}
