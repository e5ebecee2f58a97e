import { badInput, conflict, forbidden, notFound, withReason } from '../../common/errors';
import { assertNotBefore, assertNotInFuture, assertNotInPast, dayInVietnam } from '../../common/date-rules';
import { assertVersion } from '../../db/optimistic-lock';
import { BoardEventType } from '../board/board-event.types';
import { recordEvent } from '../../events/event-writer';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { Cadre } from '../cadres/cadre.entity';
import { EmploymentStatus } from '../cadres/cadre.enums';
import { Unit } from '../units/unit.entity';
import { visibleSubtree } from '../units/unit-scope';
import { assertNotInvolved, assertNotOwnCadre, isInvolved, notInvolved, RecusableType } from '../recusal/recusal.policy';
import { Finding } from './finding.entity';
import type { PlansService } from './plans.service';
import { FollowUpItem } from './follow-up.entity';
import { assertInspectionKind } from './inspection-kinds';
import { assertInspectionTransition, CONCLUDED_STAGES, FINDING_STAGES } from './inspection-workflow';
import { Inspection } from './inspection.entity';
import { FindingRecommendation, InspectionStatus, InspectionSubjectType } from './inspection.enums';
import type {
  AddFollowUpInput,
  CreateInspectionInput,
  FulfilFollowUpInput,
  RecordFindingInput,
  SetInspectionNotesInput,
  SetInspectionTeamInput,
  TransitionInspectionInput,
  UpdateInspectionInput,
} from './inspections.inputs';

/** Roles that manage inspections, findings and discipline cases. */
export const INSPECTION_MANAGERS = [Role.INSPECTION_COMMITTEE];
/** Roles that read inspections (a UNIT_HEAD only concluded ones about its units). */
export const INSPECTION_READERS = [Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE, Role.UNIT_HEAD];
/** Roles that see everything of every inspection (but the subject's own internal notes). */
export const FULL_READERS: readonly Role[] = [Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE];

/** Inspections and supervisions: planning, decision, team, findings, conclusion, follow-up. */
export class InspectionsService {
  constructor(private readonly plans: PlansService) {}

  /** Creates a PLANNED inspection; a team given here is checked like `setTeam`. */
  async create(ctx: RequestContext, input: CreateInspectionInput): Promise<Inspection> {
    assertInspectionKind(input.kind);
    if (input.periodTo < input.periodFrom) {
      throw badInput(
        `Thời kỳ kiểm tra kết thúc (${input.periodTo}) trước khi bắt đầu (${input.periodFrom})`,
        [{ path: 'input.periodTo', message: 'không được trước periodFrom' }],
        'PERIOD_REVERSED',
      );
    }
    const inspection = ctx.manager.create(Inspection, {
      kind: input.kind,
      title: input.title.trim(),
      status: InspectionStatus.PLANNED,
      subjectType: input.subjectType,
      subjectUnitId: null,
      subjectCadreId: null,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      areas: [...new Set(input.areas)],
      reportIds: [...new Set(input.reportIds)],
      leaderId: null,
      memberIds: [],
      internalNotes: input.internalNotes ?? null,
      notesBy: input.internalNotes ? (ctx.account?.id ?? null) : null,
    });
    if (input.subjectType === InspectionSubjectType.UNIT) {
      if (!input.subjectUnitId || input.subjectCadreId) {
        throw badInput(
          'Kiểm tra, giám sát một đơn vị nêu subjectUnitId, không nêu subjectCadreId',
          [{ path: 'input.subjectUnitId', message: 'bắt buộc với UNIT' }],
          'SUBJECT_UNIT_REQUIRED',
        );
      }
      if (!(await ctx.loaders.unitById.load(input.subjectUnitId))) throw notFound('Unit', input.subjectUnitId);
      inspection.subjectUnitId = input.subjectUnitId;
    } else {
      if (!input.subjectCadreId || input.subjectUnitId) {
        throw badInput(
          'Kiểm tra, giám sát một cán bộ nêu subjectCadreId, không nêu subjectUnitId',
          [{ path: 'input.subjectCadreId', message: 'bắt buộc với CADRE' }],
          'SUBJECT_CADRE_REQUIRED',
        );
      }
      const cadre = await ctx.loaders.cadreById.load(input.subjectCadreId);
      if (!cadre) throw notFound('Cadre', input.subjectCadreId);
      assertNotOwnCadre(
        ctx,
        [cadre.id],
        'Không thể quyết định kiểm tra chính mình: cán bộ có liên quan phải tránh (xung đột lợi ích).',
      );
      if (!cadre.partyMember) {
        throw badInput(
          `${cadre.fullName} không phải đảng viên: Ủy ban Kiểm tra kiểm tra, giám sát đảng viên và tổ chức đảng (Quy định 296-QĐ/TW)`,
          [{ path: 'input.subjectCadreId', message: 'không phải đảng viên' }],
          'SUBJECT_NOT_PARTY_MEMBER',
        );
      }
      inspection.subjectCadreId = input.subjectCadreId;
    }
    if (inspection.reportIds.length) {
      // A report naming the caller's own cadre is hidden from it: unknown, as if it did not exist.
      const [{ n }] = (await ctx.manager.query(
        `SELECT count(*)::int AS n FROM report r WHERE r.id = ANY($1::uuid[]) AND ${notInvolved.report('r', '$2')}`,
        [inspection.reportIds, ctx.account?.cadreId ?? null],
      )) as [{ n: number }];
      if (n !== inspection.reportIds.length)
        throw badInput(
          'Có đơn trong reportIds không tồn tại',
          [{ path: 'input.reportIds', message: 'đơn không tồn tại' }],
          'UNKNOWN_REPORT',
        );
    }
    if (input.leaderId) {
      await this.assertTeam(ctx, inspection, input.leaderId, input.memberIds);
      inspection.leaderId = input.leaderId;
      inspection.memberIds = [...new Set(input.memberIds)];
    } else if (input.memberIds.length) {
      throw badInput(
        'Đoàn kiểm tra, giám sát phải có trưởng đoàn',
        [{ path: 'input.leaderId', message: 'bắt buộc khi có memberIds' }],
        'TEAM_LEADER_REQUIRED',
      );
    }
    const saved = await ctx.manager.save(inspection);
    if (input.planItemId) await this.plans.link(ctx, input.planItemId, saved);
    return saved;
  }

  /** Names the team; refused (CONFLICT) when a member is the subject or a close subordinate of it. */
  async setTeam(ctx: RequestContext, input: SetInspectionTeamInput): Promise<Inspection> {
    const inspection = await this.lockForChange(ctx, input.id, input.version);
    if (CONCLUDED_STAGES.includes(inspection.status) || inspection.status === InspectionStatus.CANCELLED) {
      throw conflict(`Cuộc kiểm tra, giám sát đang ở ${inspection.status}: không thay đổi đoàn được nữa`, {
        reason: 'TEAM_FIXED',
      });
    }
    await this.assertTeam(ctx, inspection, input.leaderId, input.memberIds);
    inspection.leaderId = input.leaderId;
    inspection.memberIds = [...new Set(input.memberIds)];
    return ctx.manager.save(inspection);
  }

  /**
   * Corrects the title, period or areas; not once concluded or cancelled (CONFLICT), the period
   * checked as a whole (its end not before its start, BAD_USER_INPUT).
   */
  async update(ctx: RequestContext, input: UpdateInspectionInput): Promise<Inspection> {
    if (input.title === undefined && input.periodFrom === undefined && input.periodTo === undefined && input.areas === undefined)
      throw badInput(
        'Không có gì để thay đổi: nêu title, periodFrom, periodTo hoặc areas',
        [{ path: 'input', message: 'không có thay đổi' }],
        'NOTHING_TO_CHANGE',
      );
    const inspection = await this.lockForChange(ctx, input.id, input.version);
    if (CONCLUDED_STAGES.includes(inspection.status) || inspection.status === InspectionStatus.CANCELLED) {
      throw conflict(`Cuộc kiểm tra, giám sát đang ở ${inspection.status}: không sửa được nữa`, {
        reason: 'INSPECTION_FINISHED',
      });
    }
    const periodFrom = input.periodFrom ?? inspection.periodFrom;
    const periodTo = input.periodTo ?? inspection.periodTo;
    if (periodTo < periodFrom) {
      throw badInput(
        `Thời kỳ kiểm tra kết thúc (${periodTo}) trước khi bắt đầu (${periodFrom})`,
        [{ path: input.periodTo !== undefined ? 'input.periodTo' : 'input.periodFrom', message: 'không được trước periodFrom' }],
        'PERIOD_REVERSED',
      );
    }
    if (input.title !== undefined) inspection.title = input.title.trim();
    inspection.periodFrom = periodFrom;
    inspection.periodTo = periodTo;
    if (input.areas !== undefined) inspection.areas = [...new Set(input.areas)];
    return ctx.manager.save(inspection);
  }

  async setNotes(ctx: RequestContext, input: SetInspectionNotesInput): Promise<Inspection> {
    const inspection = await this.lockForChange(ctx, input.id, input.version);
    inspection.internalNotes = input.internalNotes || null;
    inspection.notesBy = ctx.account?.id ?? null;
    return ctx.manager.save(inspection);
  }

  /**
   * The conflict rules of a team. A member may not be:
   * - the cadre under inspection;
   * - for an inspection of a unit: someone working in that unit or a unit below it;
   * - for an inspection of a cadre: a close subordinate, i.e. someone working in the subject's
   *   unit or a unit below it, unless the member holds a management post and the subject does
   *   not (then the member is the subject's superior, not a subordinate).
   */
  async assertTeam(ctx: RequestContext, inspection: Inspection, leaderId: string, memberIds: string[]): Promise<void> {
    if (memberIds.includes(leaderId)) {
      throw badInput(
        'Trưởng đoàn được nêu lại trong danh sách thành viên',
        [{ path: 'input.memberIds', message: 'không gồm trưởng đoàn' }],
        'LEADER_AMONG_MEMBERS',
      );
    }
    const ids = [leaderId, ...new Set(memberIds)];
    const cadres = await ctx.loaders.cadreById.loadMany(ids);
    let subjectUnit: Unit | null;
    let subjectIsManager = false;
    if (inspection.subjectType === InspectionSubjectType.UNIT) {
      subjectUnit = await ctx.loaders.unitById.load(inspection.subjectUnitId!);
    } else {
      const subject = (await ctx.loaders.cadreById.load(inspection.subjectCadreId!))!;
      subjectUnit = await ctx.loaders.unitById.load(subject.unitId);
      subjectIsManager = (await ctx.loaders.postById.load(subject.postId))?.isManagement ?? false;
    }
    for (const [i, c] of cadres.entries()) {
      const path = i === 0 ? 'input.leaderId' : `input.memberIds.${i - 1}`;
      if (!c || c instanceof Error) throw notFound('Cadre', ids[i]!);
      if (c.status !== EmploymentStatus.ACTIVE)
        throw badInput(
          `Thành viên đoàn phải là cán bộ đang công tác: ${c.fullName} có trạng thái ${c.status}`,
          [{ path, message: 'không phải cán bộ đang công tác' }],
          'TEAM_MEMBER_NOT_CURRENT',
        );
      // Every kind in the inspection kinds data is a Party inspection or supervision (296-QĐ/TW).
      if (!c.partyMember)
        throw badInput(
          `Thành viên đoàn kiểm tra, giám sát của Đảng phải là đảng viên: ${c.fullName} không phải đảng viên (Quy định 296-QĐ/TW)`,
          [{ path, message: 'không phải đảng viên' }],
          'TEAM_MEMBER_NOT_PARTY_MEMBER',
        );
      if (c.id === inspection.subjectCadreId) {
        throw conflict(`${c.fullName} là cán bộ được kiểm tra, giám sát nên không được tham gia đoàn`, {
          reason: 'TEAM_MEMBER_IS_SUBJECT',
          cadreId: c.id,
          rule: 'SUBJECT',
        });
      }
      const unit = await ctx.loaders.unitById.load(c.unitId);
      if (!unit || !subjectUnit || !unit.path.startsWith(subjectUnit.path)) continue;
      if (inspection.subjectType === InspectionSubjectType.UNIT) {
        throw conflict(
          `${c.fullName} công tác tại ${unit.name}, thuộc đơn vị được kiểm tra ${subjectUnit.name}: thành viên đoàn không được thuộc đơn vị được kiểm tra hoặc đơn vị cấp dưới của nó`,
          {
            cadreId: c.id,
            rule: 'MEMBER_OF_SUBJECT_UNIT',
            path,
          },
        );
      }
      const memberIsManager = (await ctx.loaders.postById.load(c.postId))?.isManagement ?? false;
      if (!(memberIsManager && !subjectIsManager)) {
        throw conflict(
          `${c.fullName} là cấp dưới trực tiếp của cán bộ được kiểm tra: công tác tại ${unit.name}, thuộc đơn vị ${subjectUnit.name} của người được kiểm tra, không giữ chức vụ quản lý cao hơn`,
          { cadreId: c.id, rule: 'CLOSE_SUBORDINATE', reason: 'TEAM_MEMBER_SUBORDINATE', path },
        );
      }
    }
  }

  /** Moves an inspection along its lifecycle; each stage asks for its own fields. */
  async transition(ctx: RequestContext, input: TransitionInspectionInput): Promise<Inspection> {
    const inspection = await this.lockForChange(ctx, input.id, input.version);
    assertInspectionTransition(inspection.status, input.to);
    const need = (value: unknown, field: string, why: string) => {
      if (value === undefined || value === null || value === '') {
        throw badInput(
          `Chuyển sang ${input.to} cần ${field}: ${why}`,
          [{ path: `input.${field}`, message: `bắt buộc khi chuyển sang ${input.to}` }],
          'FIELD_REQUIRED_FOR_STEP',
        );
      }
    };
    switch (input.to) {
      case InspectionStatus.DECIDED:
        need(input.decisionNumber, 'decisionNumber', 'số quyết định');
        need(input.decisionDate, 'decisionDate', 'ngày quyết định');
        need(input.issuingBody, 'issuingBody', 'cơ quan ban hành quyết định');
        if (!inspection.leaderId)
          throw conflict('Lập đoàn (setInspectionTeam) trước khi ra quyết định: quyết định phải nêu trưởng đoàn', {
            reason: 'TEAM_REQUIRED',
          });
        assertNotInFuture(input.decisionDate!, 'input.decisionDate', 'ngày quyết định kiểm tra, giám sát');
        inspection.decisionNumber = input.decisionNumber!;
        inspection.decisionDate = input.decisionDate!;
        inspection.issuingBody = input.issuingBody!;
        inspection.decisionRecordedBy = ctx.account?.id ?? null;
        break;
      case InspectionStatus.CONCLUDED:
        need(input.conclusion, 'conclusion', 'nội dung kết luận');
        need(input.assessment, 'assessment', 'đánh giá chung');
        inspection.conclusion = input.conclusion!;
        inspection.assessment = input.assessment!;
        inspection.concludedAt = new Date();
        inspection.concludedBy = ctx.account?.id ?? null;
        break;
      case InspectionStatus.CANCELLED:
        need(input.reason, 'reason', 'lý do hủy');
        inspection.cancelReason = input.reason!;
        break;
      case InspectionStatus.CLOSED: {
        const unfulfilled = await ctx.manager
          .createQueryBuilder(FollowUpItem, 'f')
          .where('f.inspection_id = :id AND f.fulfilled_on IS NULL', { id: inspection.id })
          .getCount();
        if (unfulfilled > 0)
          throw conflict(`Còn ${unfulfilled} kiến nghị sau kết luận chưa thực hiện; ghi nhận việc thực hiện trước khi kết thúc`, {
            reason: 'FOLLOW_UPS_OPEN',
          });
        break;
      }
      default:
        break;
    }
    const from = inspection.status;
    inspection.status = input.to;
    const saved = await ctx.manager.save(inspection);
    const payload = {
      inspectionId: saved.id,
      kind: saved.kind,
      status: saved.status,
      fromStatus: from,
      subjectType: saved.subjectType,
    };
    if (input.to === InspectionStatus.DECIDED)
      await recordEvent(ctx, BoardEventType.INSPECTION_OPENED, payload, await this.unitIdsOf(ctx, saved));
    if (input.to === InspectionStatus.CONCLUDED) {
      await recordEvent(
        ctx,
        BoardEventType.INSPECTION_CONCLUDED,
        { ...payload, assessment: saved.assessment },
        await this.unitIdsOf(ctx, saved),
      );
    }
    return saved;
  }

  /**
   * Records a finding while the team works (IN_PROGRESS or FINDINGS_REPORTED) and writes a
   * FINDING_RECORDED board event in the same transaction.
   */
  async recordFinding(ctx: RequestContext, input: RecordFindingInput): Promise<Finding> {
    const inspection = await ctx.manager.findOne(Inspection, {
      where: { id: input.inspectionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!inspection) throw notFound('Inspection', input.inspectionId);
    await assertNotInvolved(ctx, RecusableType.Inspection, inspection, 'Inspection');
    assertNotOwnCadre(
      ctx,
      input.concernedCadreIds,
      'Không thể ghi nhận phát hiện về chính mình: cán bộ có liên quan phải tránh (xung đột lợi ích).',
    );
    if (!FINDING_STAGES.includes(inspection.status)) {
      throw conflict(
        `Không ghi nhận phát hiện khi cuộc kiểm tra, giám sát đang ở ${inspection.status}: phát hiện được ghi nhận khi đang ở ${FINDING_STAGES.join(' hoặc ')}`,
        { status: inspection.status, reason: 'FINDING_STAGE' },
      );
    }
    if (input.recommendation === FindingRecommendation.CORRECT_BY_DATE && !input.correctBy) {
      throw badInput(
        'Kiến nghị CORRECT_BY_DATE cần correctBy: hạn khắc phục',
        [{ path: 'input.correctBy', message: 'bắt buộc với CORRECT_BY_DATE' }],
        'CORRECT_BY_REQUIRED',
      );
    }
    if (input.correctBy) assertNotInPast(input.correctBy, 'input.correctBy', 'hạn khắc phục (correctBy)');
    const cadreIds = [...new Set(input.concernedCadreIds)];
    const unitIds = [...new Set(input.concernedUnitIds)];
    for (const [i, c] of (await ctx.loaders.cadreById.loadMany(cadreIds)).entries())
      if (!c || c instanceof Error) throw notFound('Cadre', cadreIds[i]!);
    for (const [i, u] of (await ctx.loaders.unitById.loadMany(unitIds)).entries())
      if (!u || u instanceof Error) throw notFound('Unit', unitIds[i]!);
    const finding = await ctx.manager.save(
      ctx.manager.create(Finding, {
        inspectionId: inspection.id,
        description: input.description.trim(),
        area: input.area,
        severity: input.severity,
        concernedCadreIds: cadreIds,
        concernedUnitIds: unitIds,
        evidence: input.evidence ?? null,
        recommendation: input.recommendation,
        correctBy: input.correctBy ?? null,
        recordedBy: ctx.account?.id ?? null,
      }),
    );
    const cadres = (await ctx.loaders.cadreById.loadMany(cadreIds)) as Cadre[];
    const eventUnits = new Set([...(await this.unitIdsOf(ctx, inspection)), ...unitIds, ...cadres.map((c) => c.unitId)]);
    await recordEvent(
      ctx,
      BoardEventType.FINDING_RECORDED,
      {
        findingId: finding.id,
        inspectionId: inspection.id,
        area: finding.area,
        severity: finding.severity,
        recommendation: finding.recommendation,
      },
      [...eventUnits],
    );
    return finding;
  }

  async addFollowUp(ctx: RequestContext, input: AddFollowUpInput): Promise<FollowUpItem> {
    const inspection = await ctx.manager.findOne(Inspection, {
      where: { id: input.inspectionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!inspection) throw notFound('Inspection', input.inspectionId);
    await assertNotInvolved(ctx, RecusableType.Inspection, inspection, 'Inspection');
    if (inspection.status !== InspectionStatus.CONCLUDED && inspection.status !== InspectionStatus.FOLLOW_UP) {
      throw conflict(
        `Kiến nghị sau kết luận chỉ ghi khi đã có kết luận: cuộc kiểm tra, giám sát này đang ở ${inspection.status}`,
        {
          reason: 'NOT_CONCLUDED',
        },
      );
    }
    if (inspection.concludedAt)
      assertNotBefore(
        input.dueOn,
        dayInVietnam(inspection.concludedAt),
        'input.dueOn',
        'hạn thực hiện kiến nghị',
        'ngày kết luận',
      );
    return ctx.manager.save(
      ctx.manager.create(FollowUpItem, {
        inspectionId: inspection.id,
        text: input.text.trim(),
        dueOn: input.dueOn,
        recordedBy: ctx.account?.id ?? null,
      }),
    );
  }

  async fulfilFollowUp(ctx: RequestContext, input: FulfilFollowUpInput): Promise<FollowUpItem> {
    const item = await ctx.manager.findOne(FollowUpItem, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
    if (!item) throw notFound('Follow-up item', input.id);
    const inspection = await ctx.loaders.inspectionById.load(item.inspectionId);
    if (!inspection || (await isInvolved(ctx, RecusableType.Inspection, inspection))) throw notFound('Follow-up item', input.id);
    if (item.fulfilledOn)
      throw conflict(`Kiến nghị này đã được thực hiện ngày ${item.fulfilledOn}`, { reason: 'ALREADY_FULFILLED' });
    assertNotInFuture(input.fulfilledOn, 'input.fulfilledOn', 'ngày thực hiện kiến nghị');
    // The recommendation was made in the conclusion: it cannot be carried out before it.
    if (inspection.concludedAt)
      assertNotBefore(
        input.fulfilledOn,
        dayInVietnam(inspection.concludedAt),
        'input.fulfilledOn',
        'ngày thực hiện kiến nghị',
        'ngày kết luận kiến nghị',
      );
    item.fulfilledOn = input.fulfilledOn;
    item.fulfilmentNote = input.note;
    item.fulfilledBy = ctx.account?.id ?? null;
    return ctx.manager.save(item);
  }

  /** One inspection the caller may read, or NOT_FOUND. */
  async findReadable(ctx: RequestContext, id: string): Promise<Inspection> {
    const inspection = await ctx.loaders.inspectionById.load(id);
    if (!inspection || !(await this.canRead(ctx, inspection))) throw notFound('Inspection', id);
    return assertNotInvolved(ctx, RecusableType.Inspection, inspection, 'Inspection');
  }

  /** IC and SC read everything; a UNIT_HEAD reads concluded inspections of its units and their cadres. */
  async canRead(ctx: RequestContext, inspection: Inspection): Promise<boolean> {
    if (await isInvolved(ctx, RecusableType.Inspection, inspection)) return false;
    const role = ctx.account?.role;
    if (role && FULL_READERS.includes(role)) return true;
    if (role !== Role.UNIT_HEAD || !CONCLUDED_STAGES.includes(inspection.status)) return false;
    const scope = await visibleSubtree(ctx);
    for (const unitId of await this.unitIdsOf(ctx, inspection)) {
      const unit = await ctx.loaders.unitById.load(unitId);
      if (unit && scope && unit.path.startsWith(scope.path)) return true;
    }
    return false;
  }

  /**
   * The team's internal notes: only for IC and SC, and never for the cadre under inspection
   * (an account linked to that cadre gets FORBIDDEN whatever its role).
   */
  internalNotesFor(ctx: RequestContext, inspection: Inspection): string | null {
    const account = ctx.account;
    if (account?.cadreId && account.cadreId === inspection.subjectCadreId) {
      throw withReason(forbidden('Cán bộ được kiểm tra không được xem ghi chú nội bộ của đoàn'), 'RECUSED');
    }
    if (!account || !FULL_READERS.includes(account.role))
      throw withReason(
        forbidden('Chỉ Ủy ban Kiểm tra và Ban Thường vụ được xem ghi chú nội bộ của đoàn'),
        'INTERNAL_NOTES_READERS_ONLY',
      );
    return inspection.internalNotes;
  }

  /** The subject's unit (or the subject cadre's unit), for events and scoping. */
  async unitIdsOf(ctx: RequestContext, inspection: Inspection): Promise<string[]> {
    if (inspection.subjectUnitId) return [inspection.subjectUnitId];
    const cadre = inspection.subjectCadreId ? await ctx.loaders.cadreById.load(inspection.subjectCadreId) : null;
    return cadre ? [cadre.unitId] : [];
  }

  private async lockForChange(ctx: RequestContext, id: string, version: number): Promise<Inspection> {
    const inspection = await ctx.manager.findOne(Inspection, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!inspection) throw notFound('Inspection', id);
    await assertNotInvolved(ctx, RecusableType.Inspection, inspection, 'Inspection');
    assertVersion('Inspection', inspection, version);
    return inspection;
  }
}

/**
 * The cadres among `cadres` the caller may see in the register: all of them, except for a
 * UNIT_HEAD, who sees only those of its unit and the units below (team members from other units
 * stay hidden, as in `cadre(id)`).
 */
export async function visibleCadres(ctx: RequestContext, cadres: ReadonlyArray<Cadre | null | Error>): Promise<Cadre[]> {
  const present = cadres.filter((c): c is Cadre => !!c && !(c instanceof Error));
  const scope = await visibleSubtree(ctx);
  if (!scope) return present;
  const units = await ctx.loaders.unitById.loadMany(present.map((c) => c.unitId));
  return present.filter((_, i) => {
    const u = units[i];
    return !!u && !(u instanceof Error) && u.path.startsWith(scope.path);
  });
}
