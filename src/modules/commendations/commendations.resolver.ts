import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../accounts/role.enum';
import { Commendation } from './commendation.entity';
import { RecordCommendationInput } from './commendations.inputs';
import type { CommendationsService } from './commendations.service';

@Resolver(() => Commendation)
export class CommendationsResolver {
  constructor(private readonly service: CommendationsService) {}

  @Allow(Role.STANDING_COMMITTEE, Role.PARTY_BUILDING, Role.INSPECTION_COMMITTEE)
  @Mutation(() => Commendation, {
    description: 'Record a commendation of a cadre or a unit; it shows in their supervision record.',
  })
  recordCommendation(
    @Arg('input', { description: 'The commendation.' }) input: RecordCommendationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.record(ctx, input);
  }
}
