import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/page-args';
import { VersionedInput } from '../../graphql/versioned.input';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_MULTILINE } from '../../common/validation';
import { VN_ID_NUMBER, VN_PHONE } from './reports.validation';
import { IsDay } from '../../common/validators';
import {
  ReportChannel,
  ReportComplexity,
  ReportField,
  ReportKind,
  ReportOutcome,
  ReportSource,
  ReportStatus,
} from './report.enums';

export const MAX_CONTENT = 20_000;

@InputType({
  description:
    'Who the reporter is (thông tin người gửi đơn). Stored encrypted; only the committee member handling the report can read it, and every read is logged.',
})
export class ReporterIdentityInput {
  @Field(() => String, { nullable: true, description: 'Full name.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARS, { message: 'fullName must not contain control characters' })
  fullName?: string;

  @Field(() => String, { nullable: true, description: 'Citizen identity card number (CCCD, 12 digits; or CMND, 9).' })
  @IsOptional()
  @Matches(VN_ID_NUMBER, { message: 'phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND)' })
  idNumber?: string;

  @Field(() => String, { nullable: true, description: 'Phone number (+84… or 0…).' })
  @IsOptional()
  @Matches(VN_PHONE, { message: 'phải là số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc +84 912 345 678' })
  phone?: string;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  @IsOptional()
  @MaxLength(500)
  @Matches(NO_CONTROL_CHARS, { message: 'address must not contain control characters' })
  address?: string;

  @Field({
    defaultValue: false,
    description: 'Send progress by email or SMS. Off by default: a message can expose the reporter.',
  })
  @IsBoolean()
  wantsNotifications!: boolean;
}

@InputType({
  description:
    'A member of a group complaint other than the representative (người cùng khiếu nại, tố cáo trong đơn nhiều người); sealed like the reporter’s identity.',
})
export class GroupMemberInput {
  @Field({ description: 'Full name.' })
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARS, { message: 'fullName must not contain control characters' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'Citizen identity card number (12 digits; or 9).' })
  @IsOptional()
  @Matches(VN_ID_NUMBER, { message: 'phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND)' })
  idNumber?: string;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  @IsOptional()
  @Matches(VN_PHONE, { message: 'phải là số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc +84 912 345 678' })
  phone?: string;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  @IsOptional()
  @MaxLength(500)
  @Matches(NO_CONTROL_CHARS, { message: 'address must not contain control characters' })
  address?: string;
}

@InputType({
  description:
    'Khiếu nại đông người: several people file one report through a representative, who is the `reporter` (required: GROUP_WITHOUT_REPRESENTATIVE), tracks it with the receipt and receives the reply.',
})
export class ReportGroupInput {
  @Field(() => [GroupMemberInput], { description: 'The other members, 1 to 100.' })
  @ArrayMinSize(1, { message: 'đơn tập thể phải có ít nhất một thành viên ngoài người đại diện' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => GroupMemberInput)
  members!: GroupMemberInput[];
}

@InputType({ description: 'Who or what a report concerns (đối tượng bị khiếu nại, tố cáo, phản ánh).' })
export class ReportSubjectsInput {
  @Field(() => [ID], { defaultValue: [], description: 'Cadres the report concerns.' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each cadre id must be a UUID' })
  cadreIds!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Units the report concerns.' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each unit id must be a UUID' })
  unitIds!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Free text when the reporter does not know the name (e.g. "cán bộ địa chính phường").',
  })
  @IsOptional()
  @MaxLength(2000)
  @Matches(NO_CONTROL_CHARS_MULTILINE, { message: 'text must not contain control characters' })
  text?: string;
}

@InputType({ description: 'A report submitted by the public, without an account (gửi đơn trực tuyến).' })
export class SubmitReportInput {
  @Field(() => ReportKind, { description: 'Complaint, denunciation, petition or feedback.' })
  @IsEnum(ReportKind)
  kind!: ReportKind;

  @Field(() => ReportField, { description: 'Area it is about.' })
  @IsEnum(ReportField)
  field!: ReportField;

  @Field({ description: 'Short title, up to 300 characters.' })
  @MinLength(3, { message: 'title must be at least 3 characters long' })
  @MaxLength(300)
  @Matches(NO_CONTROL_CHARS, { message: 'title must not contain control characters' })
  title!: string;

  @Field({ description: `What happened, up to ${MAX_CONTENT} characters.` })
  @MinLength(10, { message: 'content must be at least 10 characters long' })
  @MaxLength(MAX_CONTENT, { message: `content must be at most ${MAX_CONTENT} characters long` })
  @Matches(NO_CONTROL_CHARS_MULTILINE, { message: 'content must not contain control characters' })
  content!: string;

  @Field(() => ReportSubjectsInput, { nullable: true, description: 'Who or what it concerns.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportSubjectsInput)
  concerns?: ReportSubjectsInput;

  @Field(() => ReporterIdentityInput, {
    nullable: true,
    description:
      'The reporter. Leave out for anonymous feedback; an anonymous denunciation is kept as information only (Luật Tố cáo Art. 25).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReporterIdentityInput)
  reporter?: ReporterIdentityInput;

  @Field(() => ReportGroupInput, {
    nullable: true,
    description:
      'A group complaint (complaints, petitions and feedback: GROUP_NOT_FOR_KIND otherwise): the other members; the `reporter` is their representative.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportGroupInput)
  group?: ReportGroupInput;

  @Field(() => String, {
    nullable: true,
    description:
      'Idempotency key chosen by the client (8-100 characters): a retry with the same key and content returns the same receipt; the same key with other content is a CONFLICT.',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{8,100}$/, {
    message: 'phải dài 8 đến 100 ký tự, gồm chữ cái, chữ số, dấu chấm, dấu hai chấm, gạch dưới hoặc gạch ngang',
  })
  idempotencyKey?: string;
}

@InputType({
  description:
    'A report recorded by staff: from a reception session, phone, mail, the Fatherland Front, inside the ward or from above (vào sổ đơn thư do cán bộ tiếp nhận).',
})
export class RecordReportInput extends SubmitReportInput {
  @Field(() => ReportSource, { description: 'Who brought it.' })
  @IsEnum(ReportSource)
  source!: ReportSource;

  @Field(() => ReportChannel, { description: 'How it arrived.' })
  @IsEnum(ReportChannel)
  channel!: ReportChannel;
}

@InputType({ description: 'A press article about cadres or units of the ward (ghi nhận tin bài báo chí phản ánh).' })
export class RecordPressReportInput {
  @Field({ description: 'Press outlet (tên báo), e.g. "Báo Kiên Giang".' })
  @MinLength(2)
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARS, { message: 'outlet must not contain control characters' })
  outlet!: string;

  @Field({ description: 'Title of the article.' })
  @MinLength(3)
  @MaxLength(500)
  @Matches(NO_CONTROL_CHARS, { message: 'articleTitle must not contain control characters' })
  articleTitle!: string;

  @Field({ description: 'URL of the article (http or https); the same URL twice is a CONFLICT.' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'phải là một địa chỉ http(s)' })
  @MaxLength(2000)
  url!: string;

  @Field({ description: 'Publication date (YYYY-MM-DD), not in the future.' })
  @IsDateString({ strict: true }, { message: 'must be a date written YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' })
  publishedOn!: string;

  @Field(() => String, { nullable: true, description: 'Author, when known.' })
  @IsOptional()
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARS, { message: 'author must not contain control characters' })
  author?: string;

  @Field({ description: 'Excerpt of what the article says.' })
  @MinLength(10, { message: 'excerpt must be at least 10 characters long' })
  @MaxLength(MAX_CONTENT)
  @Matches(NO_CONTROL_CHARS_MULTILINE, { message: 'excerpt must not contain control characters' })
  excerpt!: string;

  @Field(() => ReportKind, {
    defaultValue: ReportKind.FEEDBACK,
    description:
      'What the article amounts to (usually feedback; a denunciation passed on by the press is handled under Luật Tố cáo Art. 26).',
  })
  @IsEnum(ReportKind)
  kind!: ReportKind;

  @Field(() => ReportField, { description: 'Area it is about.' })
  @IsEnum(ReportField)
  field!: ReportField;

  @Field(() => ReportSubjectsInput, { nullable: true, description: 'Who or what it concerns.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportSubjectsInput)
  concerns?: ReportSubjectsInput;
}

@InputType({ description: 'Move a report to another handling stage (chuyển bước giải quyết đơn).' })
export class TransitionReportInput extends VersionedInput {
  @Field(() => ReportStatus, { description: 'The stage to move to.' })
  @IsEnum(ReportStatus)
  to!: ReportStatus;

  @Field(() => String, { nullable: true, description: 'Internal note for the timeline.' })
  @IsOptional()
  @MaxLength(5000)
  note?: string;

  @Field(() => ReportComplexity, {
    nullable: true,
    description:
      'ACCEPTED or UNDER_VERIFICATION: how complex the case was found to be (at acceptance or during verification); the deadline and its extensions follow. COMPLEX or ESPECIALLY_COMPLEX needs `complexityReason`. Given for another move: BAD_USER_INPUT, reason FIELD_NOT_APPLICABLE.',
  })
  @IsOptional()
  @IsEnum(ReportComplexity)
  complexity?: ReportComplexity;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the case is complex (5 to 2,000 characters); kept in the timeline. Required with COMPLEX or ESPECIALLY_COMPLEX.',
  })
  @IsOptional()
  @MinLength(5, { message: 'complexityReason must be at least 5 characters long' })
  @MaxLength(2000)
  @Matches(NO_CONTROL_CHARS_MULTILINE, { message: 'complexityReason must not contain control characters' })
  complexityReason?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'ACCEPTED or UNDER_VERIFICATION: the reporter lives in a remote or hard-to-reach area (vùng sâu, vùng xa), so the longer periods apply (Luật Khiếu nại Art. 28). Only for kinds whose rule has remote periods (REMOTE_AREA_NOT_APPLICABLE).',
  })
  @IsOptional()
  @IsBoolean()
  remoteArea?: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'The day of the decision or act the move records (YYYY-MM-DD, Vietnam; default today): ACCEPTED the acceptance decision, TRANSFERRED the forwarding, CONCLUDED the conclusion, CLOSED the reply. Not in the future (DATE_IN_FUTURE), not before what it follows (DATE_BEFORE_PREDECESSOR).',
  })
  @IsOptional()
  @IsDay('decidedOn')
  decidedOn?: string;

  @Field(() => String, { nullable: true, description: 'NOT_ACCEPTED: the reason (required).' })
  @IsOptional()
  @MinLength(5)
  @MaxLength(5000)
  reason?: string;

  @Field(() => String, { nullable: true, description: 'TRANSFERRED: the competent body (required).' })
  @IsOptional()
  @MinLength(3)
  @MaxLength(500)
  transferredTo?: string;

  @Field(() => ReportOutcome, { nullable: true, description: 'CONCLUDED: the outcome (required).' })
  @IsOptional()
  @IsEnum(ReportOutcome)
  outcome?: ReportOutcome;

  @Field(() => String, { nullable: true, description: 'CONCLUDED: the conclusion text (required).' })
  @IsOptional()
  @MinLength(5)
  @MaxLength(MAX_CONTENT)
  conclusion?: string;

  @Field(() => String, {
    nullable: true,
    description: 'CLOSED: the reply to the reporter (required); shown on the tracking page.',
  })
  @IsOptional()
  @MinLength(5)
  @MaxLength(MAX_CONTENT)
  publicReply?: string;

  @Field(() => ID, { nullable: true, description: 'MERGED: the report this one duplicates (required).' })
  @IsOptional()
  @IsUUID('all', { message: 'mergeInto must be a UUID' })
  mergeInto?: string;
}

@InputType({ description: 'Extend the resolution deadline by a written decision (gia hạn giải quyết).' })
export class ExtendReportInput extends VersionedInput {
  @Field(() => Int, { description: 'Days to add (within what the rule allows).' })
  @IsInt()
  @Min(1)
  @Max(60)
  days!: number;

  @Field({ description: 'Reason, shown to the reporter.' })
  @MinLength(5)
  @MaxLength(2000)
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Number of the written decision.' })
  @IsOptional()
  @MaxLength(100)
  decisionNumber?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The day the decision was signed (YYYY-MM-DD, Vietnam; default today): not in the future, not before acceptance or the previous extension, not after the deadline it extends.',
  })
  @IsOptional()
  @IsDay('decidedOn')
  decidedOn?: string;
}

@InputType({ description: 'Assign a handler from the Inspection Committee (phân công người xử lý đơn).' })
export class AssignReportInput extends VersionedInput {
  @Field(() => ID, { description: 'Account of the handler (an INSPECTION_COMMITTEE member).' })
  @IsUUID('all', { message: 'handlerId must be a UUID' })
  handlerId!: string;
}

@InputType({ description: 'A passage of the content to hide from verifiers (đoạn cần che), as character offsets [start, end).' })
export class RedactionInput {
  @Field(() => Int, { description: 'First character hidden (0-based).' })
  @IsInt()
  @Min(0)
  start!: number;

  @Field(() => Int, { description: 'First character after the hidden passage.' })
  @IsInt()
  @Min(1)
  end!: number;
}

@InputType({ description: 'Mark passages of a report’s content for redaction (đánh dấu đoạn cần che).' })
export class MarkRedactionsInput extends VersionedInput {
  @Field(() => [RedactionInput], { description: 'Passages to hide (added to those already marked).' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RedactionInput)
  ranges!: RedactionInput[];
}

@InputType({ description: 'Filters for the staff report list; all optional, combined with AND (lọc danh sách đơn thư).' })
export class ReportFilter {
  @Field(() => [ReportKind], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  @IsEnum(ReportKind, { each: true })
  kinds?: ReportKind[];

  @Field(() => [ReportSource], { nullable: true, description: 'Any of these sources.' })
  @IsOptional()
  @IsEnum(ReportSource, { each: true })
  sources?: ReportSource[];

  @Field(() => [ReportStatus], { nullable: true, description: 'Any of these stages.' })
  @IsOptional()
  @IsEnum(ReportStatus, { each: true })
  statuses?: ReportStatus[];

  @Field(() => [ReportField], { nullable: true, description: 'Any of these areas.' })
  @IsOptional()
  @IsEnum(ReportField, { each: true })
  fields?: ReportField[];

  @Field(() => ID, { nullable: true, description: 'Concerning this unit or a unit below it.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @Field(() => ID, { nullable: true, description: 'Concerning this cadre.' })
  @IsOptional()
  @IsUUID('all', { message: 'cadreId must be a UUID' })
  cadreId?: string;

  @Field(() => ID, { nullable: true, description: 'Assigned to this handler.' })
  @IsOptional()
  @IsUUID('all', { message: 'handlerId must be a UUID' })
  handlerId?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: open reports past their due date; false: the others.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field(() => Int, { nullable: true, description: 'Open reports due within this many days (not yet overdue).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  dueWithinDays?: number;

  @Field(() => Date, { nullable: true, description: 'Received at or after this time.' })
  @IsOptional()
  receivedFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Received before this time.' })
  @IsOptional()
  receivedTo?: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Accent-insensitive text search in title and content (up to 200 characters).',
  })
  @IsOptional()
  @MinLength(2)
  @MaxLength(200, { message: 'search must be at most 200 characters long' })
  @Matches(NO_CONTROL_CHARS, { message: 'search must not contain control characters' })
  search?: string;
}

@ArgsType()
export class ReportsArgs extends PageArgs {
  @Field(() => ReportFilter, { nullable: true, description: 'Filters.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportFilter)
  filter?: ReportFilter;
}

@ArgsType()
export class PressArticleByUrlArgs {
  @Field({
    description:
      'The article’s address as copied (http or https); compared in its canonical form, so `www.`, `m.`, AMP variants and tracking parameters do not matter.',
  })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'phải là một địa chỉ http(s)' })
  @MaxLength(2000)
  url!: string;
}

@InputType({
  description:
    'Correct an extension decision (quyết định gia hạn) already recorded: its signing day and/or its number. Only by the account that recorded it or the Inspection Committee chair (NOT_RECORDER_OR_CHAIR).',
})
export class ExtensionCorrectionInput {
  @Field(() => ID, { description: 'The extension (`Report.extensions { id }`).' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'id must be the id of one of the report’s extensions' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The day the decision was signed (YYYY-MM-DD): not in the future (DATE_IN_FUTURE), not before the acceptance or the previous extension, not after the next one (DATE_BEFORE_PREDECESSOR), not after the deadline it extended (EXTENSION_AFTER_DEADLINE). The deadline is recomputed (a DUE_AT entry says so when it moves).',
  })
  @IsOptional()
  @IsDay('decidedOn')
  decidedOn?: string;

  @Field(() => String, { nullable: true, description: 'The decision’s number (số quyết định), as it should have been recorded.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARS, { message: 'decisionNumber must not contain control characters' })
  decisionNumber?: string;
}

@InputType({
  description:
    'Correct what intake recorded about a report (sửa thông tin tiếp nhận đơn). Give only what changes; each changed attribute becomes a CORRECTED timeline entry with the reason.',
})
export class CorrectReportInput extends VersionedInput {
  @Field({ description: 'Why (5 to 2,000 characters); kept on every timeline entry of the correction.' })
  @MinLength(5, { message: 'reason must be at least 5 characters long' })
  @MaxLength(2000)
  @Matches(NO_CONTROL_CHARS_MULTILINE, { message: 'reason must not contain control characters' })
  reason!: string;

  @Field(() => ReportKind, {
    nullable: true,
    description: 'The kind. The resolution deadline follows; an anonymous report becoming a denunciation is kept as information.',
  })
  @IsOptional()
  @IsEnum(ReportKind)
  kind?: ReportKind;

  @Field(() => ReportField, { nullable: true, description: 'The area it is about.' })
  @IsOptional()
  @IsEnum(ReportField)
  field?: ReportField;

  @Field(() => [ID], {
    nullable: true,
    description:
      'The complete new list of cadres it concerns (it replaces the list): add a cadre to link a name the reporter gave in free text. A cadre linked here stops seeing the report at once, everywhere.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each cadre id must be a UUID' })
  concernedCadreIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'The complete new list of units it concerns (it replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each unit id must be a UUID' })
  concernedUnitIds?: string[];

  @Field(() => ReportComplexity, { nullable: true, description: 'Complexity; the resolution deadline follows.' })
  @IsOptional()
  @IsEnum(ReportComplexity)
  complexity?: ReportComplexity;

  @Field(() => Boolean, { nullable: true, description: 'Remote-area rules apply; the deadline follows.' })
  @IsOptional()
  @IsBoolean()
  remoteArea?: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'The acceptance decision’s day (ngày thụ lý, YYYY-MM-DD) as it should have been recorded; the resolution deadline is recomputed (a DUE_AT entry says so). Only by the account that recorded it or the Inspection Committee chair (NOT_RECORDER_OR_CHAIR).',
  })
  @IsOptional()
  @IsDay('acceptedOn')
  acceptedOn?: string;

  @Field(() => String, { nullable: true, description: 'The forwarding day (ngày chuyển đơn, YYYY-MM-DD); same rules.' })
  @IsOptional()
  @IsDay('forwardedOn')
  forwardedOn?: string;

  @Field(() => String, { nullable: true, description: 'The conclusion’s day (ngày kết luận, YYYY-MM-DD); same rules.' })
  @IsOptional()
  @IsDay('concludedOn')
  concludedOn?: string;

  @Field(() => String, { nullable: true, description: 'The reply’s day (ngày trả lời, YYYY-MM-DD); same rules.' })
  @IsOptional()
  @IsDay('repliedOn')
  repliedOn?: string;

  @Field(() => ExtensionCorrectionInput, {
    nullable: true,
    description:
      'An extension decision’s day or number recorded wrongly (đính chính quyết định gia hạn): each changed value becomes a CORRECTED entry (EXTENSION_DECIDED_ON, EXTENSION_DECISION_NUMBER) keeping the old value; the deadline is recomputed. Allowed on a closed report too, like the other recorded days.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtensionCorrectionInput)
  extension?: ExtensionCorrectionInput;
}
