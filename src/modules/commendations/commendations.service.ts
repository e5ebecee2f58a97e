import { badInput, notFound } from '../../common/errors';
import { todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import { Commendation } from './commendation.entity';
import type { RecordCommendationInput } from './commendations.inputs';

/** Commendations of cadres and units. */
export class CommendationsService {
  async record(ctx: RequestContext, input: RecordCommendationInput): Promise<Commendation> {
    if (!!input.cadreId === !!input.unitId) {
      throw badInput('A commendation is for one cadre or one unit: give exactly one of cadreId and unitId', [
        { path: 'input.cadreId', message: 'exactly one of cadreId, unitId' },
      ]);
    }
    const today = todayInVietnam();
    if (input.decisionDate > today)
      throw badInput(`The decision date ${input.decisionDate} is in the future (today is ${today})`, [
        { path: 'input.decisionDate', message: 'must not be in the future' },
      ]);
    if (input.cadreId && !(await ctx.loaders.cadreById.load(input.cadreId))) throw notFound('Cadre', input.cadreId);
    if (input.unitId && !(await ctx.loaders.unitById.load(input.unitId))) throw notFound('Unit', input.unitId);
    return ctx.manager.save(
      ctx.manager.create(Commendation, { ...input, cadreId: input.cadreId ?? null, unitId: input.unitId ?? null }),
    );
  }
}
