import { MaxLength, MinLength } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow, Public } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Account } from '../accounts/account.entity';
import { staffActor, StaffActor } from '../accounts/accounts.types';
import { Role } from '../../common/role.enum';
import { EvidenceFile } from './evidence-file.entity';
import { ReportExtension } from './report-extension.entity';
import { ReportTimelineEntry } from './report-timeline.entity';
import { Report } from './report.entity';
import { readsUnredacted } from './report-redaction.resolver';
import {
  AssignReportInput,
  CorrectReportInput,
  ExtendReportInput,
  MarkRedactionsInput,
  PressArticleByUrlArgs,
  RecordPressReportInput,
  RecordReportInput,
  ReportsArgs,
  SubmitReportInput,
  TransitionReportInput,
} from './reports.inputs';
import type { ReportsQueryService } from './reports.query';
import { daysLeft, isOverdue, REPORT_HANDLERS, REPORT_READERS, type ReportsService } from './reports.service';
import { type PublicExtension, ReportConnection, ReportReceipt, TrackedReport } from './reports.types';
import { NO_CONTROL_CHARS_MULTILINE } from '../../common/validation';
import { localDateOf } from './legal-calendar';
import { Matches } from 'class-validator';

@ArgsType()
class ReceiptArgs {
  @Field({ description: 'The receipt code given at submission (hyphens, spaces and letter case do not matter).' })
  @MinLength(1)
  @MaxLength(64, { message: 'receiptCode must be at most 64 characters long' })
  receiptCode!: string;
}

@ArgsType()
class ReporterMessageArgs extends ReceiptArgs {
  @Field({ description: 'Information to add, or the answer to a question (up to 5,000 characters).' })
  @MinLength(2)
  @MaxLength(5000)
  @Matches(NO_CONTROL_CHARS_MULTILINE, { message: 'text must not contain control characters' })
  text!: string;
}

@ArgsType()
class AskReporterArgs {
  @Field(() => ID, { description: 'The report.' })
  @MinLength(1)
  reportId!: string;

  @Field({ description: 'The question; it appears on the reporter’s tracking page.' })
  @MinLength(5)
  @MaxLength(2000)
  question!: string;
}

@Resolver(() => Report)
export class ReportsResolver {
  constructor(
    private readonly service: ReportsService,
    private readonly queries: ReportsQueryService,
  ) {}

  @Public()
  @Mutation(() => ReportReceipt, {
    description:
      'Submit a complaint, denunciation, petition or feedback without an account. Returns a receipt code to track it. Rate-limited per client address (RATE_LIMITED).',
  })
  submitReport(@Arg('input', { description: 'The report.' }) input: SubmitReportInput, @Ctx() ctx: RequestContext) {
    return this.service.submit(ctx, input);
  }

  @Public()
  @Query(() => TrackedReport, {
    description:
      'Track a report by its receipt code. An unknown and a mistyped code both answer NOT_FOUND. Rate-limited per client address.',
  })
  trackReport(@Args() args: ReceiptArgs, @Ctx() ctx: RequestContext) {
    return this.service.track(ctx, args.receiptCode);
  }

  @Public()
  @Mutation(() => TrackedReport, {
    description: 'Add information to a report, or answer the ward’s question, through the receipt code.',
  })
  addReportMessage(@Args() args: ReporterMessageArgs, @Ctx() ctx: RequestContext) {
    return this.service.addReporterMessage(ctx, args.receiptCode, args.text);
  }

  @Allow(Role.INTAKE_STAFF, Role.INSPECTION_COMMITTEE)
  @Mutation(() => ReportReceipt, {
    description:
      'Record a report received at a reception session, by phone, mail, from the Fatherland Front, internally or from above.',
  })
  recordReport(@Arg('input', { description: 'The report.' }) input: RecordReportInput, @Ctx() ctx: RequestContext) {
    return this.service.record(ctx, input);
  }

  @Allow(Role.INTAKE_STAFF)
  @Mutation(() => Report, {
    description: 'Record a press article about the ward’s cadres or units (reply due within 30 days, Luật Báo chí Art. 39).',
  })
  recordPressReport(@Arg('input', { description: 'The article.' }) input: RecordPressReportInput, @Ctx() ctx: RequestContext) {
    return this.service.recordPress(ctx, input);
  }

  @Allow(...REPORT_HANDLERS)
  @Mutation(() => Report, {
    description:
      'Move a report to another stage. An illegal move is BAD_USER_INPUT naming the allowed ones; a stale version is CONFLICT.',
  })
  transitionReport(@Arg('input', { description: 'The move.' }) input: TransitionReportInput, @Ctx() ctx: RequestContext) {
    return this.service.transition(ctx, input);
  }

  @Allow(...REPORT_HANDLERS)
  @Mutation(() => Report, { description: 'Assign the committee member who handles a report.' })
  assignReport(@Arg('input', { description: 'The assignment.' }) input: AssignReportInput, @Ctx() ctx: RequestContext) {
    return this.service.assign(ctx, input);
  }

  @Allow(...REPORT_HANDLERS)
  @Mutation(() => Report, { description: 'Extend the resolution deadline by a decision, within what the rule allows.' })
  extendReportDeadline(@Arg('input', { description: 'The extension.' }) input: ExtendReportInput, @Ctx() ctx: RequestContext) {
    return this.service.extend(ctx, input);
  }

  @Allow(...REPORT_HANDLERS)
  @Mutation(() => Report, {
    description: 'Ask the reporter a question; it appears on their tracking page (no email or SMS is sent).',
  })
  askReporter(@Args() args: AskReporterArgs, @Ctx() ctx: RequestContext) {
    return this.service.askReporter(ctx, args.reportId, args.question);
  }

  @Allow(Role.INTAKE_STAFF, Role.INSPECTION_COMMITTEE)
  @Mutation(() => Report, {
    description:
      'Correct a report’s kind, field, concerned cadres and units, complexity or remote-area status after intake, with a reason: one CORRECTED timeline entry per changed attribute, the due date recomputed. A cadre linked here stops seeing the report at once. Unknown cadre or unit ids and a correction that changes nothing are BAD_USER_INPUT (reasons UNKNOWN_CADRE, UNKNOWN_UNIT, NOTHING_TO_CORRECT); a closed or merged report is CONFLICT (REPORT_FINISHED); linking one’s own cadre is FORBIDDEN (RECUSED).',
  })
  correctReport(@Arg('input', { description: 'The correction.' }) input: CorrectReportInput, @Ctx() ctx: RequestContext) {
    return this.service.correct(ctx, input);
  }

  @Allow(...REPORT_HANDLERS)
  @Mutation(() => Report, { description: 'Mark passages of the content to hide from verifiers.' })
  markReportRedactions(@Arg('input', { description: 'The passages.' }) input: MarkRedactionsInput, @Ctx() ctx: RequestContext) {
    return this.service.markRedactions(ctx, input);
  }

  @Allow(...REPORT_READERS)
  @Query(() => ReportConnection, {
    description:
      'Reports the caller may read, with filters: newest first, or most urgent first for deadline lists (overdue: true, dueWithinDays).',
  })
  reports(@Args() args: ReportsArgs, @Ctx() ctx: RequestContext) {
    return this.queries.list(ctx, args);
  }

  @Allow(Role.INTAKE_STAFF, Role.INSPECTION_COMMITTEE)
  @Query(() => Report, {
    nullable: true,
    description:
      'The report already recorded for a press article, whatever variant of its address was copied (the check recordPressReport makes, asked before saving); null when there is none or the caller may not read it.',
  })
  pressArticleByUrl(@Args() args: PressArticleByUrlArgs, @Ctx() ctx: RequestContext) {
    return this.service.findPressArticle(ctx, args.url);
  }

  @Allow(...REPORT_HANDLERS)
  @Query(() => [Account], {
    description: 'The accounts a report may be assigned to: active Inspection Committee members, by name.',
  })
  reportHandlers(@Ctx() ctx: RequestContext) {
    return this.service.handlers(ctx);
  }

  @Allow(...REPORT_READERS)
  @Query(() => Report, { description: 'One report, or NOT_FOUND when it does not exist or the caller may not read it.' })
  report(@Arg('id', () => ID, { description: 'Report id.' }) id: string, @Ctx() ctx: RequestContext) {
    return this.service.findReadable(ctx, id);
  }

  @FieldResolver(() => String, {
    description: 'The content. The handling committee member sees it whole; everyone else the redacted copy.',
  })
  content(@Root() report: Report, @Ctx() ctx: RequestContext): string {
    return readsUnredacted(ctx, report) ? report.content : report.contentRedacted;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Whole days until the due date (negative when overdue); null when nothing is due.',
  })
  daysLeft(@Root() report: Report): number | null {
    return report.dueAt ? daysLeft(report.dueAt) : null;
  }

  @FieldResolver(() => Boolean, { description: 'The current stage is past its legal due date.' })
  overdue(@Root() report: Report): boolean {
    return isOverdue(report);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The committee member handling it.' })
  handler(@Root() report: Report, @Ctx() ctx: RequestContext) {
    return report.handlerId ? ctx.loaders.accountById.load(report.handlerId) : null;
  }

  @FieldResolver(() => [ReportTimelineEntry], { description: 'Everything that happened, oldest first (append-only).' })
  timeline(@Root() report: Report, @Ctx() ctx: RequestContext) {
    return ctx.loaders.timelineByReport.load(report.id);
  }

  @FieldResolver(() => [ReportExtension], { description: 'Extensions of the resolution deadline.' })
  extensions(@Root() report: Report, @Ctx() ctx: RequestContext) {
    return ctx.loaders.extensionsByReport.load(report.id);
  }

  @FieldResolver(() => [EvidenceFile], { description: 'Evidence files.' })
  attachments(@Root() report: Report, @Ctx() ctx: RequestContext) {
    return ctx.loaders.evidenceByReport.load(report.id);
  }

  @FieldResolver(() => [ID], { description: 'Ids of the cadres the report concerns.' })
  concernedCadreIds(@Root() report: Report, @Ctx() ctx: RequestContext) {
    return ctx.loaders.subjectsByReport.load(report.id).then((s) => s.flatMap((x) => (x.cadreId ? [x.cadreId] : [])));
  }

  @FieldResolver(() => [ID], { description: 'Ids of the units the report concerns.' })
  concernedUnitIds(@Root() report: Report, @Ctx() ctx: RequestContext) {
    return ctx.loaders.subjectsByReport.load(report.id).then((s) => s.flatMap((x) => (x.unitId ? [x.unitId] : [])));
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The report this one was merged into, as a duplicate.' })
  mergedIntoId(@Root() report: Report): string | null {
    return report.mergedIntoId;
  }

  @FieldResolver(() => [Report], {
    description:
      'The reports merged into this one as duplicates (gộp đơn), oldest first: their reporters receive this report’s reply through their own receipts, and an unanswered press report’s reply deadline is this report’s (`mergedPressDueAt`). Only those the caller may read (recusal).',
  })
  async mergedReports(@Root() report: Report, @Ctx() ctx: RequestContext): Promise<Report[]> {
    const merged = await ctx.loaders.mergedByTarget.load(report.id);
    const readable = await Promise.all(merged.map((m) => this.service.canRead(ctx, m)));
    return merged.filter((_, i) => readable[i]);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'TRANSFERRED: the report was forwarded after `forwardingDueAt` (5 working days from receipt, Luật Tố cáo Art. 24(2)); null when no forwarding rule applies or it was not forwarded.',
  })
  forwardedLate(@Root() report: Report): boolean | null {
    if (!report.forwardedOn || !report.forwardingDueAt) return null;
    return report.forwardedOn > localDateOf(report.forwardingDueAt);
  }
}

@Resolver(() => ReportTimelineEntry)
export class ReportTimelineEntryResolver {
  @FieldResolver(() => StaffActor, {
    nullable: true,
    description:
      'The staff account that made the entry, for staff who may read the report; null for the reporter, the system, and entries made before accounts were recorded.',
  })
  actedBy(@Root() entry: ReportTimelineEntry, @Ctx() ctx: RequestContext): Promise<StaffActor | null> {
    return staffActor(ctx, entry.actorAccountId);
  }
}

@Resolver(() => ReportExtension)
export class ReportExtensionResolver {
  @FieldResolver(() => String, {
    description:
      'The day the decision was signed (YYYY-MM-DD, Vietnam): not in the future, not before acceptance or the previous extension, not after the deadline it extends.',
  })
  decidedOn(@Root() extension: Pick<ReportExtension, 'decidedOn' | 'decidedAt'>): string {
    return extension.decidedOn ?? localDateOf(extension.decidedAt);
  }

  @FieldResolver(() => StaffActor, {
    nullable: true,
    description: 'The staff account that recorded the decision; null on the reporter’s tracking page (trackReport).',
  })
  decidedBy(@Root() extension: Pick<ReportExtension, 'decidedBy'> | PublicExtension, @Ctx() ctx: RequestContext) {
    return staffActor(ctx, 'decidedBy' in extension ? extension.decidedBy : null);
  }
}
