import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/page-info';
import { ReportExtension } from './report-extension.entity';
import { ReportKind, ReportStatus } from './report.enums';
import { Report } from './report.entity';

@ObjectType({
  description: 'The answer to a public submission: keep the receipt code to track the report (giấy biên nhận, mã tra cứu).',
})
export class ReportReceipt {
  @Field({
    description:
      'Receipt code (mã tiếp nhận), e.g. M6SC-7N75-YR3H-GA9T-J: 80 random bits and a check character that catches a mistyped character. It is shown once; the ward stores only a keyed hash of it.',
  })
  receiptCode!: string;

  @Field(() => ReportStatus, { description: 'Stage right after receipt.' })
  status!: ReportStatus;

  @Field({ description: 'When it was received.' })
  receivedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the ward must have decided whether to accept it.' })
  dueAt!: Date | null;

  @Field({
    description: 'An anonymous denunciation is kept as information, not handled as a denunciation (Luật Tố cáo Art. 25).',
  })
  treatedAsInformation!: boolean;
}

@ObjectType({
  description:
    'A message between the handler and the reporter, shown on the tracking page (trao đổi giữa người xử lý và người gửi đơn).',
})
export class TrackedMessage {
  @Field({ description: 'When it was written.' })
  at!: Date;

  @Field({ description: 'true: the reporter wrote it; false: the ward asked it.' })
  fromReporter!: boolean;

  @Field({ description: 'The text.' })
  text!: string;
}

/** An extension as the reporter sees it: without the account that recorded it. */
export type PublicExtension = Omit<ReportExtension, 'decidedBy' | 'report'>;

@ObjectType({
  description:
    'What a reporter may see of their report through the receipt code: never internal notes, handlers or other reports (tra cứu đơn bằng mã tra cứu).',
})
export class TrackedReport {
  @Field(() => ReportKind, { description: 'Kind of report.' })
  kind!: ReportKind;

  @Field(() => ReportStatus, { description: 'Current stage.' })
  status!: ReportStatus;

  @Field({ description: 'When it was received.' })
  receivedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the current stage is due.' })
  dueAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Whole days left until the due date (negative when overdue).' })
  daysLeft!: number | null;

  @Field({ description: 'The current stage is past its due date.' })
  overdue!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Ngày thụ lý: the day the ward accepted the report for handling (YYYY-MM-DD).',
  })
  acceptedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the report was not accepted (status NOT_ACCEPTED, then CLOSED): the law requires the reporter be told.',
  })
  notAcceptedReason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The competent body the report was forwarded to (status TRANSFERRED), as the reporter must be told.',
  })
  transferredTo!: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày chuyển đơn: the day it was forwarded (YYYY-MM-DD).' })
  forwardedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày kết luận: the day of the conclusion (YYYY-MM-DD).' })
  concludedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày trả lời: the day of the reply (YYYY-MM-DD).' })
  repliedOn!: string | null;

  @Field({
    description:
      'The report is handled together with another report of the same content (status MERGED): the reporter receives that report’s reply here. Which report, and who sent it, is never shown.',
  })
  handledTogether!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'A group complaint: how many people filed it (the representative, who tracks it here, included).',
  })
  groupSize!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The ward’s reply, once closed (for a report handled together with another, the reply of that report).',
  })
  publicReply!: string | null;

  @Field({ description: 'Kept as information only (anonymous denunciation).' })
  treatedAsInformation!: boolean;

  @Field(() => [ReportExtension], { description: 'Extensions of the deadline, with their reasons.' })
  extensions!: PublicExtension[];

  @Field(() => [TrackedMessage], { description: 'Questions from the ward and the reporter’s answers, oldest first.' })
  messages!: TrackedMessage[];
}

@ObjectType({ description: 'One report in a page of results (một đơn thư trong danh sách).' })
export class ReportEdge {
  @Field({ description: 'Opaque cursor of this report: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => Report, { description: 'The report.' })
  node!: Report;
}

@ObjectType({ description: 'A page of reports (danh sách đơn thư), newest first (Relay connection).' })
export class ReportConnection {
  @Field(() => [ReportEdge], { description: 'The reports of this page.' })
  edges!: ReportEdge[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;

  /** Runs the count only when a client asks for it. */
  countTotal!: () => Promise<number>;

  @Field(() => Int, { description: 'Reports matching the filter in all pages.' })
  totalCount(): Promise<number> {
    return this.countTotal();
  }
}
