import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../../common/errors';
import { Role } from '../../../common/role.enum';
import { ISO_DATE, isRealDate } from '../../../common/validation';
import { Allow, Public } from '../../../graphql/access';
import type { RequestContext } from '../../../graphql/context';
import { Cadre } from '../../cadres/cadre.entity';
import { READERS, RECEPTION_STAFF } from '../quality.access';
import { ReceptionKind } from '../quality.enums';
import { loadCadres } from '../quality.loaders';
import { ReceptionSchedule, ReceptionSession } from './reception.entity';
import { RecordReceptionSessionInput, ScheduleReceptionInput } from './reception.inputs';
import type { ReceptionService } from './reception.service';

/** A day argument: written YYYY-MM-DD and a real calendar day (2026-02-30 is neither an error of ours nor a day). */
const day = (value: string, path: string) => {
  if (!ISO_DATE.test(value))
    throw badInput(
      `${path}: ngày phải viết theo dạng YYYY-MM-DD (ví dụ 2026-02-28)`,
      [{ path, message: 'phải viết theo dạng YYYY-MM-DD', code: 'DATE_FORMAT' }],
      'DATE_FORMAT',
    );
  if (!isRealDate(value))
    throw badInput(
      `${path}: ${value} không phải là một ngày có thật`,
      [{ path, message: 'không phải là một ngày có thật', code: 'DATE_NOT_REAL' }],
      'DATE_NOT_REAL',
    );
  return value;
};

@Resolver()
export class ReceptionResolver {
  constructor(private readonly reception: ReceptionService) {}

  @Public()
  @Query(() => [ReceptionSchedule], {
    description:
      'The published schedule of citizen reception days and dialogues between two days (at most 400 days); no account needed.',
  })
  receptionSchedule(
    @Arg('from', { description: 'First day (YYYY-MM-DD).' }) from: string,
    @Arg('to', { description: 'Last day (YYYY-MM-DD).' }) to: string,
    @Ctx() ctx: RequestContext,
  ) {
    return this.reception.publicSchedule(ctx, day(from, 'from'), day(to, 'to'));
  }

  @Allow(...RECEPTION_STAFF)
  @Mutation(() => ReceptionSchedule, { description: 'Publish a reception day or dialogue of a ward leader.' })
  scheduleReception(@Arg('input', { description: 'The entry.' }) input: ScheduleReceptionInput, @Ctx() ctx: RequestContext) {
    return this.reception.schedule(ctx, input);
  }

  @Allow(...RECEPTION_STAFF)
  @Mutation(() => ReceptionSession, {
    description: 'Record a reception session or dialogue that was held, with the reports recorded from it.',
  })
  recordReceptionSession(
    @Arg('input', { description: 'The session.' }) input: RecordReceptionSessionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.reception.recordSession(ctx, input);
  }

  @Allow(...READERS, Role.INTAKE_STAFF)
  @Query(() => [ReceptionSession], { description: 'Sessions and dialogues held between two days, at most 500.' })
  receptionSessions(
    @Arg('from', { description: 'First day (YYYY-MM-DD).' }) from: string,
    @Arg('to', { description: 'Last day (YYYY-MM-DD).' }) to: string,
    @Arg('kind', () => ReceptionKind, { nullable: true, description: 'Only this kind.' }) kind: ReceptionKind | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.reception.sessions(ctx, day(from, 'from'), day(to, 'to'), kind ?? null);
  }
}

@Resolver(() => ReceptionSession)
export class ReceptionSessionResolver {
  @FieldResolver(() => [Cadre], { description: 'The cadres who received the citizens.' })
  receivers(@Root() s: ReceptionSession, @Ctx() ctx: RequestContext) {
    return loadCadres(ctx, s.receiverCadreIds);
  }
}
