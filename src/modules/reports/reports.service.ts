import { createHash, randomUUID } from 'node:crypto';
import { type EntityManager, In, IsNull } from 'typeorm';
import { AppError, badInput, conflict, ErrorCode, forbidden, notFound, withReason } from '../../common/errors';
import { assertNotBefore, assertNotInFuture, dayInVietnam } from '../../common/date-rules';
import { assertVersion } from '../../db/optimistic-lock';
import type { RateLimiter } from '../../db/rate-limiter';
import { BoardEventType } from '../board/board-event.types';
import { recordEvent } from '../../events/event-writer';
import type { RequestContext } from '../../graphql/context';
import { databaseActor } from '../../graphql/request-context';
import { withDatabaseContext } from '../../db/database-roles';
import { Account } from '../accounts/account.entity';
import { Role } from '../../common/role.enum';
import { EvidenceFile } from './evidence-file.entity';
import { withNewestCopies } from './reports.loaders';
import { calendarDaysBetween, localDateOf } from './legal-calendar';
import { todayInVietnam } from '../../common/validation';
import { endGrantsOnReassignment } from './identity-grants';
import { dataKeyOf, openGroupMembers, openIdentity, type GroupMemberValues } from './identity-values';
import { redactedCopy, redactedFields, redactPeople, type IdentityForRedaction } from './redaction';
import { ReportExtension } from './report-extension.entity';
import { ReportSubject } from './report-subject.entity';
import { assertNotOwnCadre, isInvolved, RecusableType, recused } from '../recusal/recusal.policy';
import {
  CorrectedAttribute,
  ReportTimelineEntry,
  TimelineActor,
  type TimelineCorrection,
  TimelineEntryType,
} from './report-timeline.entity';
import {
  assertTransition,
  COMPLEXITY_STATUSES,
  kindsCompatible,
  MERGE_TARGET_STATUSES,
  OPEN_STATUSES,
  TRANSITION_FIELDS,
} from './report-workflow';
import { Report } from './report.entity';
import { ReportChannel, ReportComplexity, ReportKind, ReportSource, ReportStatus } from './report.enums';
import { IDENTITY_COLUMNS, ReporterIdentity } from './reporter-identity.entity';
import type {
  AssignReportInput,
  CorrectReportInput,
  ExtendReportInput,
  MarkRedactionsInput,
  RecordPressReportInput,
  RecordReportInput,
  ReporterIdentityInput,
  ReportSubjectsInput,
  SubmitReportInput,
  TransitionReportInput,
} from './reports.inputs';
import type { DeadlinePolicy, ReportSecrets } from './reports.ports';
import { canonicalArticleUrl } from './article-url';
import type { ReportReceipt, TrackedReport } from './reports.types';

export interface ReportLimits {
  submitPerHour: number;
  trackPerHour: number;
}

/** Roles that read the report register (a UNIT_HEAD only about its units, never denunciations of itself). */
export const REPORT_READERS = [Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE, Role.INTAKE_STAFF, Role.UNIT_HEAD];
/** Roles that handle reports: classify, accept, verify, conclude, close. */
export const REPORT_HANDLERS = [Role.INSPECTION_COMMITTEE];

const ACCEPTANCE_STAGE: readonly ReportStatus[] = [ReportStatus.RECEIVED, ReportStatus.CLASSIFIED];
/** The CORRECTED attributes of an extension decision: their note names which extension. */
const EXTENSION_ATTRIBUTES: readonly CorrectedAttribute[] = [
  CorrectedAttribute.EXTENSION_DECIDED_ON,
  CorrectedAttribute.EXTENSION_DECISION_NUMBER,
];
/** Moves after which a report carries no press reply deadline of reports merged into it. */
const PRESS_DUTY_ENDS: readonly ReportStatus[] = [
  ReportStatus.CLOSED,
  ReportStatus.MERGED,
  ReportStatus.NOT_ACCEPTED,
  ReportStatus.TRANSFERRED,
];
/** Stages from which a report can be (or stay) kept as information when it turns out an anonymous denunciation. */
const INFORMATION_CAPABLE: readonly ReportStatus[] = [...ACCEPTANCE_STAGE, ReportStatus.INFORMATION];

/** The recorded days of a report that correctReport can correct, the move that records each, and what it is called. */
interface ReportDate {
  input: 'acceptedOn' | 'forwardedOn' | 'concludedOn' | 'repliedOn';
  column: 'acceptedOn' | 'forwardedOn' | 'concludedOn' | 'repliedOn';
  attribute: CorrectedAttribute;
  status: ReportStatus;
  label: string;
}
const REPORT_DATES: readonly ReportDate[] = [
  {
    input: 'acceptedOn',
    column: 'acceptedOn',
    attribute: CorrectedAttribute.ACCEPTED_ON,
    status: ReportStatus.ACCEPTED,
    label: 'ngày thụ lý',
  },
  {
    input: 'forwardedOn',
    column: 'forwardedOn',
    attribute: CorrectedAttribute.FORWARDED_ON,
    status: ReportStatus.TRANSFERRED,
    label: 'ngày chuyển đơn',
  },
  {
    input: 'concludedOn',
    column: 'concludedOn',
    attribute: CorrectedAttribute.CONCLUDED_ON,
    status: ReportStatus.CONCLUDED,
    label: 'ngày kết luận',
  },
  {
    input: 'repliedOn',
    column: 'repliedOn',
    attribute: CorrectedAttribute.REPLIED_ON,
    status: ReportStatus.CLOSED,
    label: 'ngày trả lời',
  },
];

/** Intake, public tracking and handling of reports, with their legal deadlines. */
export class ReportsService {
  constructor(
    private readonly deadlines: DeadlinePolicy,
    private readonly secrets: ReportSecrets,
    private readonly rateLimiter: RateLimiter,
    private readonly limits: ReportLimits,
  ) {}

  // ---------------------------------------------------------------- intake

  /**
   * A public submission, without an account. Idempotent by the client's key: a retry with the
   * same key and content answers with the same receipt, other content with CONFLICT.
   */
  async submit(ctx: RequestContext, input: SubmitReportInput): Promise<ReportReceipt> {
    // Counted only when a new report is made: a retry of the same submission with its key (a
    // flaky mobile connection) answers with the same receipt and costs nothing.
    const countSubmission = () =>
      this.rateLimiter.hit(
        { action: 'report submissions', max: this.limits.submitPerHour, windowSeconds: 3600 },
        ctx.clientAddress,
      );
    return this.intake(ctx, input, ReportSource.CITIZEN, ReportChannel.WEB, countSubmission);
  }

  /** A report recorded by staff (reception, phone, mail, the Fatherland Front, internal, from above). */
  async record(ctx: RequestContext, input: RecordReportInput): Promise<ReportReceipt> {
    if (input.source === ReportSource.PRESS || input.channel === ReportChannel.PRESS_ARTICLE) {
      throw badInput(
        'Tin bài báo chí được ghi nhận bằng recordPressReport',
        [{ path: 'input.source', message: 'hãy dùng recordPressReport', code: 'USE_RECORD_PRESS_REPORT' }],
        'USE_RECORD_PRESS_REPORT',
      );
    }
    return this.intake(ctx, input, input.source, input.channel);
  }

  private async intake(
    ctx: RequestContext,
    input: SubmitReportInput,
    source: ReportSource,
    channel: ReportChannel,
    beforeNewReport?: () => Promise<void>,
  ): Promise<ReportReceipt> {
    const contentHash = createHash('sha256')
      .update(
        JSON.stringify([
          input.kind,
          input.field,
          input.title,
          input.content,
          input.concerns ?? null,
          input.reporter ?? null,
          source,
          channel,
          // Absent from the hash when not given, so receipts of retries from before groups still match.
          ...(input.group ? [input.group] : []),
        ]),
      )
      .digest('hex');
    if (input.idempotencyKey) {
      const replay = await this.replay(ctx, input.idempotencyKey, contentHash);
      if (replay) return replay;
    }
    await beforeNewReport?.();
    await this.assertSubjectsExist(ctx, input.concerns);
    const identity = this.identityValues(input.reporter);
    const anonymous = !identity.fullName;
    const members = this.groupMembers(input, !anonymous);
    const treatedAsInformation = input.kind === ReportKind.DENUNCIATION && anonymous;
    const receivedAt = new Date();
    const code = this.secrets.newReceiptCode();
    // The id is chosen here so the receipt can be sealed (bound to the row) in the same INSERT.
    const id = randomUUID();
    const report = ctx.manager.create(Report, {
      id,
      receiptSealed: this.secrets.seal(code, 'report', 'receipt', id),
      kind: input.kind,
      source,
      channel,
      field: input.field,
      title: input.title.trim(),
      content: input.content,
      // Kept as information (Luật Tố cáo Art. 25): a state of its own, no acceptance clock.
      status: treatedAsInformation ? ReportStatus.INFORMATION : ReportStatus.RECEIVED,
      receivedAt,
      stageStartedAt: receivedAt,
      ruleSetId: this.deadlines.ruleSetIdFor(receivedAt),
      receiptKey: this.secrets.receiptKey(code),
      anonymous,
      treatedAsInformation,
      groupSize: members.length ? members.length + 1 : null,
      concernedText: input.concerns?.text?.trim() || null,
      idempotencyKey: input.idempotencyKey ?? null,
      contentHash,
      redactions: [],
    });
    report.dueAt = this.deadlines.dueAt(report, []);
    const inserted = await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(Report)
      .values({ ...report, ...redactedFields(report, [identity, ...members]) })
      .orIgnore()
      .returning(['id', 'version'])
      .execute();
    const row = inserted.raw[0] as { id: string } | undefined;
    if (!row) {
      // A concurrent submission with the same idempotency key won the race and has committed.
      const replay = input.idempotencyKey ? await this.replay(ctx, input.idempotencyKey, contentHash) : null;
      if (replay) return replay;
      throw conflict('Một lần gửi với cùng khóa idempotency đang được xử lý; hãy thử lại sau giây lát', {
        reason: 'IDEMPOTENCY_KEY_IN_PROGRESS',
      });
    }
    if (!anonymous || Object.values(identity).some(Boolean))
      await this.storeIdentity(ctx, report.id, identity, input.reporter?.wantsNotifications ?? false, members);
    await this.storeSubjects(ctx, report.id, input.concerns);
    await this.timeline(ctx, report.id, {
      type: TimelineEntryType.RECEIVED,
      actor: ctx.account ? TimelineActor.STAFF : TimelineActor.REPORTER,
      toStatus: report.status,
      note: treatedAsInformation ? 'Tố cáo nặc danh: tiếp nhận như thông tin để kiểm tra (Luật Tố cáo, Điều 25).' : null,
      visibleToReporter: true,
    });
    await recordEvent(ctx, BoardEventType.REPORT_RECEIVED, this.eventPayload(report), await this.subjectUnitIds(ctx, report.id));
    return { receiptCode: code, status: report.status, receivedAt, dueAt: report.dueAt, treatedAsInformation };
  }

  private async replay(ctx: RequestContext, key: string, contentHash: string): Promise<ReportReceipt | null> {
    const existing = await ctx.manager.findOne(Report, { where: { idempotencyKey: key } });
    if (!existing) return null;
    if (existing.contentHash !== contentHash) {
      throw conflict('Khóa idempotency này đã được dùng cho một lần gửi có nội dung khác; nội dung mới cần khóa mới', {
        idempotencyKey: key,
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
    }
    return {
      receiptCode: this.secrets.open(existing.receiptSealed!, 'report', 'receipt', existing.id),
      status: existing.status,
      receivedAt: existing.receivedAt,
      dueAt: existing.dueAt,
      treatedAsInformation: existing.treatedAsInformation,
    };
  }

  /** Press intake (Luật Báo chí Art. 39: the reply is due within 30 days). The same URL twice is a CONFLICT naming the report. */
  async recordPress(ctx: RequestContext, input: RecordPressReportInput): Promise<Report> {
    const url = canonicalArticleUrl(input.url);
    assertNotInFuture(input.publishedOn, 'input.publishedOn', 'ngày đăng bài báo');
    const existing = await ctx.manager.findOne(Report, { where: { articleUrl: url }, select: { id: true, title: true } });
    if (existing) {
      throw conflict(`Bài báo này đã được ghi nhận là đơn thư ${existing.id} (“${existing.title}”)`, {
        existingReportId: existing.id,
        reason: 'ARTICLE_ALREADY_RECORDED',
      });
    }
    await this.assertSubjectsExist(ctx, input.concerns);
    const receivedAt = new Date();
    const report = ctx.manager.create(Report, {
      kind: input.kind,
      source: ReportSource.PRESS,
      channel: ReportChannel.PRESS_ARTICLE,
      field: input.field,
      title: input.articleTitle.trim(),
      content: input.excerpt,
      status: ReportStatus.RECEIVED,
      receivedAt,
      stageStartedAt: receivedAt,
      ruleSetId: this.deadlines.ruleSetIdFor(receivedAt),
      concernedText: input.concerns?.text?.trim() || null,
      pressOutlet: input.outlet.trim(),
      articleTitle: input.articleTitle.trim(),
      articleUrl: url,
      publishedOn: input.publishedOn,
      articleAuthor: input.author?.trim() || null,
      redactions: [],
    });
    report.dueAt = this.deadlines.dueAt(report, []);
    Object.assign(report, redactedFields(report, []));
    await ctx.manager.save(report);
    await this.storeSubjects(ctx, report.id, input.concerns);
    await this.timeline(ctx, report.id, {
      type: TimelineEntryType.RECEIVED,
      actor: TimelineActor.STAFF,
      toStatus: ReportStatus.RECEIVED,
      visibleToReporter: false,
    });
    await recordEvent(
      ctx,
      BoardEventType.PRESS_REPORT_RECORDED,
      { ...this.eventPayload(report), pressOutlet: report.pressOutlet },
      await this.subjectUnitIds(ctx, report.id),
    );
    return report;
  }

  /**
   * The report already recorded for this article (any variant of its address), so the intake
   * desk can show the duplicate before saving; null when there is none, and null as well when
   * the caller may not read it (an involved account must not learn that the article was recorded).
   */
  async findPressArticle(ctx: RequestContext, rawUrl: string): Promise<Report | null> {
    let url: string;
    try {
      url = canonicalArticleUrl(rawUrl);
    } catch {
      throw badInput(
        'url phải là một địa chỉ http(s)',
        [{ path: 'url', message: 'phải là một địa chỉ http(s)', code: 'INVALID_URL' }],
        'INVALID_URL',
      );
    }
    const existing = await ctx.manager.findOne(Report, { where: { articleUrl: url } });
    return existing && (await this.canRead(ctx, existing)) ? existing : null;
  }

  // ---------------------------------------------------------------- public tracking

  /**
   * What the reporter may see. A malformed or mistyped code does the same work and gets the
   * same answer as an unknown one.
   */
  async track(ctx: RequestContext, receiptCode: string): Promise<TrackedReport> {
    await this.rateLimiter.hit(
      { action: 'tracking requests', max: this.limits.trackPerHour, windowSeconds: 3600 },
      ctx.clientAddress,
    );
    const report = await this.byReceipt(ctx, receiptCode);
    const [extensions, entries] = await Promise.all([
      ctx.manager.find(ReportExtension, { where: { reportId: report.id }, order: { id: 'ASC' } }),
      ctx.manager.find(ReportTimelineEntry, {
        where: {
          reportId: report.id,
          visibleToReporter: true,
          type: In([TimelineEntryType.QUESTION_TO_REPORTER, TimelineEntryType.REPORTER_MESSAGE]),
        },
        order: { id: 'ASC' },
      }),
    ]);
    const due = report.dueAt;
    const merged = report.status === ReportStatus.MERGED;
    return {
      kind: report.kind,
      status: report.status,
      receivedAt: report.receivedAt,
      dueAt: due,
      daysLeft: due ? daysLeft(due) : null,
      overdue: isOverdue(report),
      acceptedOn: report.acceptedOn,
      notAcceptedReason: report.notAcceptedReason,
      transferredTo: report.transferredTo,
      forwardedOn: report.forwardedOn,
      concludedOn: report.concludedOn,
      repliedOn: report.repliedOn,
      // Handled together with another report: never which one, nor who sent it.
      handledTogether: merged,
      groupSize: report.groupSize,
      publicReply: report.publicReply,
      treatedAsInformation: report.treatedAsInformation,
      // The reporter never learns which staff account decided (the resolver finds no account here).
      extensions: extensions.map(({ decidedBy: _staff, report: _report, ...publicPart }) => publicPart),
      messages: entries.map((e) => ({
        at: e.at,
        fromReporter: e.type === TimelineEntryType.REPORTER_MESSAGE,
        text: e.note ?? '',
      })),
    };
  }

  /** The reporter adds information or answers a question, through the receipt code. */
  async addReporterMessage(ctx: RequestContext, receiptCode: string, text: string): Promise<TrackedReport> {
    await this.rateLimiter.hit(
      { action: 'tracking requests', max: this.limits.trackPerHour, windowSeconds: 3600 },
      ctx.clientAddress,
    );
    const report = await this.byReceipt(ctx, receiptCode);
    if (report.status === ReportStatus.CLOSED || report.status === ReportStatus.MERGED) {
      throw conflict(
        report.status === ReportStatus.MERGED
          ? 'Đơn của bạn đang được giải quyết cùng một đơn khác có cùng nội dung; không thể gửi thêm ý kiến vào đơn này. Nếu có thông tin mới, vui lòng gửi đơn mới.'
          : 'Đơn đã được giải quyết xong; không thể gửi thêm ý kiến. Nếu có thông tin mới, vui lòng gửi đơn mới.',
        { reason: 'REPORT_CLOSED' },
      );
    }
    await this.timeline(
      ctx,
      report.id,
      { type: TimelineEntryType.REPORTER_MESSAGE, actor: TimelineActor.REPORTER, note: text, visibleToReporter: true },
      await this.identityOfReceiptHolder(ctx, report),
    );
    return this.track(ctx, receiptCode);
  }

  /** The report a receipt code belongs to, or NOT_FOUND (one answer for unknown and mistyped codes). */
  async byReceipt(ctx: RequestContext, receiptCode: string): Promise<Report> {
    const normalized = this.secrets.normalizeReceipt(receiptCode);
    // Hash something either way, so a mistyped code takes as long as an unknown one.
    const key = this.secrets.receiptKey(normalized ?? `invalid:${receiptCode}`);
    const report = await ctx.manager.findOne(Report, { where: { receiptKey: key } });
    if (!report || !normalized)
      throw new AppError(
        ErrorCode.NOT_FOUND,
        'Không tìm thấy đơn với mã tiếp nhận này. Vui lòng kiểm tra lại mã trên giấy biên nhận (chữ hoa hay thường, dấu gạch ngang và khoảng trắng không ảnh hưởng).',
        { reason: 'RECEIPT_NOT_FOUND' },
      );
    return report;
  }

  // ---------------------------------------------------------------- handling

  /**
   * Moves a report along the state machine; every move is in the timeline and on the board. Each
   * optional field belongs to some moves (TRANSITION_FIELDS): given for another it would be
   * ignored, so it is refused (FIELD_NOT_APPLICABLE). Complexity and remote area can be found at
   * acceptance or during verification; the date of the decision a move records follows the date
   * rules; a forwarding records its day against the 5-working-day rule; a merge goes only into an
   * open report of a compatible kind and moves a press report's reply duty with it.
   */
  async transition(ctx: RequestContext, input: TransitionReportInput): Promise<Report> {
    const report = await this.lockForChange(ctx, input.id, input.version);
    assertTransition(report.status, input.to);
    assertFieldsApply(input);
    const from = report.status;
    const requireField = (value: unknown, field: string, why: string) => {
      if (value === undefined || value === null || value === '') {
        throw badInput(
          `Chuyển sang ${input.to} cần ${field}: ${why}`,
          [{ path: `input.${field}`, message: `bắt buộc khi chuyển sang ${input.to}`, code: 'REQUIRED' }],
          'FIELD_REQUIRED',
        );
      }
    };
    const receivedOn = dayInVietnam(report.receivedAt);
    const decidedOn = input.decidedOn ?? todayInVietnam();
    const found = this.foundComplexity(report, input);
    let forwardingNote: string | null = null;
    let target: Report | null = null;
    switch (input.to) {
      case ReportStatus.ACCEPTED:
        if (report.treatedAsInformation) {
          throw badInput(
            'Tố cáo nặc danh không được thụ lý như tố cáo (Luật Tố cáo, Điều 25): chỉ dùng làm thông tin để kiểm tra.',
            [{ path: 'input.to', message: 'không áp dụng cho thông tin chỉ dùng để kiểm tra', code: 'NOT_ALLOWED' }],
            'INFORMATION_NOT_A_CASE',
          );
        }
        assertNotInFuture(decidedOn, 'input.decidedOn', 'ngày thụ lý');
        assertNotBefore(decidedOn, receivedOn, 'input.decidedOn', 'ngày thụ lý', 'ngày tiếp nhận');
        report.acceptedAt = new Date();
        report.acceptedOn = decidedOn;
        break;
      case ReportStatus.NOT_ACCEPTED:
        requireField(input.reason, 'reason', 'luật yêu cầu nêu lý do không thụ lý');
        report.notAcceptedReason = input.reason!;
        break;
      case ReportStatus.TRANSFERRED: {
        requireField(input.transferredTo, 'transferredTo', 'nêu cơ quan có thẩm quyền');
        assertNotInFuture(decidedOn, 'input.decidedOn', 'ngày chuyển đơn');
        assertNotBefore(decidedOn, receivedOn, 'input.decidedOn', 'ngày chuyển đơn', 'ngày tiếp nhận');
        report.transferredTo = input.transferredTo!;
        report.forwardedOn = decidedOn;
        report.forwardingDueAt = this.deadlines.forwardingDueAt(report);
        if (report.forwardingDueAt && decidedOn > dayInVietnam(report.forwardingDueAt))
          forwardingNote = `Chuyển đơn quá hạn: hạn chuyển là ngày ${dayInVietnam(report.forwardingDueAt)} (5 ngày làm việc, Luật Tố cáo Điều 24 khoản 2), chuyển ngày ${decidedOn}.`;
        break;
      }
      case ReportStatus.CONCLUDED:
        requireField(input.outcome, 'outcome', 'đúng, đúng một phần hay sai');
        requireField(input.conclusion, 'conclusion', 'nội dung kết luận');
        assertNotInFuture(decidedOn, 'input.decidedOn', 'ngày kết luận');
        assertNotBefore(decidedOn, report.acceptedOn ?? receivedOn, 'input.decidedOn', 'ngày kết luận', 'ngày thụ lý');
        report.outcome = input.outcome!;
        report.conclusion = input.conclusion!;
        report.concludedOn = decidedOn;
        break;
      case ReportStatus.CLOSED:
        requireField(input.publicReply, 'publicReply', 'nội dung trả lời người gửi');
        assertNotInFuture(decidedOn, 'input.decidedOn', 'ngày trả lời');
        assertNotBefore(
          decidedOn,
          report.concludedOn ?? report.forwardedOn ?? receivedOn,
          'input.decidedOn',
          'ngày trả lời',
          report.concludedOn ? 'ngày kết luận' : report.forwardedOn ? 'ngày chuyển đơn' : 'ngày tiếp nhận',
        );
        report.publicReply = input.publicReply!;
        report.repliedOn = decidedOn;
        break;
      case ReportStatus.MERGED:
        requireField(input.mergeInto, 'mergeInto', 'đơn mà đơn này trùng lặp');
        target = await this.mergeTarget(ctx, report, input.mergeInto!);
        report.mergedIntoId = target.id;
        break;
      case ReportStatus.INFORMATION_USED:
      case ReportStatus.INFORMATION_FILED:
        requireField(
          input.note,
          'note',
          input.to === ReportStatus.INFORMATION_USED ? 'nêu cuộc kiểm tra được lập kế hoạch từ thông tin này' : 'nêu lý do lưu',
        );
        break;
      default:
        break;
    }
    report.status = input.to;
    report.stageStartedAt = new Date();
    // Closed (answered), merged on, or out of the ward's handling without an answer: no press reply
    // deadline is carried here any more (releasePressDuties hands it back to the press report).
    if (PRESS_DUTY_ENDS.includes(input.to)) report.mergedPressDueAt = null;
    report.dueAt = this.dueAfterChange(report, await this.extensionsOf(ctx, report.id), found.length > 0);
    const saved = await ctx.manager.save(report);
    ctx.loaders.reportById.clear(report.id);
    for (const change of found) {
      await this.timeline(ctx, report.id, {
        type: TimelineEntryType.COMPLEXITY_FOUND,
        actor: TimelineActor.STAFF,
        note: input.complexityReason ?? input.note ?? null,
        correction: change,
        visibleToReporter: false,
      });
    }
    await this.timeline(ctx, report.id, {
      type: TimelineEntryType.TRANSITION,
      actor: TimelineActor.STAFF,
      fromStatus: from,
      toStatus: input.to,
      note: input.note ?? input.reason ?? null,
      visibleToReporter: true,
    });
    if (forwardingNote) {
      await this.timeline(ctx, report.id, {
        type: TimelineEntryType.NOTE,
        actor: TimelineActor.SYSTEM,
        note: forwardingNote,
        visibleToReporter: false,
      });
    }
    if (target) await this.takeInMerged(ctx, saved, target);
    if (input.to === ReportStatus.CLOSED) await this.shareReply(ctx, saved);
    if (input.to === ReportStatus.NOT_ACCEPTED || input.to === ReportStatus.TRANSFERRED)
      await this.releasePressDuties(ctx, saved);
    await recordEvent(
      ctx,
      BoardEventType.REPORT_STATUS_CHANGED,
      { ...this.eventPayload(saved), fromStatus: from },
      await this.subjectUnitIds(ctx, report.id),
    );
    return saved;
  }

  /**
   * Complexity and remote area found with a move (ACCEPTED or UNDER_VERIFICATION), applied to the
   * report; returns what changed. COMPLEX or ESPECIALLY_COMPLEX needs its reason; remote-area
   * periods only where the kind's resolution rule has them.
   */
  private foundComplexity(report: Report, input: TransitionReportInput): TimelineCorrection[] {
    const changes: TimelineCorrection[] = [];
    if (input.complexityReason !== undefined && input.complexityReason !== null && input.complexity === undefined)
      throw badInput(
        'complexityReason chỉ đi kèm complexity: hãy nêu mức độ phức tạp được xác định.',
        [{ path: 'input.complexityReason', message: 'chỉ đi kèm complexity', code: 'FIELD_NOT_APPLICABLE' }],
        'FIELD_NOT_APPLICABLE',
      );
    if (input.complexity !== undefined && input.complexity !== null && input.complexity !== report.complexity) {
      if (input.complexity !== ReportComplexity.ORDINARY && !input.complexityReason?.trim())
        throw badInput(
          'Xác định vụ việc phức tạp hoặc đặc biệt phức tạp phải nêu lý do (complexityReason).',
          [{ path: 'input.complexityReason', message: 'bắt buộc khi vụ việc phức tạp hoặc đặc biệt phức tạp', code: 'REQUIRED' }],
          'REASON_REQUIRED',
        );
      changes.push({ attribute: CorrectedAttribute.COMPLEXITY, from: [report.complexity], to: [input.complexity] });
      report.complexity = input.complexity;
    }
    if (input.remoteArea !== undefined && input.remoteArea !== null && input.remoteArea !== report.remoteArea) {
      this.assertRemoteApplies(report, input.remoteArea, 'input.remoteArea');
      changes.push({
        attribute: CorrectedAttribute.REMOTE_AREA,
        from: [String(report.remoteArea)],
        to: [String(input.remoteArea)],
      });
      report.remoteArea = input.remoteArea;
    }
    return changes;
  }

  private assertRemoteApplies(report: Report, remote: boolean, path: string): void {
    if (remote && !this.deadlines.remoteAreaApplies(report))
      throw badInput(
        `Thời hạn dành cho vùng sâu, vùng xa không áp dụng cho loại đơn ${report.kind}${report.source === ReportSource.PRESS ? ' từ báo chí' : ''}: chỉ khiếu nại có thời hạn riêng cho vùng sâu, vùng xa (Luật Khiếu nại Điều 28).`,
        [{ path, message: 'loại đơn này không có thời hạn riêng cho vùng sâu, vùng xa', code: 'NOT_APPLICABLE' }],
        'REMOTE_AREA_NOT_APPLICABLE',
      );
  }

  /** The due date after a change; a complexity lowered below the extensions already decided is refused. */
  private dueAfterChange(report: Report, extensions: readonly ReportExtension[], complexityChanged: boolean): Date | null {
    try {
      return this.deadlines.dueAt(report, extensions);
    } catch (e) {
      if (complexityChanged && extensions.length)
        throw conflict(
          `Không thể đặt mức độ ${report.complexity}: đơn đã được gia hạn ${extensions.length} lần, nhiều hơn mức này cho phép (Luật Tố cáo Điều 30).`,
          { reason: 'COMPLEXITY_BELOW_EXTENSIONS', extensions: extensions.length, complexity: report.complexity },
        );
      throw e;
    }
  }

  /** The report a duplicate may be merged into: readable, open and not concluded, of a compatible kind. */
  private async mergeTarget(ctx: RequestContext, report: Report, targetId: string): Promise<Report> {
    if (targetId === report.id)
      throw badInput(
        'Không thể gộp đơn vào chính nó.',
        [{ path: 'input.mergeInto', message: 'trùng với chính đơn này', code: 'SAME_REPORT' }],
        'MERGE_INTO_ITSELF',
      );
    const target = await ctx.manager.findOne(Report, { where: { id: targetId }, lock: { mode: 'pessimistic_write' } });
    if (!target || !(await this.canRead(ctx, target))) throw notFound('Report', targetId);
    if (target.status === ReportStatus.MERGED)
      throw conflict('Đơn được chọn đã được gộp vào một đơn khác: hãy gộp vào đơn đó.', {
        reason: 'MERGE_TARGET_MERGED',
        mergedIntoId: target.mergedIntoId,
      });
    if (!MERGE_TARGET_STATUSES.includes(target.status))
      throw conflict(`Chỉ gộp được vào đơn đang giải quyết, chưa kết luận; đơn được chọn đang ở bước ${target.status}.`, {
        reason: 'MERGE_TARGET_CLOSED',
        status: target.status,
      });
    if (!kindsCompatible(report.kind, target.kind))
      throw conflict(
        `Không gộp được đơn ${report.kind} vào đơn ${target.kind}: hai loại đơn giải quyết theo quy định và thời hạn khác nhau.`,
        { reason: 'MERGE_KIND_INCOMPATIBLE', kind: report.kind, targetKind: target.kind },
      );
    return target;
  }

  /**
   * The target of a merge takes in the duplicate: reports merged into the duplicate follow it, and
   * the earliest unanswered press reply deadline among them becomes the target's (its `dueAt` is
   * never later), so the 30-day duty of Luật Báo chí Art. 39 survives the merge.
   */
  private async takeInMerged(ctx: RequestContext, merged: Report, target: Report): Promise<void> {
    await ctx.manager.update(Report, { mergedIntoId: merged.id }, { mergedIntoId: target.id });
    const [row] = (await ctx.manager.query(
      `SELECT min(due_at) AS due FROM report WHERE merged_into_id = $1 AND status = 'MERGED' AND source = 'PRESS' AND public_reply IS NULL`,
      [target.id],
    )) as Array<{ due: Date | null }>;
    const pressDue = row?.due ?? null;
    const before = target.dueAt;
    target.mergedPressDueAt = pressDue;
    target.dueAt = this.deadlines.dueAt(target, await this.extensionsOf(ctx, target.id));
    await ctx.manager.save(target);
    ctx.loaders.reportById.clear(target.id);
    ctx.loaders.mergedByTarget.clear(target.id);
    await this.timeline(ctx, target.id, {
      type: TimelineEntryType.NOTE,
      actor: TimelineActor.STAFF,
      note:
        `Đơn trùng nội dung được gộp vào đơn này (${merged.kind}${merged.source === ReportSource.PRESS ? ', báo chí' : ''}); người gửi đơn đó nhận trả lời của đơn này.` +
        (pressDue && before?.getTime() !== target.dueAt?.getTime()
          ? ` Hạn trả lời báo chí ${dayInVietnam(pressDue)} (Luật Báo chí Điều 39) trở thành hạn của đơn này.`
          : ''),
      visibleToReporter: false,
    });
  }

  /**
   * A report that leaves the ward's handling without a conclusion (NOT_ACCEPTED, TRANSFERRED) is no
   * answer to the press: the newspaper must still be answered within 30 days of its request (Luật
   * Báo chí Art. 39), whatever became of the citizen's report it duplicated. Each unanswered press
   * report merged into it is therefore taken out of the merge and goes back to the stage it was in
   * before, with its own reply deadline counted from its receipt: open again, on the board, in the
   * overdue counts, answered through its own reply. Other merged reports stay merged and receive
   * the target's reply when it is closed.
   */
  private async releasePressDuties(ctx: RequestContext, target: Report): Promise<void> {
    const press = await ctx.manager.find(Report, {
      where: { mergedIntoId: target.id, status: ReportStatus.MERGED, source: ReportSource.PRESS, publicReply: IsNull() },
      order: { receivedAt: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!press.length) return;
    const why =
      target.status === ReportStatus.NOT_ACCEPTED
        ? 'đơn được gộp vào không được thụ lý'
        : 'đơn được gộp vào đã được chuyển đến cơ quan có thẩm quyền';
    for (const p of press) {
      const [merge] = (await ctx.manager.query(
        `SELECT from_status AS "from" FROM report_timeline_entry
          WHERE report_id = $1 AND type = 'TRANSITION' AND to_status = 'MERGED' ORDER BY id DESC LIMIT 1`,
        [p.id],
      )) as Array<{ from: ReportStatus | null }>;
      const back = merge?.from && OPEN_STATUSES.includes(merge.from) ? merge.from : ReportStatus.CLASSIFIED;
      p.status = back;
      p.mergedIntoId = null;
      p.stageStartedAt = new Date();
      p.dueAt = this.deadlines.dueAt(p, []);
      const saved = await ctx.manager.save(p);
      ctx.loaders.reportById.clear(p.id);
      await this.timeline(ctx, p.id, {
        type: TimelineEntryType.TRANSITION,
        actor: TimelineActor.SYSTEM,
        fromStatus: ReportStatus.MERGED,
        toStatus: back,
        note:
          `Tách khỏi đơn đã gộp vì ${why}: cơ quan báo chí vẫn phải được trả lời trong 30 ngày (Luật Báo chí Điều 39), ` +
          `nên đơn này được giải quyết và trả lời riêng; hạn trả lời ${p.dueAt ? dayInVietnam(p.dueAt) : 'không đổi'}.`,
        visibleToReporter: false,
      });
      await recordEvent(
        ctx,
        BoardEventType.REPORT_STATUS_CHANGED,
        { ...this.eventPayload(saved), fromStatus: ReportStatus.MERGED },
        await this.subjectUnitIds(ctx, p.id),
      );
    }
    ctx.loaders.mergedByTarget.clear(target.id);
    await this.timeline(ctx, target.id, {
      type: TimelineEntryType.NOTE,
      actor: TimelineActor.SYSTEM,
      note: `${press.length} đơn báo chí đã gộp vào đơn này được tách ra để trả lời riêng (Luật Báo chí Điều 39), vì ${why}.`,
      visibleToReporter: false,
    });
  }

  /** A closed report's reply is the reply of every report merged into it, each through its own receipt. */
  private async shareReply(ctx: RequestContext, closed: Report): Promise<void> {
    const merged = await ctx.manager.find(Report, { where: { mergedIntoId: closed.id, status: ReportStatus.MERGED } });
    for (const m of merged) {
      if (m.publicReply !== null) continue;
      m.publicReply = closed.publicReply;
      m.repliedOn = closed.repliedOn;
      m.dueAt = this.deadlines.dueAt(m, []);
      await ctx.manager.save(m);
      ctx.loaders.reportById.clear(m.id);
      await this.timeline(ctx, m.id, {
        type: TimelineEntryType.REPLY_SHARED,
        actor: TimelineActor.STAFF,
        note: null,
        visibleToReporter: true,
      });
    }
  }

  /** Who a report may be assigned to: the active Inspection Committee accounts, by name. */
  handlers(ctx: RequestContext): Promise<Account[]> {
    return ctx.manager.find(Account, {
      where: { role: Role.INSPECTION_COMMITTEE, disabled: false },
      order: { displayName: 'ASC', email: 'ASC' },
    });
  }

  /** Assigns a handler, who must be an active Inspection Committee member. */
  async assign(ctx: RequestContext, input: AssignReportInput): Promise<Report> {
    const report = await this.lockForChange(ctx, input.id, input.version);
    const handler = await ctx.manager.findOne(Account, { where: { id: input.handlerId } });
    if (!handler) throw notFound('Account', input.handlerId);
    if (handler.role !== Role.INSPECTION_COMMITTEE || handler.disabled) {
      throw badInput(
        `${handler.email} không được giao xử lý đơn thư: người xử lý phải là tài khoản Ủy ban Kiểm tra (INSPECTION_COMMITTEE) đang hoạt động`,
        [
          {
            path: 'input.handlerId',
            message: 'không phải thành viên Ủy ban Kiểm tra đang hoạt động',
            code: 'NOT_ACTIVE_COMMITTEE_MEMBER',
          },
        ],
        'HANDLER_NOT_ALLOWED',
      );
    }
    if (
      handler.cadreId &&
      (await ctx.manager.exists(ReportSubject, { where: { reportId: report.id, cadreId: handler.cadreId } }))
    ) {
      throw recused(
        `${handler.displayName} là cán bộ bị phản ánh trong đơn này nên không được giao xử lý (phải tránh, xung đột lợi ích).`,
      );
    }
    const previousHandlerId = report.handlerId;
    report.handlerId = handler.id;
    const saved = await ctx.manager.save(report);
    await this.timeline(ctx, report.id, {
      type: TimelineEntryType.ASSIGNED,
      actor: TimelineActor.STAFF,
      note: handler.displayName,
      visibleToReporter: false,
    });
    await endGrantsOnReassignment(ctx, saved, previousHandlerId);
    return saved;
  }

  /**
   * Extends the resolution deadline by a decision, as often and as long as the rule allows for the
   * complexity found (at acceptance or during verification). The decision's day is not in the
   * future, not before acceptance or the previous decision, not after the deadline it extends.
   */
  async extend(ctx: RequestContext, input: ExtendReportInput): Promise<Report> {
    const report = await this.lockForChange(ctx, input.id, input.version);
    const existing = await this.extensionsOf(ctx, report.id);
    const decidedOn = input.decidedOn ?? todayInVietnam();
    assertNotInFuture(decidedOn, 'input.decidedOn', 'ngày quyết định gia hạn');
    this.deadlines.assertExtensionAllowed(report, existing, input.days, decidedOn);
    const ext = await ctx.manager.save(
      ctx.manager.create(ReportExtension, {
        reportId: report.id,
        days: input.days,
        reason: input.reason,
        decisionNumber: input.decisionNumber ?? null,
        decidedOn,
        decidedBy: ctx.account!.id,
      }),
    );
    report.dueAt = this.deadlines.dueAt(report, [...existing, ext]);
    const saved = await ctx.manager.save(report);
    ctx.loaders.extensionsByReport.clear(report.id);
    await this.timeline(ctx, report.id, {
      type: TimelineEntryType.EXTENDED,
      actor: TimelineActor.STAFF,
      note: `Gia hạn ${input.days} ngày: ${input.reason}`,
      visibleToReporter: true,
    });
    return saved;
  }

  /** The handler asks the reporter something; it appears on the tracking page (nothing is sent). */
  async askReporter(ctx: RequestContext, reportId: string, question: string): Promise<Report> {
    const report = await this.findReadable(ctx, reportId);
    this.assertHandler(ctx, report, 'hỏi lại người gửi đơn');
    await this.timeline(ctx, report.id, {
      type: TimelineEntryType.QUESTION_TO_REPORTER,
      actor: TimelineActor.STAFF,
      note: question,
      visibleToReporter: true,
    });
    return report;
  }

  /** Marks passages of the content to hide from verifiers, and refreshes the redacted copy. */
  async markRedactions(ctx: RequestContext, input: MarkRedactionsInput): Promise<Report> {
    const report = await this.lockForChange(ctx, input.id, input.version);
    for (const [i, r] of input.ranges.entries()) {
      if (r.end <= r.start || r.end > report.content.length) {
        throw badInput(
          `Đoạn ${i} [${r.start}, ${r.end}) nằm ngoài nội dung đơn (0 đến ${report.content.length})`,
          [{ path: `input.ranges.${i}`, message: 'nằm ngoài nội dung', code: 'OUT_OF_RANGE' }],
          'REDACTION_OUT_OF_RANGE',
        );
      }
    }
    report.redactions = [...report.redactions, ...input.ranges.map((r) => ({ start: r.start, end: r.end }))];
    const people = await this.openIdentity(ctx, report.id);
    report.contentRedacted = redactPeople(redactedCopy(report.content, report.redactions, null), people);
    const saved = await ctx.manager.save(report);
    await this.timeline(ctx, report.id, {
      type: TimelineEntryType.REDACTION_MARKED,
      actor: TimelineActor.STAFF,
      note: `${input.ranges.length} đoạn`,
      visibleToReporter: false,
    });
    return saved;
  }

  // ---------------------------------------------------------------- corrections

  /**
   * Corrects what intake recorded (kind, field, concerned cadres and units, complexity, remote
   * area): one CORRECTED timeline entry per changed attribute, with the reason, and the due date
   * recomputed by the deadline rules. A cadre linked here is involved from this transaction on:
   * the recusal policy reads `report_subject`, so the report leaves that cadre's account
   * everywhere at once. Unknown ids are BAD_USER_INPUT naming the list entry; a correction that
   * changes nothing is BAD_USER_INPUT; a closed or merged report is CONFLICT.
   */
  async correct(ctx: RequestContext, input: CorrectReportInput): Promise<Report> {
    const report = await this.lockForChange(ctx, input.id, input.version);
    const dates = REPORT_DATES.filter((d) => input[d.input] !== undefined && input[d.input] !== null);
    const onlyDates =
      (dates.length > 0 || !!input.extension) &&
      [input.kind, input.field, input.concernedCadreIds, input.concernedUnitIds, input.complexity, input.remoteArea].every(
        (v) => v === undefined || v === null,
      );
    const finished =
      report.status === ReportStatus.MERGED ||
      report.status === ReportStatus.INFORMATION_USED ||
      report.status === ReportStatus.INFORMATION_FILED ||
      // A closed report's recorded dates can still be corrected; nothing else.
      (report.status === ReportStatus.CLOSED && !onlyDates);
    if (finished) {
      throw conflict(
        `Đơn thư đã ${report.status === ReportStatus.MERGED ? 'được gộp vào đơn khác' : 'kết thúc'}, không thể hiệu chỉnh${report.status === ReportStatus.CLOSED ? ' (chỉ đính chính được các ngày đã ghi nhận)' : ''}.`,
        { reason: 'REPORT_FINISHED', status: report.status },
      );
    }
    const reason = input.reason.trim();
    if (reason.length < 5) {
      throw badInput(
        'Cần nêu lý do hiệu chỉnh (ít nhất 5 ký tự).',
        [{ path: 'input.reason', message: 'bắt buộc, ít nhất 5 ký tự', code: 'REQUIRED' }],
        'REASON_REQUIRED',
      );
    }
    const subjects = await ctx.manager.find(ReportSubject, { where: { reportId: report.id } });
    const oldCadres = subjects.flatMap((s) => (s.cadreId ? [s.cadreId] : []));
    const oldUnits = subjects.flatMap((s) => (s.unitId ? [s.unitId] : []));
    const newCadres = input.concernedCadreIds && [...new Set(input.concernedCadreIds)];
    const newUnits = input.concernedUnitIds && [...new Set(input.concernedUnitIds)];
    if (newCadres) await this.assertAllExist(ctx, 'cadre', input.concernedCadreIds!, 'concernedCadreIds');
    if (newUnits) await this.assertAllExist(ctx, 'unit', input.concernedUnitIds!, 'concernedUnitIds');
    if (newCadres)
      assertNotOwnCadre(
        ctx,
        newCadres.filter((c) => !oldCadres.includes(c)),
        'Không thể tự gắn mình vào đơn thư: hãy báo cáo xung đột lợi ích để cán bộ khác hiệu chỉnh (phải tránh).',
      );

    const changes: TimelineCorrection[] = [];
    const change = (attribute: CorrectedAttribute, from: string[], to: string[] | undefined) => {
      if (!to) return;
      const [a, b] = [[...from].sort(), [...to].sort()];
      if (a.length !== b.length || a.some((v, i) => v !== b[i])) changes.push({ attribute, from: a, to: b });
    };
    const one = (v: string | boolean | null | undefined) => (v === undefined || v === null ? undefined : [String(v)]);
    change(CorrectedAttribute.KIND, [report.kind], one(input.kind));
    change(CorrectedAttribute.FIELD, [report.field], one(input.field));
    change(CorrectedAttribute.CONCERNED_CADRES, oldCadres, newCadres);
    change(CorrectedAttribute.CONCERNED_UNITS, oldUnits, newUnits);
    change(CorrectedAttribute.COMPLEXITY, [report.complexity], one(input.complexity));
    change(CorrectedAttribute.REMOTE_AREA, [String(report.remoteArea)], one(input.remoteArea));
    for (const d of dates) change(d.attribute, report[d.column] ? [report[d.column]!] : [], one(input[d.input]));
    const extensions = await this.extensionsOf(ctx, report.id);
    const corrected = input.extension
      ? await this.correctedExtension(ctx, report, input, extensions, changes)
      : { extensions, label: null };
    if (!changes.length) {
      throw badInput('Không có gì để hiệu chỉnh: các giá trị gửi lên trùng với giá trị hiện có.', [], 'NOTHING_TO_CORRECT');
    }
    const changed = (a: CorrectedAttribute) => changes.some((c) => c.attribute === a);

    if (changed(CorrectedAttribute.COMPLEXITY) || changed(CorrectedAttribute.REMOTE_AREA)) {
      const what = changed(CorrectedAttribute.COMPLEXITY) ? 'mức độ phức tạp' : 'vùng sâu, vùng xa';
      if (!COMPLEXITY_STATUSES.includes(report.status))
        throw conflict(
          report.status === ReportStatus.INFORMATION
            ? `Tố cáo nặc danh được giữ làm thông tin không có thời hạn giải quyết: không xác định ${what} (Luật Tố cáo Điều 25).`
            : `Không thể xác định ${what} cho đơn đã ${report.status === ReportStatus.CONCLUDED ? 'kết luận' : 'kết thúc'} (bước ${report.status}): chỉ xác định khi thụ lý hoặc trong khi xác minh.`,
          {
            reason: report.status === ReportStatus.INFORMATION ? 'INFORMATION_HAS_NO_DEADLINE' : 'COMPLEXITY_AFTER_CONCLUSION',
            status: report.status,
          },
        );
    }
    if (input.remoteArea)
      this.assertRemoteApplies({ ...report, kind: input.kind ?? report.kind } as Report, true, 'input.remoteArea');
    if (dates.length) await this.assertDateCorrection(ctx, report, input, dates, corrected.extensions);

    if (input.kind !== undefined && input.kind !== null) {
      const informationOnly = input.kind === ReportKind.DENUNCIATION && report.anonymous;
      if (informationOnly && !INFORMATION_CAPABLE.includes(report.status)) {
        throw conflict(
          'Đơn đã thụ lý không thể chuyển thành tố cáo nặc danh: tố cáo nặc danh chỉ được dùng làm thông tin để kiểm tra (Luật Tố cáo, Điều 25).',
          { reason: 'ANONYMOUS_DENUNCIATION_ACCEPTED', status: report.status },
        );
      }
      report.kind = input.kind;
      report.treatedAsInformation = informationOnly;
      // Kept as information, or a case with a clock again from its receipt.
      if (informationOnly) report.status = ReportStatus.INFORMATION;
      else if (report.status === ReportStatus.INFORMATION) report.status = ReportStatus.RECEIVED;
    }
    if (input.field !== undefined && input.field !== null) report.field = input.field;
    if (input.complexity !== undefined && input.complexity !== null) report.complexity = input.complexity;
    if (input.remoteArea !== undefined && input.remoteArea !== null) report.remoteArea = input.remoteArea;
    for (const d of dates) report[d.column] = input[d.input]!;
    if (changed(CorrectedAttribute.FORWARDED_ON)) report.forwardingDueAt = this.deadlines.forwardingDueAt(report);
    const dueBefore = report.dueAt;
    report.dueAt = this.dueAfterChange(report, corrected.extensions, changed(CorrectedAttribute.COMPLEXITY));
    // A correction that moves the deadline says so, beside the change that moved it.
    if ((dueBefore?.getTime() ?? null) !== (report.dueAt?.getTime() ?? null))
      changes.push({
        attribute: CorrectedAttribute.DUE_AT,
        from: dueBefore ? [dueBefore.toISOString()] : [],
        to: report.dueAt ? [report.dueAt.toISOString()] : [],
      });
    if (input.extension) {
      const ext = corrected.extensions.find((e) => e.id === input.extension!.id)!;
      await ctx.manager.update(ReportExtension, { id: ext.id }, { decidedOn: ext.decidedOn, decisionNumber: ext.decisionNumber });
      ctx.loaders.extensionsByReport.clear(report.id);
    }
    // Units the report concerned before the correction: boards filtered by them hear of it too.
    const unitsBefore = await this.subjectUnitIds(ctx, report.id);
    if (newCadres) await this.replaceSubjects(ctx, report.id, 'cadreId', oldCadres, newCadres);
    if (newUnits) await this.replaceSubjects(ctx, report.id, 'unitId', oldUnits, newUnits);
    ctx.loaders.subjectsByReport.clear(report.id);
    // An UPDATE even when only the subjects changed: the version moves with every correction, so
    // a client holding the old one cannot overwrite it unknowingly.
    const bumped = await ctx.manager
      .createQueryBuilder()
      .update(Report)
      .set({
        kind: report.kind,
        field: report.field,
        status: report.status,
        complexity: report.complexity,
        remoteArea: report.remoteArea,
        treatedAsInformation: report.treatedAsInformation,
        acceptedOn: report.acceptedOn,
        forwardedOn: report.forwardedOn,
        forwardingDueAt: report.forwardingDueAt,
        concludedOn: report.concludedOn,
        repliedOn: report.repliedOn,
        dueAt: report.dueAt,
      })
      .where('id = :id', { id: report.id })
      .returning(['version', 'updatedAt'])
      .execute();
    const row = bumped.raw[0] as { version: number; updated_at: Date };
    const saved = Object.assign(report, { version: row.version, updatedAt: row.updated_at });
    ctx.loaders.reportById.clear(report.id);
    for (const correction of changes) {
      await this.timeline(ctx, report.id, {
        type: TimelineEntryType.CORRECTED,
        actor: correction.attribute === CorrectedAttribute.DUE_AT ? TimelineActor.SYSTEM : TimelineActor.STAFF,
        note:
          correction.attribute === CorrectedAttribute.DUE_AT
            ? `Hạn được tính lại theo quy định do hiệu chỉnh: ${reason}`
            : EXTENSION_ATTRIBUTES.includes(correction.attribute)
              ? `${corrected.label}: ${reason}`
              : reason,
        correction,
        visibleToReporter: false,
      });
    }
    const unitsAfter = await this.subjectUnitIds(ctx, report.id);
    await recordEvent(
      ctx,
      BoardEventType.REPORT_CORRECTED,
      { ...this.eventPayload(saved), corrected: changes.map((c) => c.attribute) },
      [...new Set([...unitsBefore, ...unitsAfter])],
    );
    return saved;
  }

  /**
   * The report's extensions with the asked correction of one of them applied (nothing written
   * yet), after its rules: the extension is the report's, the caller recorded it or chairs the
   * Inspection Committee, the new day is not in the future, not before the acceptance (as
   * corrected) or the previous extension, not after the next one. That it was decided before the
   * deadline it extended is checked when the deadline is recomputed. Adds the CORRECTED changes.
   */
  private async correctedExtension(
    ctx: RequestContext,
    report: Report,
    input: CorrectReportInput,
    extensions: readonly ReportExtension[],
    changes: TimelineCorrection[],
  ): Promise<{ extensions: ReportExtension[]; label: string }> {
    const asked = input.extension!;
    const index = extensions.findIndex((e) => e.id === asked.id);
    const ext = extensions[index];
    if (!ext) throw withReason(notFound('quyết định gia hạn của đơn này', asked.id), 'EXTENSION_NOT_FOUND');
    const label = `Quyết định gia hạn lần ${index + 1}`;
    const decidedOn = asked.decidedOn ?? null;
    const number = asked.decisionNumber?.trim() ?? null;
    if (decidedOn === null && asked.decisionNumber === undefined)
      throw badInput(
        'Nêu ngày ký (extension.decidedOn) hoặc số (extension.decisionNumber) của quyết định gia hạn cần đính chính.',
        [{ path: 'input.extension', message: 'decidedOn or decisionNumber' }],
        'NOTHING_TO_CORRECT',
      );
    if (number !== null && !number)
      throw badInput(
        'Số quyết định gia hạn không được để trống.',
        [{ path: 'input.extension.decisionNumber', message: 'required' }],
        'FIELD_REQUIRED',
      );
    const account = ctx.account ? await ctx.manager.findOne(Account, { where: { id: ctx.account.id } }) : null;
    if (!account?.isInspectionChair && ext.decidedBy !== ctx.account?.id)
      throw withReason(
        forbidden('Chỉ người đã ghi nhận quyết định gia hạn hoặc Chủ nhiệm Ủy ban Kiểm tra được đính chính quyết định đó.'),
        'NOT_RECORDER_OR_CHAIR',
      );
    const dayOf = (e: ReportExtension) => e.decidedOn ?? dayInVietnam(e.decidedAt);
    const next = { ...ext } as ReportExtension;
    if (decidedOn !== null) {
      const path = 'input.extension.decidedOn';
      const what = 'ngày quyết định gia hạn';
      assertNotInFuture(decidedOn, path, what);
      const accepted = input.acceptedOn ?? report.acceptedOn;
      if (accepted) assertNotBefore(decidedOn, accepted, path, what, 'ngày thụ lý');
      const previous = extensions[index - 1];
      if (previous) assertNotBefore(decidedOn, dayOf(previous), path, what, 'ngày quyết định gia hạn lần trước');
      const following = extensions[index + 1];
      if (following) assertNotBefore(dayOf(following), decidedOn, path, 'ngày quyết định gia hạn lần sau', what);
      if (decidedOn !== dayOf(ext))
        changes.push({ attribute: CorrectedAttribute.EXTENSION_DECIDED_ON, from: [dayOf(ext)], to: [decidedOn] });
      next.decidedOn = decidedOn;
    }
    if (number !== null) {
      if (number !== ext.decisionNumber)
        changes.push({
          attribute: CorrectedAttribute.EXTENSION_DECISION_NUMBER,
          from: ext.decisionNumber ? [ext.decisionNumber] : [],
          to: [number],
        });
      next.decisionNumber = number;
    }
    return { extensions: extensions.map((e, i) => (i === index ? next : e)), label };
  }

  /**
   * A recorded date is corrected by the account that recorded it or by the chair of the Inspection
   * Committee, only once it was recorded, and the new day keeps the rules of the recording: not in
   * the future, not before what it follows, not after what follows it.
   */
  private async assertDateCorrection(
    ctx: RequestContext,
    report: Report,
    input: CorrectReportInput,
    dates: readonly ReportDate[],
    extensions: readonly ReportExtension[],
  ): Promise<void> {
    const account = ctx.account ? await ctx.manager.findOne(Account, { where: { id: ctx.account.id } }) : null;
    const received = dayInVietnam(report.receivedAt);
    const next = (d: ReportDate) => input[d.input] ?? report[d.column];
    const firstExtension = extensions[0];
    for (const d of dates) {
      const value = input[d.input]!;
      const path = `input.${d.input}`;
      if (!report[d.column])
        throw conflict(`${d.label[0]!.toUpperCase()}${d.label.slice(1)} chưa được ghi nhận: chưa có gì để đính chính.`, {
          reason: 'DATE_NOT_RECORDED',
          field: d.input,
        });
      if (!account?.isInspectionChair) {
        const [entry] = (await ctx.manager.query(
          `SELECT actor_account_id AS by FROM report_timeline_entry WHERE report_id = $1 AND type = 'TRANSITION' AND to_status = $2 ORDER BY id DESC LIMIT 1`,
          [report.id, d.status],
        )) as Array<{ by: string | null }>;
        if (!entry || entry.by !== ctx.account?.id)
          throw withReason(
            forbidden(`Chỉ người đã ghi nhận hoặc Chủ nhiệm Ủy ban Kiểm tra được đính chính ${d.label}.`),
            'NOT_RECORDER_OR_CHAIR',
          );
      }
      assertNotInFuture(value, path, d.label);
      const acceptedOn = next(REPORT_DATES[0]!);
      const concludedOn = next(REPORT_DATES[2]!);
      const forwardedOn = next(REPORT_DATES[1]!);
      const repliedOn = next(REPORT_DATES[3]!);
      switch (d.input) {
        case 'acceptedOn':
          assertNotBefore(value, received, path, d.label, 'ngày tiếp nhận');
          if (concludedOn) assertNotBefore(concludedOn, value, path, 'ngày kết luận', d.label);
          if (firstExtension)
            assertNotBefore(
              firstExtension.decidedOn ?? dayInVietnam(firstExtension.decidedAt),
              value,
              path,
              'ngày quyết định gia hạn',
              d.label,
            );
          break;
        case 'forwardedOn':
          assertNotBefore(value, received, path, d.label, 'ngày tiếp nhận');
          if (repliedOn) assertNotBefore(repliedOn, value, path, 'ngày trả lời', d.label);
          break;
        case 'concludedOn':
          assertNotBefore(value, acceptedOn ?? received, path, d.label, 'ngày thụ lý');
          if (repliedOn) assertNotBefore(repliedOn, value, path, 'ngày trả lời', d.label);
          break;
        case 'repliedOn':
          assertNotBefore(
            value,
            concludedOn ?? forwardedOn ?? received,
            path,
            d.label,
            concludedOn ? 'ngày kết luận' : forwardedOn ? 'ngày chuyển đơn' : 'ngày tiếp nhận',
          );
          break;
      }
    }
  }

  /** BAD_USER_INPUT naming each list entry (`input.concernedCadreIds.1`) that is not in the register. */
  private async assertAllExist(ctx: RequestContext, table: 'cadre' | 'unit', ids: string[], field: string): Promise<void> {
    if (!ids.length) return;
    const found: Array<{ id: string }> = await ctx.manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
    const known = new Set(found.map((f) => f.id));
    const missing = ids.flatMap((id, i) => (known.has(id) ? [] : [{ id, i }]));
    if (!missing.length) return;
    throw badInput(
      `Không có ${table === 'cadre' ? 'cán bộ' : 'đơn vị'} nào mang mã ${missing.map((m) => m.id).join(', ')}.`,
      missing.map(({ id, i }) => ({
        path: `input.${field}.${i}`,
        message: `không có ${table === 'cadre' ? 'cán bộ' : 'đơn vị'} ${id}`,
        code: table === 'cadre' ? 'UNKNOWN_CADRE' : 'UNKNOWN_UNIT',
      })),
      table === 'cadre' ? 'UNKNOWN_CADRE' : 'UNKNOWN_UNIT',
    );
  }

  /** Makes the report's cadre (or unit) subjects exactly `next`: removes the others, inserts the new ones. */
  private async replaceSubjects(
    ctx: RequestContext,
    reportId: string,
    column: 'cadreId' | 'unitId',
    current: string[],
    next: string[],
  ): Promise<void> {
    const removed = current.filter((id) => !next.includes(id));
    const added = next.filter((id) => !current.includes(id));
    if (removed.length) await ctx.manager.delete(ReportSubject, { reportId, [column]: In(removed) });
    if (added.length) {
      // received_at is filled by the report_subject_received_at trigger, as on intake.
      await ctx.manager.insert(
        ReportSubject,
        added.map((id) => ({ reportId, cadreId: null, unitId: null, [column]: id })),
      );
    }
  }

  // ---------------------------------------------------------------- reading

  /** A report the caller may read, or NOT_FOUND (never revealing that a hidden one exists). */
  async findReadable(ctx: RequestContext, id: string): Promise<Report> {
    const report = await ctx.loaders.reportById.load(id);
    if (!report || !(await this.canRead(ctx, report))) throw notFound('Report', id);
    return report;
  }

  /**
   * Role rules: committees read all; intake staff all; a unit head reports about its units. Never
   * a report naming the caller's own cadre, of any kind, whatever the role (recusal).
   */
  async canRead(ctx: RequestContext, report: Report): Promise<boolean> {
    if (await isInvolved(ctx, RecusableType.Report, report)) return false;
    const role = ctx.account?.role;
    if (role === Role.INSPECTION_COMMITTEE || role === Role.STANDING_COMMITTEE || role === Role.INTAKE_STAFF) return true;
    if (role === Role.UNIT_HEAD) {
      const scope = ctx.account?.unitId;
      if (!scope) return false;
      const rows: unknown[] = await ctx.manager.query(
        `SELECT 1 FROM report_subject s JOIN unit u ON u.id = s.unit_id OR u.id = (SELECT unit_id FROM cadre WHERE id = s.cadre_id)
           JOIN unit scope ON scope.id = $2
          WHERE s.report_id = $1 AND u.path LIKE scope.path || '%' LIMIT 1`,
        [report.id, scope],
      );
      return rows.length > 0;
    }
    return false;
  }

  private assertHandler(ctx: RequestContext, report: Report, what: string): void {
    if (ctx.account?.role !== Role.INSPECTION_COMMITTEE || report.handlerId !== ctx.account.id) {
      throw forbidden(`Chỉ thành viên Ủy ban Kiểm tra đang xử lý đơn thư này mới được ${what}`, 'NOT_HANDLER');
    }
  }

  /** Recomputes the stored due date from the rules (after a correction of dates, or by the demo seed). */
  async recomputeDue(ctx: RequestContext, reportId: string): Promise<void> {
    const report = await ctx.manager.findOneOrFail(Report, { where: { id: reportId } });
    await ctx.manager.update(
      Report,
      { id: reportId },
      {
        dueAt: this.deadlines.dueAt(report, await this.extensionsOf(ctx, reportId)),
        forwardingDueAt: report.forwardedOn ? this.deadlines.forwardingDueAt(report) : null,
      },
    );
  }

  async extensionsOf(ctx: RequestContext, reportId: string): Promise<ReportExtension[]> {
    return ctx.manager.find(ReportExtension, { where: { reportId }, order: { id: 'ASC' } });
  }

  /** The report's evidence originals, oldest first, each with its newest redacted copy. */
  async evidenceOf(ctx: RequestContext, reportId: string): Promise<EvidenceFile[]> {
    return withDatabaseContext(ctx.manager, databaseActor(ctx.account), (m) =>
      m.find(EvidenceFile, { where: { reportId }, order: { uploadedAt: 'ASC', id: 'ASC' } }),
    ).then(withNewestCopies);
  }

  // ---------------------------------------------------------------- helpers

  private async lockForChange(ctx: RequestContext, id: string, version: number): Promise<Report> {
    const report = await ctx.manager.findOne(Report, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!report || !(await this.canRead(ctx, report))) throw notFound('Report', id);
    assertVersion('Report', report, version);
    return report;
  }

  /**
   * A group complaint's other members, cleaned; refused without a representative (the reporter,
   * named) and for a denunciation (each denouncer is a reporter of their own, Luật Tố cáo).
   */
  private groupMembers(input: SubmitReportInput, represented: boolean): GroupMemberValues[] {
    if (!input.group) return [];
    if (input.kind === ReportKind.DENUNCIATION)
      throw badInput(
        'Tố cáo không gửi theo nhóm qua người đại diện: mỗi người tố cáo gửi đơn riêng (Luật Tố cáo).',
        [{ path: 'input.group', message: 'không áp dụng cho tố cáo', code: 'NOT_ALLOWED' }],
        'GROUP_NOT_FOR_KIND',
      );
    if (!represented)
      throw badInput(
        'Đơn đông người phải có người đại diện: ghi họ tên người đại diện (reporter.fullName), người sẽ theo dõi đơn và nhận trả lời.',
        [{ path: 'input.reporter.fullName', message: 'đơn đông người phải có người đại diện', code: 'REQUIRED' }],
        'GROUP_WITHOUT_REPRESENTATIVE',
      );
    const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
    return input.group.members.map((m) => ({
      fullName: m.fullName.trim(),
      idNumber: clean(m.idNumber),
      phone: clean(m.phone),
      address: clean(m.address),
    }));
  }

  private identityValues(input: ReporterIdentityInput | undefined): Record<(typeof IDENTITY_COLUMNS)[number], string | null> {
    const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
    return {
      fullName: clean(input?.fullName),
      idNumber: clean(input?.idNumber),
      phone: clean(input?.phone),
      email: clean(input?.email)?.toLowerCase() ?? null,
      address: clean(input?.address),
    };
  }

  private async storeIdentity(
    ctx: RequestContext,
    reportId: string,
    values: Record<string, string | null>,
    wantsNotifications: boolean,
    members: readonly GroupMemberValues[] = [],
  ) {
    // The report's own data key (crypto-shredding on retention): its identity values are sealed under it.
    const { key, wrapped } = this.secrets.newDataKey(reportId);
    await ctx.manager.query(`INSERT INTO report_data_key (report_id, wrapped) VALUES ($1, $2)`, [reportId, wrapped]);
    const sealed: Record<string, string | null> = {};
    for (const column of IDENTITY_COLUMNS) {
      const v = values[column];
      sealed[column] = v ? this.secrets.seal(v, 'reporter_identity', column, reportId, key) : null;
    }
    sealed['groupMembers'] = members.length
      ? this.secrets.seal(JSON.stringify(members), 'reporter_identity', 'groupMembers', reportId, key)
      : null;
    // No RETURNING (updateEntity false): a returned row must pass the read policy, and intake
    // staff or a public reporter may add an identity they may not read back.
    await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(ReporterIdentity)
      .values({ reportId, ...sealed, wantsNotifications })
      .updateEntity(false)
      .execute();
  }

  /**
   * The data key of a report's evidence, unwrapped, through `manager` (any caller with a database
   * context not involved in the report: uploaders, readers of the evidence); created when the
   * report has none and `create` is set (an anonymous report, or one from before data keys).
   * Null when there is none: pieces stored before data keys are plain.
   */
  async evidenceKey(manager: EntityManager, reportId: string, create: boolean): Promise<Buffer | null> {
    const read = async () =>
      (
        (await manager.query(`SELECT giamsat_report_data_key_for_evidence($1) AS wrapped`, [reportId])) as Array<{
          wrapped: string | null;
        }>
      )[0]?.wrapped ?? null;
    let wrapped = await read();
    if (!wrapped && create) {
      const fresh = this.secrets.newDataKey(reportId);
      await manager.query(`INSERT INTO report_data_key (report_id, wrapped) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        reportId,
        fresh.wrapped,
      ]);
      wrapped = await read();
    }
    return wrapped ? this.secrets.unwrapDataKey(wrapped, reportId) : null;
  }

  /**
   * The reporter's own stored identity, for redacting what they send through their receipt code.
   * Row-level security shows a public caller no identity; the database function answers for the
   * report whose receipt key the caller proved it holds (the code was checked by byReceipt), and
   * the values never leave this service.
   */
  private async identityOfReceiptHolder(ctx: RequestContext, report: Report): Promise<IdentityForRedaction | null> {
    if (!report.receiptKey) return null;
    const [row] = (await ctx.manager.query(
      `SELECT full_name AS "fullName", id_number AS "idNumber", phone, email, address
         FROM giamsat_reporter_identity_for_receipt($1)`,
      [report.receiptKey],
    )) as ReporterIdentity[];
    if (!row) return null;
    const [key] = (await ctx.manager.query(`SELECT giamsat_report_data_key_for_receipt($1) AS wrapped`, [
      report.receiptKey,
    ])) as Array<{
      wrapped: string | null;
    }>;
    return openIdentity(this.secrets, report.id, row, key?.wrapped ? this.secrets.unwrapDataKey(key.wrapped, report.id) : null);
  }

  /** The reporter's identity and a group complaint's members, in clear, for redaction at write time. */
  private async openIdentity(ctx: RequestContext, reportId: string): Promise<IdentityForRedaction[]> {
    const row = await ctx.manager.findOne(ReporterIdentity, { where: { reportId } });
    const key = row ? await dataKeyOf(ctx.manager, this.secrets, reportId) : null;
    return [openIdentity(this.secrets, reportId, row, key), ...openGroupMembers(this.secrets, reportId, row, key)];
  }

  private async assertSubjectsExist(ctx: RequestContext, concerns: ReportSubjectsInput | undefined): Promise<void> {
    if (!concerns) return;
    await this.assertAllExist(ctx, 'cadre', concerns.cadreIds, 'concerns.cadreIds');
    await this.assertAllExist(ctx, 'unit', concerns.unitIds, 'concerns.unitIds');
  }

  private async storeSubjects(ctx: RequestContext, reportId: string, concerns: ReportSubjectsInput | undefined): Promise<void> {
    if (!concerns) return;
    const rows = [
      ...[...new Set(concerns.cadreIds)].map((cadreId) => ({ reportId, cadreId, unitId: null })),
      ...[...new Set(concerns.unitIds)].map((unitId) => ({ reportId, cadreId: null, unitId })),
    ];
    if (rows.length) await ctx.manager.insert(ReportSubject, rows);
  }

  /** Units the report concerns (directly or through its cadres), for the board's unit filter. */
  private async subjectUnitIds(ctx: RequestContext, reportId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await ctx.manager.query(
      `SELECT DISTINCT coalesce(s.unit_id, c.unit_id) AS id FROM report_subject s LEFT JOIN cadre c ON c.id = s.cadre_id
        WHERE s.report_id = $1 AND coalesce(s.unit_id, c.unit_id) IS NOT NULL`,
      [reportId],
    );
    return rows.map((r) => r.id);
  }

  private async timeline(
    ctx: RequestContext,
    reportId: string,
    e: Pick<ReportTimelineEntry, 'type' | 'actor' | 'visibleToReporter'> &
      Partial<Pick<ReportTimelineEntry, 'fromStatus' | 'toStatus' | 'note' | 'correction'>>,
    identity?: IdentityForRedaction | null,
  ) {
    return ctx.manager.insert(ReportTimelineEntry, {
      reportId,
      // Only a staff entry names its account: a reporter's entry never ties the report to a
      // signed-in person (the denouncer's identity, Luật Tố cáo Art. 56).
      actorAccountId: e.actor === TimelineActor.STAFF ? (ctx.account?.id ?? null) : null,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      note: e.note ?? null,
      correction: e.correction ?? null,
      noteRedacted: e.note
        ? redactPeople(e.note, identity !== undefined ? (identity ? [identity] : []) : await this.openIdentity(ctx, reportId))
        : null,
      type: e.type,
      actor: e.actor,
      visibleToReporter: e.visibleToReporter,
    });
  }

  /** Public fields only: never the title or content (they may name the reporter), the reporter or the handler. */
  private eventPayload(r: Report) {
    return {
      reportId: r.id,
      kind: r.kind,
      source: r.source,
      channel: r.channel,
      field: r.field,
      status: r.status,
      receivedAt: r.receivedAt.toISOString(),
      dueAt: r.dueAt ? r.dueAt.toISOString() : null,
    };
  }
}

/** Calendar days from today to the due day, both in Vietnam (0 on the due day, negative after it). */
export function daysLeft(due: Date, now = new Date()): number {
  return calendarDaysBetween(localDateOf(now), localDateOf(due));
}

/** Past its due date while open; a merged press report also while its reply is owed (its `dueAt` is set only then). */
export function isOverdue(r: Pick<Report, 'status' | 'dueAt'>, now = new Date()): boolean {
  return !!r.dueAt && (OPEN_STATUSES.includes(r.status) || r.status === ReportStatus.MERGED) && r.dueAt.getTime() < now.getTime();
}

/** Refuses an optional field of transitionReport given for a move it does not belong to (it would be ignored). */
function assertFieldsApply(input: TransitionReportInput): void {
  const stray = Object.entries(TRANSITION_FIELDS).filter(([field, moves]) => {
    const value = (input as unknown as Record<string, unknown>)[field];
    return value !== undefined && value !== null && !moves.includes(input.to);
  });
  if (!stray.length) return;
  throw badInput(
    `Trường ${stray.map(([f]) => f).join(', ')} không dùng cho bước ${input.to} và sẽ bị bỏ qua: ` +
      stray.map(([f, moves]) => `${f} chỉ dùng khi chuyển sang ${moves.join(', ')}`).join('; ') +
      '.',
    stray.map(([f, moves]) => ({
      path: `input.${f}`,
      message: `chỉ dùng khi chuyển sang ${moves.join(', ')}`,
      code: 'FIELD_NOT_APPLICABLE',
    })),
    'FIELD_NOT_APPLICABLE',
  );
}

export { ACCEPTANCE_STAGE };
