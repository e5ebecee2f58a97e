import { badInput, conflict, forbidden, notFound, withReason } from '../../common/errors';
import { assertNotInvolved, assertNotOwnCadre, isInvolved, RecusableType } from '../recusal/recusal.policy';
import { todayInVietnam } from '../../common/validation';
import { assertNotBefore, assertNotInFuture } from '../../common/date-rules';
import { assertVersion } from '../../db/optimistic-lock';
import { BoardEventType } from '../board/board-event.types';
import { recordEvent } from '../../events/event-writer';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { CadreHistory } from '../cadres/cadre-history.entity';
import { Cadre } from '../cadres/cadre.entity';
import { CadreChangeKind, CivilServiceCategory, EmploymentStatus } from '../cadres/cadre.enums';
import { Report } from '../reports/report.entity';
import { UnitKind } from '../units/unit.enums';
import { Finding } from '../inspections/finding.entity';
import { FindingStatus } from '../inspections/inspection.enums';
import {
  addDays,
  addYears,
  assertDecidingBody,
  assertFormAllowed,
  assertWithinLimitation,
  type DisciplineRuleSet,
  disciplineRuleSetInForce,
  sideOf,
} from './discipline-rules';
import { assertDisciplineTransition } from './discipline-workflow';
import { DisciplineCase } from './discipline-case.entity';
import { DisciplineNotification } from './discipline-notification.entity';
import {
  DECIDING_BODY_NAMES,
  DisciplineForm,
  DisciplineOrigin,
  DisciplineSide,
  DisciplineStatus as S,
  DisciplineSubjectType as T,
} from './discipline.enums';
import type { MarkNotificationSentInput, OpenDisciplineCaseInput, TransitionDisciplineCaseInput } from './discipline.inputs';

const PARTY_UNIT_KINDS: readonly UnitKind[] = [
  UnitKind.PARTY_COMMITTEE,
  UnitKind.STANDING_COMMITTEE,
  UnitKind.PARTY_CELL,
  UnitKind.SUBORDINATE_PARTY_COMMITTEE,
  UnitKind.RESIDENTIAL_PARTY_CELL,
];

/** Roles that read discipline cases. */
export const DISCIPLINE_READERS = [Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE];
/** Roles that move cases; the Standing Committee only to DECIDED (where the rules give it the decision) and FINAL. */
export const DISCIPLINE_DECIDERS = [Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE];

/** Party and State discipline cases, under the dated rules of `data/discipline-rules.json`. */
export class DisciplineService {
  private readonly sets: () => readonly DisciplineRuleSet[];

  /** @param ruleSets fixed sets, or (the app) a reader of the rule catalog's current ones. */
  constructor(ruleSets: readonly DisciplineRuleSet[] | (() => readonly DisciplineRuleSet[])) {
    this.sets = typeof ruleSets === 'function' ? ruleSets : () => ruleSets;
  }

  private get ruleSets(): readonly DisciplineRuleSet[] {
    return this.sets();
  }

  /** The set a decided case recorded: it keeps it, whatever sets are added later. */
  private recordedSetOf(c: DisciplineCase): DisciplineRuleSet {
    return this.ruleSets.find((s) => s.id === c.ruleSetId) ?? disciplineRuleSetInForce(c.decisionDate!, this.ruleSets);
  }

  /** Opens a case; the subject type is checked against the register. */
  async open(ctx: RequestContext, input: OpenDisciplineCaseInput): Promise<DisciplineCase> {
    const today = todayInVietnam();
    assertNotInFuture(input.violationDate, 'input.violationDate', 'ngày vi phạm', today);
    if (input.newViolationDate) {
      assertNotInFuture(input.newViolationDate, 'input.newViolationDate', 'ngày vi phạm mới', today);
      if (input.newViolationDate <= input.violationDate)
        throw badInput(
          `Ngày không được trước việc mà nó theo sau: ngày vi phạm mới ${input.newViolationDate} phải sau ngày vi phạm ${input.violationDate}`,
          [{ path: 'input.newViolationDate', message: `phải sau ${input.violationDate}` }],
          'DATE_BEFORE_PREDECESSOR',
        );
    }
    await this.assertSubject(ctx, input, today);
    let origin = DisciplineOrigin.DIRECT;
    const reportId = input.reportId ?? null;
    if (input.findingId) {
      const finding = await ctx.manager.findOne(Finding, { where: { id: input.findingId } });
      if (!finding) throw notFound('Finding', input.findingId);
      await assertNotInvolved(ctx, RecusableType.Finding, finding, 'Finding');
      if (finding.status === FindingStatus.WITHDRAWN)
        throw badInput(
          `Phát hiện đã bị rút (ghi nhận nhầm) ngày ${finding.withdrawnAt?.toISOString().slice(0, 10)}: không thể mở vụ việc kỷ luật từ phát hiện đã rút`,
          [{ path: 'input.findingId', message: 'phát hiện đã rút' }],
          'FINDING_WITHDRAWN',
        );
      // A case opened from a finding is about someone the finding concerns, no one else.
      if (input.cadreId && !finding.concernedCadreIds.includes(input.cadreId))
        throw badInput(
          'Vụ việc mở từ phát hiện chỉ được nêu cán bộ mà phát hiện đó liên quan: cán bộ này không có trong danh sách cán bộ liên quan của phát hiện',
          [{ path: 'input.cadreId', message: 'không thuộc concernedCadreIds của phát hiện' }],
          'CADRE_NOT_IN_FINDING',
        );
      if (input.unitId && !finding.concernedUnitIds.includes(input.unitId))
        throw badInput(
          'Vụ việc mở từ phát hiện chỉ được nêu tổ chức đảng mà phát hiện đó liên quan: tổ chức này không có trong danh sách đơn vị liên quan của phát hiện',
          [{ path: 'input.unitId', message: 'không thuộc concernedUnitIds của phát hiện' }],
          'UNIT_NOT_IN_FINDING',
        );
      origin = DisciplineOrigin.FINDING;
    } else if (reportId) {
      origin = DisciplineOrigin.REPORT;
    }
    if (reportId) {
      const report = await ctx.manager.findOne(Report, { where: { id: reportId } });
      if (!report) throw notFound('Report', reportId);
      await assertNotInvolved(ctx, RecusableType.Report, report, 'Report');
    }
    const saved = await ctx.manager.save(
      ctx.manager.create(DisciplineCase, {
        subjectType: input.subjectType,
        side: sideOf(input.subjectType),
        cadreId: input.cadreId ?? null,
        unitId: input.unitId ?? null,
        origin,
        findingId: input.findingId ?? null,
        reportId,
        violationSummary: input.violationSummary.trim(),
        violationDate: input.violationDate,
        noLimitationGround: input.noLimitationGround ?? null,
        newViolationDate: input.newViolationDate ?? null,
        status: S.OPENED,
      }),
    );
    await recordEvent(
      ctx,
      BoardEventType.DISCIPLINE_CASE_OPENED,
      { caseId: saved.id, subjectType: saved.subjectType, side: saved.side, origin: saved.origin, status: saved.status },
      await this.unitIdsOf(ctx, saved),
    );
    return saved;
  }

  private async assertSubject(ctx: RequestContext, input: OpenDisciplineCaseInput, today: string): Promise<void> {
    const type = input.subjectType;
    if (type === T.PARTY_ORGANISATION) {
      if (!input.unitId || input.cadreId)
        throw badInput(
          'Vụ việc kỷ luật tổ chức đảng nêu unitId (tổ chức đảng), không nêu cadreId',
          [{ path: 'input.unitId', message: 'bắt buộc với PARTY_ORGANISATION' }],
          'SUBJECT_UNIT_REQUIRED',
        );
      const unit = await ctx.loaders.unitById.load(input.unitId);
      if (!unit) throw notFound('Unit', input.unitId);
      if (!PARTY_UNIT_KINDS.includes(unit.kind)) {
        throw badInput(
          `${unit.name} (${unit.kind}) không phải tổ chức đảng; kỷ luật đảng áp dụng cho đảng ủy, chi bộ`,
          [{ path: 'input.unitId', message: 'không phải tổ chức đảng' }],
          'NOT_PARTY_ORGANISATION',
        );
      }
      return;
    }
    if (!input.cadreId || input.unitId)
      throw badInput(
        `Vụ việc kỷ luật ${type} nêu cadreId (cán bộ), không nêu unitId`,
        [{ path: 'input.cadreId', message: `bắt buộc với ${type}` }],
        'SUBJECT_CADRE_REQUIRED',
      );
    const cadre = await ctx.loaders.cadreById.load(input.cadreId);
    if (!cadre) throw notFound('Cadre', input.cadreId);
    assertNotOwnCadre(
      ctx,
      [cadre.id],
      'Không thể mở vụ việc kỷ luật đối với chính mình: cán bộ có liên quan phải tránh (xung đột lợi ích).',
    );
    const mismatch = (why: string) =>
      badInput(
        `Không thể kỷ luật ${cadre.fullName} với tư cách ${type}: ${why}`,
        [{ path: 'input.subjectType', message: why }],
        'SUBJECT_TYPE_MISMATCH',
      );
    if (type === T.PARTY_MEMBER_FULL || type === T.PARTY_MEMBER_PROBATIONARY) {
      if (!cadre.partyMember) throw mismatch('theo hồ sơ cán bộ, người này không phải đảng viên');
      if (cadre.partyJoinedOn) {
        // Probation lasts 12 months from admission (Điều lệ Đảng, Điều 5).
        const probationEnds = addYears(cadre.partyJoinedOn, 1);
        if (type === T.PARTY_MEMBER_PROBATIONARY && probationEnds <= today)
          throw mismatch(`kết nạp ngày ${cadre.partyJoinedOn}, thời gian dự bị 12 tháng đã hết ngày ${probationEnds}`);
        if (type === T.PARTY_MEMBER_FULL && probationEnds > today)
          throw mismatch(`kết nạp ngày ${cadre.partyJoinedOn}, còn là đảng viên dự bị đến ngày ${probationEnds}`);
      }
    } else if (type === T.ELECTED_CADRE && cadre.civilServiceCategory !== CivilServiceCategory.CADRE) {
      throw mismatch(`hồ sơ ghi là ${cadre.civilServiceCategory}, không phải cán bộ (CADRE)`);
    } else if (type === T.CIVIL_SERVANT && cadre.civilServiceCategory !== CivilServiceCategory.CIVIL_SERVANT) {
      throw mismatch(`hồ sơ ghi là ${cadre.civilServiceCategory}, không phải công chức (CIVIL_SERVANT)`);
    }
  }

  /** Moves a case along its workflow, applying the rule set in force on the relevant day. */
  async transition(ctx: RequestContext, input: TransitionDisciplineCaseInput): Promise<DisciplineCase> {
    const c = await this.lockForChange(ctx, input.id, input.version);
    assertDisciplineTransition(c.status, input.to);
    if (ctx.account?.role === Role.STANDING_COMMITTEE && input.to !== S.DECIDED && input.to !== S.FINAL) {
      throw withReason(
        forbidden('Ban Thường vụ chỉ quyết định vụ việc (DECIDED, FINAL); các bước khác do Ủy ban Kiểm tra thực hiện'),
        'STANDING_COMMITTEE_DECIDES_ONLY',
      );
    }
    const need = (value: unknown, field: string, why: string) => {
      if (value === undefined || value === null || value === '') {
        throw badInput(
          `Chuyển sang ${input.to} cần ${field}: ${why}`,
          [{ path: `input.${field}`, message: `bắt buộc khi chuyển sang ${input.to}` }],
          'FIELD_REQUIRED_FOR_STEP',
        );
      }
    };
    const today = todayInVietnam();
    const from = c.status;
    let cadreChanged = false;
    switch (input.to) {
      case S.UNDER_REVIEW:
        if (from === S.DEFERRED) this.resume(c, input.to);
        if (input.selfCriticism) c.selfCriticism = input.selfCriticism;
        if (input.explanation) c.explanation = input.explanation;
        break;
      case S.OPENED:
        this.resume(c, input.to);
        break;
      case S.PROPOSED: {
        if (from === S.DEFERRED) {
          this.resume(c, input.to);
          break;
        }
        if (input.selfCriticism) c.selfCriticism = input.selfCriticism;
        if (input.explanation) c.explanation = input.explanation;
        need(
          c.selfCriticism,
          'selfCriticism',
          'bản tự kiểm điểm của người vi phạm phải được ghi nhận trước khi đề xuất hình thức',
        );
        need(input.proposedForm, 'proposedForm', 'hình thức kỷ luật đề xuất');
        assertFormAllowed(
          disciplineRuleSetInForce(today, this.ruleSets),
          c.subjectType,
          input.proposedForm!,
          'input.proposedForm',
        );
        c.proposedForm = input.proposedForm!;
        break;
      }
      case S.DECIDED: {
        need(input.form, 'form', 'hình thức kỷ luật đã quyết định');
        need(input.decidedBy, 'decidedBy', 'cấp đã quyết định, một cấp có thẩm quyền theo quy định với hình thức này');
        need(input.decisionNumber, 'decisionNumber', 'số quyết định');
        need(input.decisionDate, 'decisionDate', 'ngày quyết định');
        need(input.effectiveDate, 'effectiveDate', 'ngày quyết định có hiệu lực');
        const decisionDate = input.decisionDate!;
        assertNotInFuture(decisionDate, 'input.decisionDate', 'ngày quyết định kỷ luật', today);
        assertNotBefore(decisionDate, c.violationDate, 'input.decisionDate', 'ngày quyết định kỷ luật', 'ngày vi phạm');
        assertNotBefore(input.effectiveDate!, decisionDate, 'input.effectiveDate', 'ngày có hiệu lực', 'ngày quyết định');
        const set = disciplineRuleSetInForce(decisionDate, this.ruleSets);
        assertFormAllowed(set, c.subjectType, input.form!, 'input.form');
        assertDecidingBody(set, c.subjectType, input.form!, input.decidedBy!, 'input.decidedBy');
        await this.assertLeadershipPost(ctx, c, input.form!);
        // State discipline is the People's Committee chairman's side: the Party Standing Committee reserve is Party-side only.
        if (
          c.side === DisciplineSide.PARTY &&
          set.standingCommitteeDecides.includes(input.form!) &&
          ctx.account?.role !== Role.STANDING_COMMITTEE
        ) {
          throw withReason(
            forbidden(`Hình thức ${input.form} do Ban Thường vụ quyết định (bộ quy tắc ${set.id}: standingCommitteeDecides)`),
            'STANDING_COMMITTEE_DECIDES_FORM',
          );
        }
        c.limitationEndsOn = assertWithinLimitation(
          set,
          c.subjectType,
          input.form!,
          c.violationDate,
          decisionDate,
          c.noLimitationGround,
          c.newViolationDate,
        );
        c.form = input.form!;
        c.decidedBy = input.decidedBy!;
        c.decidingBody = input.decidingBody ?? DECIDING_BODY_NAMES[input.decidedBy!];
        c.decisionRecordedBy = ctx.account?.id ?? null;
        c.decisionNumber = input.decisionNumber!;
        c.decisionDate = decisionDate;
        c.effectiveDate = input.effectiveDate!;
        c.ruleSetId = set.id;
        c.appealDeadline = addDays(decisionDate, set.appealWindowDays.days);
        await this.createNotificationTask(ctx, c, set);
        break;
      }
      case S.APPEALED: {
        need(input.appealedOn, 'appealedOn', 'ngày nộp đơn khiếu nại quyết định kỷ luật');
        const set = this.recordedSetOf(c);
        assertNotInFuture(input.appealedOn!, 'input.appealedOn', 'ngày khiếu nại', today);
        assertNotBefore(input.appealedOn!, c.decisionDate!, 'input.appealedOn', 'ngày khiếu nại', 'ngày quyết định kỷ luật');
        if (input.appealedOn! > c.appealDeadline!) {
          throw badInput(
            `Đã hết thời hạn khiếu nại: khiếu nại quyết định kỷ luật phải nộp trong ${set.appealWindowDays.days} ngày kể từ ngày quyết định (${set.appealWindowDays.citation}, bộ quy tắc ${set.id}${set.appealWindowDays.unsure ? ', độ tin cậy trung bình' : ''}); quyết định ngày ${c.decisionDate}, thời hạn hết ngày ${c.appealDeadline}, đơn khiếu nại ghi ngày ${input.appealedOn}`,
            [{ path: 'input.appealedOn', message: `thời hạn hết ngày ${c.appealDeadline}` }],
            'APPEAL_WINDOW_PASSED',
          );
        }
        c.appealedOn = input.appealedOn!;
        c.appealNote = input.appealNote ?? null;
        break;
      }
      case S.FINAL: {
        if (input.form && input.form !== c.form) {
          if (from !== S.APPEALED)
            throw badInput(
              'Hình thức kỷ luật chỉ thay đổi khi giải quyết khiếu nại',
              [{ path: 'input.form', message: 'chỉ sau APPEALED' }],
              'FORM_CHANGES_ONLY_ON_APPEAL',
            );
          const set = this.recordedSetOf(c);
          assertFormAllowed(set, c.subjectType, input.form, 'input.form');
          c.limitationEndsOn = assertWithinLimitation(
            set,
            c.subjectType,
            input.form,
            c.violationDate,
            c.decisionDate!,
            c.noLimitationGround,
            c.newViolationDate,
          );
          c.form = input.form;
        }
        if (input.appealNote) c.appealNote = input.appealNote;
        c.finalAt = new Date();
        cadreChanged = await this.applyToRecord(ctx, c);
        break;
      }
      case S.DROPPED:
        need(input.reason, 'reason', 'lý do không xử lý kỷ luật');
        c.droppedReason = input.reason!;
        break;
      case S.DEFERRED:
        need(
          input.deferralReason,
          'deferralReason',
          'đang điều trị bệnh, nghỉ thai sản, nuôi con dưới 12 tháng tuổi hoặc đang bị tố tụng hình sự (Nghị định 172/2025)',
        );
        c.pausedFrom = from;
        c.deferralReason = input.deferralReason!;
        c.deferralNote = input.deferralNote ?? null;
        break;
    }
    c.status = input.to;
    const saved = await ctx.manager.save(c);
    if (input.to === S.DECIDED || input.to === S.FINAL) {
      await recordEvent(
        ctx,
        BoardEventType.DISCIPLINE_CASE_DECIDED,
        {
          caseId: saved.id,
          subjectType: saved.subjectType,
          side: saved.side,
          form: saved.form,
          status: saved.status,
          final: input.to === S.FINAL,
          cadreRecordUpdated: cadreChanged,
        },
        await this.unitIdsOf(ctx, saved),
      );
    }
    return saved;
  }

  /**
   * Applies a corrected decision date to a decided case under the rules of the set in force on
   * the new date (form, deciding body, statute of limitations), and recomputes what counts from
   * it: the appeal deadline, the limitation's last day and the notification due dates. Returns
   * what moved, for the correction's history. The caller saves the case.
   */
  async recomputeForDecisionDate(
    ctx: RequestContext,
    c: DisciplineCase,
    decisionDate: string,
  ): Promise<Array<{ field: string; from: string | null; to: string | null }>> {
    assertNotInFuture(decisionDate, 'input.value', 'ngày quyết định kỷ luật');
    assertNotBefore(decisionDate, c.violationDate, 'input.value', 'ngày quyết định kỷ luật', 'ngày vi phạm');
    if (c.effectiveDate)
      assertNotBefore(c.effectiveDate, decisionDate, 'input.value', 'ngày có hiệu lực đã ghi nhận', 'ngày quyết định đính chính');
    if (c.appealedOn)
      assertNotBefore(c.appealedOn, decisionDate, 'input.value', 'ngày khiếu nại đã ghi nhận', 'ngày quyết định đính chính');
    const set = disciplineRuleSetInForce(decisionDate, this.ruleSets);
    assertFormAllowed(set, c.subjectType, c.form!, 'input.value');
    if (c.decidedBy) assertDecidingBody(set, c.subjectType, c.form!, c.decidedBy, 'input.value');
    const limitationEndsOn = assertWithinLimitation(
      set,
      c.subjectType,
      c.form!,
      c.violationDate,
      decisionDate,
      c.noLimitationGround,
      c.newViolationDate,
    );
    const moved: Array<{ field: string; from: string | null; to: string | null }> = [];
    const move = (field: string, from: string | null, to: string | null) => {
      if (from !== to) moved.push({ field, from, to });
    };
    const appealDeadline = addDays(decisionDate, set.appealWindowDays.days);
    move('appealDeadline', c.appealDeadline, appealDeadline);
    move('limitationEndsOn', c.limitationEndsOn, limitationEndsOn);
    move('ruleSetId', c.ruleSetId, set.id);
    c.appealDeadline = appealDeadline;
    c.limitationEndsOn = limitationEndsOn;
    c.ruleSetId = set.id;
    const notifications = await ctx.manager.find(DisciplineNotification, {
      where: { caseId: c.id },
      lock: { mode: 'pessimistic_write' },
    });
    for (const n of notifications) {
      if (n.sentOn)
        assertNotBefore(n.sentOn, decisionDate, 'input.value', 'ngày gửi thông báo đã ghi nhận', 'ngày quyết định đính chính');
      const dueOn = addDays(decisionDate, set.notifyOtherSideDays.days);
      move('notification.dueOn', n.dueOn, dueOn);
      if (n.dueOn !== dueOn) await ctx.manager.update(DisciplineNotification, { id: n.id }, { dueOn });
    }
    ctx.loaders.notificationsByCase.clear(c.id);
    return moved;
  }

  /** Resuming a deferred case returns it to the stage it was paused in. */
  private resume(c: DisciplineCase, to: S): void {
    if (c.status !== S.DEFERRED) return;
    if (c.pausedFrom !== to) {
      throw badInput(
        `Vụ việc được tạm hoãn khi đang ở ${c.pausedFrom}; tiếp tục thì trở lại ${c.pausedFrom}, không sang ${to}`,
        [{ path: 'input.to', message: `trở lại ${c.pausedFrom}` }],
        'RESUME_TO_PAUSED_STAGE',
      );
    }
    c.pausedFrom = null;
    c.deferralReason = null;
    c.deferralNote = null;
  }

  /** Dismissal from a leadership post only for a civil servant holding one (Nghị định 172/2025). */
  private async assertLeadershipPost(ctx: RequestContext, c: DisciplineCase, form: DisciplineForm): Promise<void> {
    if (form !== DisciplineForm.DISMISSAL_FROM_LEADERSHIP_POST || !c.cadreId) return;
    const cadre = await ctx.loaders.cadreById.load(c.cadreId);
    const post = cadre ? await ctx.loaders.postById.load(cadre.postId) : null;
    if (!post?.isManagement) {
      throw badInput(
        `Cách chức (DISMISSAL_FROM_LEADERSHIP_POST) chỉ áp dụng cho công chức giữ chức vụ lãnh đạo, quản lý; ${cadre?.fullName ?? 'cán bộ này'} giữ chức vụ ${post?.name ?? '(không có)'}`,
        [{ path: 'input.form', message: 'không giữ chức vụ lãnh đạo, quản lý' }],
        'NO_LEADERSHIP_POST',
      );
    }
  }

  /** When one side disciplines a cadre who is a Party member, the other side is to be notified within the rule's days. */
  private async createNotificationTask(ctx: RequestContext, c: DisciplineCase, set: DisciplineRuleSet): Promise<void> {
    if (!c.cadreId) return;
    const cadre = await ctx.loaders.cadreById.load(c.cadreId);
    if (!cadre?.partyMember) return;
    await ctx.manager.insert(DisciplineNotification, {
      caseId: c.id,
      notify: c.side === DisciplineSide.PARTY ? DisciplineSide.STATE : DisciplineSide.PARTY,
      dueOn: addDays(c.decisionDate!, set.notifyOtherSideDays.days),
    });
  }

  /**
   * A final decision on a cadre updates the register in the same transaction: out of the
   * succession-planning pool; expelled members leave the Party; forced resignation ends
   * employment. Each change is written to the cadre's history.
   */
  private async applyToRecord(ctx: RequestContext, c: DisciplineCase): Promise<boolean> {
    if (!c.cadreId) return false;
    const cadre = await ctx.manager.findOne(Cadre, { where: { id: c.cadreId }, lock: { mode: 'pessimistic_write' } });
    if (!cadre) return false;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set = <K extends keyof Cadre>(key: K, value: Cadre[K]) => {
      if (cadre[key] !== value) {
        changes[key as string] = { from: cadre[key], to: value };
        cadre[key] = value;
      }
    };
    set('inPlanningPool', false);
    set('planningPostId', null);
    if (c.form === DisciplineForm.EXPULSION) set('partyMember', false);
    if (c.form === DisciplineForm.FORCED_RESIGNATION) {
      set('status', EmploymentStatus.DISMISSED);
      set('employmentEndedOn', c.effectiveDate);
    }
    if (!Object.keys(changes).length) return false;
    await ctx.manager.save(cadre);
    await ctx.manager.insert(CadreHistory, {
      cadreId: cadre.id,
      accountId: ctx.account?.id ?? null,
      kind: c.form === DisciplineForm.FORCED_RESIGNATION ? CadreChangeKind.EMPLOYMENT_ENDED : CadreChangeKind.UPDATED,
      changes: changes as never,
      note: `Kỷ luật ${c.form} (quyết định ${c.decisionNumber} ngày ${c.decisionDate}), hồ sơ ${c.id}`,
    });
    ctx.loaders.cadreById.clear(cadre.id);
    return true;
  }

  async markNotificationSent(ctx: RequestContext, input: MarkNotificationSentInput): Promise<DisciplineNotification> {
    const n = await ctx.manager.findOne(DisciplineNotification, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
    if (!n) throw notFound('Notification', input.id);
    const c = await ctx.loaders.disciplineCaseById.load(n.caseId);
    if (!c || (await isInvolved(ctx, RecusableType.DisciplineCase, c))) throw notFound('Notification', input.id);
    if (n.sentOn) throw conflict(`Thông báo này đã được gửi ngày ${n.sentOn}`, { reason: 'NOTIFICATION_ALREADY_SENT' });
    assertNotInFuture(input.sentOn, 'input.sentOn', 'ngày gửi thông báo');
    if (c.decisionDate)
      assertNotBefore(input.sentOn, c.decisionDate, 'input.sentOn', 'ngày gửi thông báo', 'ngày quyết định kỷ luật');
    n.sentOn = input.sentOn;
    n.reference = input.reference;
    return ctx.manager.save(n);
  }

  async findReadable(ctx: RequestContext, id: string): Promise<DisciplineCase> {
    const c = await ctx.loaders.disciplineCaseById.load(id);
    if (!c) throw notFound('Discipline case', id);
    return assertNotInvolved(ctx, RecusableType.DisciplineCase, c, 'Discipline case');
  }

  async unitIdsOf(ctx: RequestContext, c: DisciplineCase): Promise<string[]> {
    if (c.unitId) return [c.unitId];
    const cadre = c.cadreId ? await ctx.loaders.cadreById.load(c.cadreId) : null;
    return cadre ? [cadre.unitId] : [];
  }

  private async lockForChange(ctx: RequestContext, id: string, version: number): Promise<DisciplineCase> {
    const c = await ctx.manager.findOne(DisciplineCase, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw notFound('Discipline case', id);
    await assertNotInvolved(ctx, RecusableType.DisciplineCase, c, 'Discipline case');
    assertVersion('Discipline case', c, version);
    return c;
  }
}
