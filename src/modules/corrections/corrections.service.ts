import { badInput, conflict, forbidden, notFound, withReason } from '../../common/errors';
import { assertNotBefore, assertNotInFuture, dayInVietnam } from '../../common/date-rules';
import { Role } from '../../common/role.enum';
import { isRealDate, NO_CONTROL_CHARS } from '../../common/validation';
import { assertVersion } from '../../db/optimistic-lock';
import type { RequestContext } from '../../graphql/context';
import { isInspectionChair } from '../accounts/inspection-chair';
import { Commendation } from '../commendations/commendation.entity';
import { assertCommendationFits } from '../commendations/commendations.service';
import { DisciplineCase } from '../discipline/discipline-case.entity';
import type { DisciplineService } from '../discipline/discipline.service';
import { Finding } from '../inspections/finding.entity';
import { FollowUpItem } from '../inspections/follow-up.entity';
import { Inspection } from '../inspections/inspection.entity';
import { FindingStatus } from '../inspections/inspection.enums';
import { assertNotInvolved, RecusableType } from '../recusal/recusal.policy';
import {
  CorrectableField as F,
  CorrectableItem as I,
  DecisionCorrection,
  type RecomputedValue,
} from './decision-correction.entity';
import type { CorrectDecisionInput, WithdrawFindingInput } from './corrections.inputs';

/** Which fields may be corrected on which item. */
export const CORRECTABLE: Record<I, readonly F[]> = {
  [I.INSPECTION]: [F.DECISION_DATE, F.DECISION_NUMBER],
  [I.FINDING]: [F.CORRECT_BY],
  [I.FOLLOW_UP]: [F.DUE_ON, F.FULFILLED_ON],
  [I.DISCIPLINE_CASE]: [F.DECISION_DATE, F.DECISION_NUMBER, F.EFFECTIVE_DATE],
  [I.COMMENDATION]: [F.DECISION_DATE, F.DECISION_NUMBER],
};

/** Roles that may ask for a correction; the service then requires the recorder or the Inspection Committee. */
export const CORRECTORS = [Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE, Role.PARTY_BUILDING];

function requireReason(reason: string): string {
  const r = reason.trim();
  if (!r)
    throw badInput(
      'Đính chính hoặc rút phải có lý do: ghi rõ vì sao giá trị đã ghi nhận là sai',
      [{ path: 'input.reason', message: 'bắt buộc, không để trống' }],
      'CORRECTION_REASON_REQUIRED',
    );
  return r;
}

/**
 * Only the account that recorded the value, or the chair of the Inspection Committee (the account
 * designated `isInspectionChair`), corrects it.
 */
async function assertMayCorrect(ctx: RequestContext, recordedBy: string | null): Promise<void> {
  const account = ctx.account;
  if (account && (account.id === recordedBy || (await isInspectionChair(ctx)))) return;
  throw withReason(
    forbidden('Chỉ người đã ghi nhận hoặc Chủ nhiệm Ủy ban Kiểm tra được đính chính giá trị này'),
    'NOT_RECORDER_OR_CHAIR',
  );
}

/** Corrections of recorded dates and decision numbers, and withdrawal of findings recorded in error. */
export class CorrectionsService {
  constructor(private readonly discipline: DisciplineService) {}

  /**
   * Corrects one recorded value with a reason. The date rules of the original recording apply to
   * the new value; a correction that moves a deadline recomputes it and lists it in `recomputed`.
   * The old value stays in the history; nothing is written when a rule refuses.
   */
  async correct(ctx: RequestContext, input: CorrectDecisionInput): Promise<DecisionCorrection> {
    const reason = requireReason(input.reason);
    if (!CORRECTABLE[input.itemType].includes(input.field))
      throw badInput(
        `Không thể đính chính ${input.field} của ${input.itemType}: chỉ ${CORRECTABLE[input.itemType].join(', ')}`,
        [{ path: 'input.field', message: `chỉ ${CORRECTABLE[input.itemType].join(', ')}` }],
        'FIELD_NOT_CORRECTABLE',
      );
    const value = input.value.trim();
    if (input.field === F.DECISION_NUMBER) {
      if (!value || !NO_CONTROL_CHARS.test(value))
        throw badInput('Số quyết định không được để trống', [{ path: 'input.value', message: 'bắt buộc' }], 'INVALID_VALUE');
    } else if (!isRealDate(value)) {
      throw badInput(
        `${value} không phải một ngày YYYY-MM-DD có thật`,
        [{ path: 'input.value', message: 'YYYY-MM-DD' }],
        'INVALID_VALUE',
      );
    }
    const needVersion = (what: string, row: { id: string; version: number }) => {
      if (input.version === undefined || input.version === null)
        throw badInput(
          `Đính chính ${what} cần version đã đọc`,
          [{ path: 'input.version', message: 'bắt buộc' }],
          'VERSION_REQUIRED',
        );
      assertVersion(what, row, input.version);
    };
    const notRecorded = (what: string) =>
      conflict(`${what} chưa được ghi nhận: chưa có gì để đính chính`, { reason: 'NOT_RECORDED_YET' });
    let old: string | null;
    let recomputed: RecomputedValue[] = [];
    const m = ctx.manager;
    switch (input.itemType) {
      case I.INSPECTION: {
        const row = await m.findOne(Inspection, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
        if (!row) throw notFound('Inspection', input.id);
        await assertNotInvolved(ctx, RecusableType.Inspection, row, 'Inspection');
        needVersion('Inspection', row);
        if (!row.decisionDate) throw notRecorded('Quyết định kiểm tra');
        await assertMayCorrect(ctx, row.decisionRecordedBy);
        if (input.field === F.DECISION_DATE) {
          assertNotInFuture(value, 'input.value', 'ngày quyết định kiểm tra, giám sát');
          old = row.decisionDate;
          row.decisionDate = value;
        } else {
          old = row.decisionNumber;
          row.decisionNumber = value;
        }
        await m.save(row);
        ctx.loaders.inspectionById.clear(row.id);
        break;
      }
      case I.FINDING: {
        const row = await m.findOne(Finding, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
        if (!row) throw notFound('Finding', input.id);
        await assertNotInvolved(ctx, RecusableType.Finding, row, 'Finding');
        if (row.status === FindingStatus.WITHDRAWN)
          throw conflict('Phát hiện đã bị rút: không đính chính phát hiện đã rút', { reason: 'FINDING_WITHDRAWN' });
        if (!row.correctBy) throw notRecorded('Hạn khắc phục');
        await assertMayCorrect(ctx, row.recordedBy);
        assertNotBefore(value, dayInVietnam(row.recordedAt), 'input.value', 'hạn khắc phục', 'ngày ghi nhận phát hiện');
        old = row.correctBy;
        recomputed = [{ field: 'correctBy', from: old, to: value }];
        row.correctBy = value;
        await m.save(row);
        break;
      }
      case I.FOLLOW_UP: {
        const row = await m.findOne(FollowUpItem, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
        if (!row) throw notFound('Follow-up item', input.id);
        const inspection = await m.findOneOrFail(Inspection, { where: { id: row.inspectionId } });
        await assertNotInvolved(ctx, RecusableType.Inspection, inspection, 'Inspection');
        const concluded = inspection.concludedAt ? dayInVietnam(inspection.concludedAt) : null;
        if (input.field === F.DUE_ON) {
          await assertMayCorrect(ctx, row.recordedBy);
          if (concluded) assertNotBefore(value, concluded, 'input.value', 'hạn thực hiện kiến nghị', 'ngày kết luận');
          old = row.dueOn;
          recomputed = [{ field: 'dueOn', from: old, to: value }];
          row.dueOn = value;
        } else {
          if (!row.fulfilledOn) throw notRecorded('Việc thực hiện kiến nghị');
          await assertMayCorrect(ctx, row.fulfilledBy);
          assertNotInFuture(value, 'input.value', 'ngày thực hiện kiến nghị');
          if (concluded) assertNotBefore(value, concluded, 'input.value', 'ngày thực hiện kiến nghị', 'ngày kết luận kiến nghị');
          old = row.fulfilledOn;
          row.fulfilledOn = value;
        }
        await m.save(row);
        break;
      }
      case I.DISCIPLINE_CASE: {
        const row = await m.findOne(DisciplineCase, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
        if (!row) throw notFound('Discipline case', input.id);
        await assertNotInvolved(ctx, RecusableType.DisciplineCase, row, 'Discipline case');
        needVersion('Discipline case', row);
        if (!row.decisionDate) throw notRecorded('Quyết định kỷ luật');
        await assertMayCorrect(ctx, row.decisionRecordedBy);
        if (input.field === F.DECISION_DATE) {
          old = row.decisionDate;
          recomputed = await this.discipline.recomputeForDecisionDate(ctx, row, value);
          row.decisionDate = value;
        } else if (input.field === F.EFFECTIVE_DATE) {
          assertNotBefore(value, row.decisionDate, 'input.value', 'ngày có hiệu lực', 'ngày quyết định');
          old = row.effectiveDate;
          row.effectiveDate = value;
        } else {
          old = row.decisionNumber;
          row.decisionNumber = value;
        }
        await m.save(row);
        ctx.loaders.disciplineCaseById.clear(row.id);
        break;
      }
      case I.COMMENDATION: {
        const row = await m.findOne(Commendation, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
        if (!row) throw notFound('Commendation', input.id);
        await assertNotInvolved(ctx, RecusableType.Commendation, row, 'Commendation');
        needVersion('Commendation', row);
        await assertMayCorrect(ctx, row.recordedBy);
        if (input.field === F.DECISION_DATE) {
          assertNotInFuture(value, 'input.value', 'ngày quyết định khen thưởng');
          old = row.decisionDate;
          row.decisionDate = value;
          await assertCommendationFits(ctx, row);
        } else {
          old = row.decisionNumber;
          row.decisionNumber = value;
        }
        await m.save(row);
        ctx.loaders.commendationById.clear(row.id);
        break;
      }
    }
    if (old === value)
      throw badInput(
        `Giá trị đính chính trùng giá trị đã ghi nhận (${value})`,
        [{ path: 'input.value', message: 'không đổi' }],
        'NO_CHANGE',
      );
    return m.save(
      m.create(DecisionCorrection, {
        itemType: input.itemType,
        itemId: input.id,
        field: input.field,
        oldValue: old,
        newValue: value,
        reason,
        recomputed,
        correctedBy: ctx.account?.id ?? null,
      }),
    );
  }

  /**
   * Withdraws a finding recorded in error: kept and readable, marked WITHDRAWN with the reason,
   * who and when; out of the board's figures; it can no longer open a discipline case. Refused
   * (CONFLICT) while a case opened from it is still alive.
   */
  async withdrawFinding(ctx: RequestContext, input: WithdrawFindingInput): Promise<Finding> {
    const reason = requireReason(input.reason);
    const row = await ctx.manager.findOne(Finding, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound('Finding', input.id);
    await assertNotInvolved(ctx, RecusableType.Finding, row, 'Finding');
    if (row.status === FindingStatus.WITHDRAWN)
      throw conflict(`Phát hiện này đã được rút ngày ${row.withdrawnAt!.toISOString().slice(0, 10)}`, {
        reason: 'FINDING_ALREADY_WITHDRAWN',
      });
    await assertMayCorrect(ctx, row.recordedBy);
    const [{ n }] = (await ctx.manager.query(
      `SELECT count(*)::int AS n FROM discipline_case WHERE finding_id = $1 AND status <> 'DROPPED'`,
      [row.id],
    )) as [{ n: number }];
    if (n > 0)
      throw withReason(
        conflict(`Phát hiện đang là căn cứ của ${n} vụ việc kỷ luật: kết thúc (không kỷ luật) các vụ việc đó trước khi rút`),
        'FINDING_HAS_CASE',
      );
    row.status = FindingStatus.WITHDRAWN;
    row.withdrawnAt = new Date();
    row.withdrawnBy = ctx.account?.id ?? null;
    row.withdrawalReason = reason;
    const saved = await ctx.manager.save(row);
    ctx.loaders.findingById.clear(row.id);
    return saved;
  }
}
