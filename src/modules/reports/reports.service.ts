import { createHash, randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
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
import { openIdentity } from './identity-values';
import { redactedCopy, redactedFields, redactIdentity, type IdentityForRedaction } from './redaction';
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
import { assertTransition, OPEN_STATUSES } from './report-workflow';
import { Report } from './report.entity';
import { ReportChannel, ReportKind, ReportSource, ReportStatus } from './report.enums';
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
      throw badInput('Press articles are recorded with recordPressReport', [
        { path: 'input.source', message: 'use recordPressReport' },
      ]);
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
      status: ReportStatus.RECEIVED,
      receivedAt,
      stageStartedAt: receivedAt,
      ruleSetId: this.deadlines.ruleSetIdFor(receivedAt),
      receiptKey: this.secrets.receiptKey(code),
      anonymous,
      treatedAsInformation,
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
      .values({ ...report, ...redactedFields(report, identity) })
      .orIgnore()
      .returning(['id', 'version'])
      .execute();
    const row = inserted.raw[0] as { id: string } | undefined;
    if (!row) {
      // A concurrent submission with the same idempotency key won the race and has committed.
      const replay = input.idempotencyKey ? await this.replay(ctx, input.idempotencyKey, contentHash) : null;
      if (replay) return replay;
      throw conflict('A submission with this idempotency key is being processed; retry shortly');
    }
    if (!anonymous || Object.values(identity).some(Boolean))
      await this.storeIdentity(ctx, report.id, identity, input.reporter?.wantsNotifications ?? false);
    await this.storeSubjects(ctx, report.id, input.concerns);
    await this.timeline(ctx, report.id, {
      type: TimelineEntryType.RECEIVED,
      actor: ctx.account ? TimelineActor.STAFF : TimelineActor.REPORTER,
      toStatus: ReportStatus.RECEIVED,
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
      throw conflict('This idempotency key was already used for a different submission; use a new key for new content', {
        idempotencyKey: key,
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
    const today = todayInVietnam();
    if (input.publishedOn > today) {
      throw badInput(`publishedOn ${input.publishedOn} is in the future (today is ${today} in Vietnam)`, [
        { path: 'input.publishedOn', message: 'must not be in the future' },
      ]);
    }
    const existing = await ctx.manager.findOne(Report, { where: { articleUrl: url }, select: { id: true, title: true } });
    if (existing) {
      throw conflict(`This article was already recorded as report ${existing.id} ("${existing.title}")`, {
        existingReportId: existing.id,
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
    Object.assign(report, redactedFields(report, null));
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
      throw badInput('url must be an http(s) URL', [{ path: 'url', message: 'not an http(s) URL' }], 'INVALID_URL');
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
    return {
      kind: report.kind,
      status: report.status,
      receivedAt: report.receivedAt,
      dueAt: due,
      daysLeft: due ? daysLeft(due) : null,
      overdue: isOverdue(report),
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
      throw conflict('This report is closed; submit a new report for new information');
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
    if (!report || !normalized) throw notFound('Report with receipt code', 'given');
    return report;
  }

  // ---------------------------------------------------------------- handling

  /** Moves a report along the state machine; every move is in the timeline and on the board. */
  async transition(ctx: RequestContext, input: TransitionReportInput): Promise<Report> {
    const report = await this.lockForChange(ctx, input.id, input.version);
    assertTransition(report.status, input.to);
    const from = report.status;
    const requireField = (value: unknown, field: string, why: string) => {
      if (value === undefined || value === null || value === '') {
        throw badInput(`Moving to ${input.to} needs ${field}: ${why}`, [
          { path: `input.${field}`, message: `required for ${input.to}` },
        ]);
      }
    };
    switch (input.to) {
      case ReportStatus.ACCEPTED:
        if (report.treatedAsInformation) {
          throw badInput(
            'An anonymous denunciation cannot be accepted as a denunciation (Luật Tố cáo Art. 25); use it as information for an inspection',
            [{ path: 'input.to', message: 'not allowed for information-only reports' }],
          );
        }
        report.acceptedAt = new Date();
        if (input.complexity) report.complexity = input.complexity;
        break;
      case ReportStatus.NOT_ACCEPTED:
        requireField(input.reason, 'reason', 'the law requires a reason for not accepting');
        report.notAcceptedReason = input.reason!;
        break;
      case ReportStatus.TRANSFERRED:
        requireField(input.transferredTo, 'transferredTo', 'name the competent body');
        report.transferredTo = input.transferredTo!;
        break;
      case ReportStatus.CONCLUDED:
        requireField(input.outcome, 'outcome', 'founded, partly founded or unfounded');
        requireField(input.conclusion, 'conclusion', 'the conclusion text');
        report.outcome = input.outcome!;
        report.conclusion = input.conclusion!;
        break;
      case ReportStatus.CLOSED:
        requireField(input.publicReply, 'publicReply', 'the reply to the reporter');
        report.publicReply = input.publicReply!;
        break;
      case ReportStatus.MERGED: {
        requireField(input.mergeInto, 'mergeInto', 'the report this one duplicates');
        if (input.mergeInto === report.id)
          throw badInput('A report cannot be merged into itself', [{ path: 'input.mergeInto', message: 'same report' }]);
        const target = await ctx.manager.findOne(Report, { where: { id: input.mergeInto! } });
        if (!target) throw notFound('Report', input.mergeInto!);
        if (target.status === ReportStatus.MERGED)
          throw conflict(`Report ${target.id} is itself merged into ${target.mergedIntoId}; merge into that one`);
        report.mergedIntoId = target.id;
        break;
      }
      default:
        break;
    }
    report.status = input.to;
    report.stageStartedAt = new Date();
    report.dueAt = this.deadlines.dueAt(report, await this.extensionsOf(ctx, report.id));
    const saved = await ctx.manager.save(report);
    await this.timeline(ctx, report.id, {
      type: TimelineEntryType.TRANSITION,
      actor: TimelineActor.STAFF,
      fromStatus: from,
      toStatus: input.to,
      note: input.note ?? input.reason ?? null,
      visibleToReporter: true,
    });
    await recordEvent(
      ctx,
      BoardEventType.REPORT_STATUS_CHANGED,
      { ...this.eventPayload(saved), fromStatus: from },
      await this.subjectUnitIds(ctx, report.id),
    );
    return saved;
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
      throw badInput(`${handler.email} cannot handle reports: a handler must be an active INSPECTION_COMMITTEE account`, [
        { path: 'input.handlerId', message: 'not an active Inspection Committee member' },
      ]);
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

  /** Extends the resolution deadline by a decision, as often and as long as the rule allows. */
  async extend(ctx: RequestContext, input: ExtendReportInput): Promise<Report> {
    const report = await this.lockForChange(ctx, input.id, input.version);
    const existing = await this.extensionsOf(ctx, report.id);
    this.deadlines.assertExtensionAllowed(report, existing, input.days);
    const ext = await ctx.manager.save(
      ctx.manager.create(ReportExtension, {
        reportId: report.id,
        days: input.days,
        reason: input.reason,
        decisionNumber: input.decisionNumber ?? null,
        decidedBy: ctx.account!.id,
      }),
    );
    report.dueAt = this.deadlines.dueAt(report, [...existing, ext]);
    const saved = await ctx.manager.save(report);
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
    this.assertHandler(ctx, report, 'ask the reporter');
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
        throw badInput(`Range ${i} [${r.start}, ${r.end}) is not within the content (0 to ${report.content.length})`, [
          { path: `input.ranges.${i}`, message: 'out of range' },
        ]);
      }
    }
    report.redactions = [...report.redactions, ...input.ranges.map((r) => ({ start: r.start, end: r.end }))];
    const identity = await this.openIdentity(ctx, report.id);
    report.contentRedacted = redactedCopy(report.content, report.redactions, identity);
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
    if (report.status === ReportStatus.CLOSED || report.status === ReportStatus.MERGED) {
      throw conflict(
        `Đơn thư đã ${report.status === ReportStatus.CLOSED ? 'kết thúc' : 'được gộp vào đơn khác'}, không thể hiệu chỉnh.`,
        { reason: 'REPORT_FINISHED', status: report.status },
      );
    }
    const reason = input.reason.trim();
    if (reason.length < 5) {
      throw badInput(
        'Cần nêu lý do hiệu chỉnh (ít nhất 5 ký tự).',
        [{ path: 'input.reason', message: 'required' }],
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
    const one = (v: string | boolean | undefined) => (v === undefined ? undefined : [String(v)]);
    change(CorrectedAttribute.KIND, [report.kind], one(input.kind));
    change(CorrectedAttribute.FIELD, [report.field], one(input.field));
    change(CorrectedAttribute.CONCERNED_CADRES, oldCadres, newCadres);
    change(CorrectedAttribute.CONCERNED_UNITS, oldUnits, newUnits);
    change(CorrectedAttribute.COMPLEXITY, [report.complexity], one(input.complexity));
    change(CorrectedAttribute.REMOTE_AREA, [String(report.remoteArea)], one(input.remoteArea));
    if (!changes.length) {
      throw badInput('Không có gì để hiệu chỉnh: các giá trị gửi lên trùng với giá trị hiện có.', [], 'NOTHING_TO_CORRECT');
    }

    if (input.kind !== undefined) {
      const informationOnly = input.kind === ReportKind.DENUNCIATION && report.anonymous;
      if (informationOnly && !ACCEPTANCE_STAGE.includes(report.status)) {
        throw conflict(
          'Đơn đã thụ lý không thể chuyển thành tố cáo nặc danh: tố cáo nặc danh chỉ được dùng làm thông tin để kiểm tra (Luật Tố cáo, Điều 25).',
          { reason: 'ANONYMOUS_DENUNCIATION_ACCEPTED', status: report.status },
        );
      }
      report.kind = input.kind;
      report.treatedAsInformation = informationOnly;
    }
    if (input.field !== undefined) report.field = input.field;
    if (input.complexity !== undefined) report.complexity = input.complexity;
    if (input.remoteArea !== undefined) report.remoteArea = input.remoteArea;
    report.dueAt = this.deadlines.dueAt(report, await this.extensionsOf(ctx, report.id));
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
        complexity: report.complexity,
        remoteArea: report.remoteArea,
        treatedAsInformation: report.treatedAsInformation,
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
        actor: TimelineActor.STAFF,
        note: reason,
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

  /** BAD_USER_INPUT naming each list entry (`input.concernedCadreIds.1`) that is not in the register. */
  private async assertAllExist(ctx: RequestContext, table: 'cadre' | 'unit', ids: string[], field: string): Promise<void> {
    if (!ids.length) return;
    const found: Array<{ id: string }> = await ctx.manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
    const known = new Set(found.map((f) => f.id));
    const missing = ids.flatMap((id, i) => (known.has(id) ? [] : [{ id, i }]));
    if (!missing.length) return;
    throw badInput(
      `Không có ${table === 'cadre' ? 'cán bộ' : 'đơn vị'} nào mang mã ${missing.map((m) => m.id).join(', ')}.`,
      missing.map(({ id, i }) => ({ path: `input.${field}.${i}`, message: `no ${table} ${id}` })),
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
      throw forbidden(`Only the Inspection Committee member handling this report may ${what}`);
    }
  }

  /** Recomputes the stored due date from the rules (after a correction of dates, or by the demo seed). */
  async recomputeDue(ctx: RequestContext, reportId: string): Promise<void> {
    const report = await ctx.manager.findOneOrFail(Report, { where: { id: reportId } });
    await ctx.manager.update(
      Report,
      { id: reportId },
      { dueAt: this.deadlines.dueAt(report, await this.extensionsOf(ctx, reportId)) },
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
  ) {
    const sealed: Record<string, string | null> = {};
    for (const column of IDENTITY_COLUMNS) {
      const v = values[column];
      sealed[column] = v ? this.secrets.seal(v, 'reporter_identity', column, reportId) : null;
    }
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
    return row ? openIdentity(this.secrets, report.id, row) : null;
  }

  private async openIdentity(ctx: RequestContext, reportId: string): Promise<Record<string, string | null>> {
    return openIdentity(this.secrets, reportId, await ctx.manager.findOne(ReporterIdentity, { where: { reportId } }));
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
        ? redactIdentity(e.note, identity !== undefined ? identity : await this.openIdentity(ctx, reportId))
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

export function isOverdue(r: Pick<Report, 'status' | 'dueAt'>, now = new Date()): boolean {
  return !!r.dueAt && OPEN_STATUSES.includes(r.status) && r.dueAt.getTime() < now.getTime();
}

export { ACCEPTANCE_STAGE };
