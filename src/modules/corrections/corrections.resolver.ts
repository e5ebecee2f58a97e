import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { Commendation } from '../commendations/commendation.entity';
import { DisciplineCase } from '../discipline/discipline-case.entity';
import { Finding } from '../inspections/finding.entity';
import { FollowUpItem } from '../inspections/follow-up.entity';
import { Inspection } from '../inspections/inspection.entity';
import { CorrectDecisionInput, WithdrawFindingInput } from './corrections.inputs';
import { CORRECTORS, type CorrectionsService } from './corrections.service';
import { DecisionCorrection } from './decision-correction.entity';

const HISTORY = 'Corrections of its recorded dates and decision numbers, oldest first, each with the old value and the reason.';

@Resolver(() => DecisionCorrection)
export class CorrectionsResolver {
  constructor(private readonly service: CorrectionsService) {}

  @Allow(...CORRECTORS)
  @Mutation(() => DecisionCorrection, {
    description:
      'Correct a recorded date or decision number of an inspection, finding, follow-up, discipline case or commendation, with a reason; the old value is kept (the item’s `corrections`). Allowed to the account that recorded the value or the chair of the Inspection Committee (the account designated `isInspectionChair`; FORBIDDEN, reason NOT_RECORDER_OR_CHAIR). The date rules of recording apply to the new value (DATE_IN_FUTURE, DATE_BEFORE_PREDECESSOR); a blank reason is CORRECTION_REASON_REQUIRED; a date that deadlines count from recomputes them, listed in `recomputed`.',
  })
  correctDecision(@Arg('input', { description: 'The correction.' }) input: CorrectDecisionInput, @Ctx() ctx: RequestContext) {
    return this.service.correct(ctx, input);
  }

  @Allow(Role.INSPECTION_COMMITTEE)
  @Mutation(() => Finding, {
    description:
      'Withdraw a finding recorded in error, with a reason: it stays readable, marked WITHDRAWN, drops out of the board’s figures and can no longer open a discipline case. CONFLICT when already withdrawn or while a case opened from it is not DROPPED (reason FINDING_HAS_CASE).',
  })
  withdrawFinding(
    @Arg('input', { description: 'The finding and why.' }) input: WithdrawFindingInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.withdrawFinding(ctx, input);
  }
}

/** The `corrections` field of one kind of correctable item: one query per request for all items asked. */
function correctionsField<T extends { id: string }>(of: new () => T) {
  @Resolver(() => of)
  class CorrectionsFieldResolver {
    @FieldResolver(() => [DecisionCorrection], { description: HISTORY })
    corrections(@Root() item: T, @Ctx() ctx: RequestContext) {
      return ctx.loaders.correctionsByItem.load(item.id);
    }
  }
  return CorrectionsFieldResolver;
}

export const InspectionCorrectionsResolver = correctionsField(Inspection);
export const FindingCorrectionsResolver = correctionsField(Finding);
export const FollowUpCorrectionsResolver = correctionsField(FollowUpItem);
export const DisciplineCaseCorrectionsResolver = correctionsField(DisciplineCase);
export const CommendationCorrectionsResolver = correctionsField(Commendation);
