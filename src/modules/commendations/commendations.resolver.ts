import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { StaffActor, staffActor } from '../accounts/accounts.types';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { Commendation } from './commendation.entity';
import { CommendationsArgs, RecordCommendationInput, UpdateCommendationInput } from './commendations.inputs';
import { CommendationConnection } from './commendations.types';
import type { CommendationsService } from './commendations.service';

/** Who records, corrects and lists commendations. */
const COMMENDATION_STAFF = [Role.STANDING_COMMITTEE, Role.PARTY_BUILDING, Role.INSPECTION_COMMITTEE] as const;

@Resolver(() => Commendation)
export class CommendationsResolver {
  constructor(private readonly service: CommendationsService) {}

  @Allow(...COMMENDATION_STAFF)
  @Query(() => CommendationConnection, {
    description: 'Commendations of cadres and units, latest decision first, with filters.',
  })
  commendations(@Args() args: CommendationsArgs, @Ctx() ctx: RequestContext) {
    return this.service.list(ctx, args);
  }

  @Allow(...COMMENDATION_STAFF)
  @Mutation(() => Commendation, {
    description:
      'Correct a commendation (form, level, decision number or date, issuing body, reason); the cadre or unit stays. A stale version is CONFLICT.',
  })
  updateCommendation(@Arg('input', { description: 'The change.' }) input: UpdateCommendationInput, @Ctx() ctx: RequestContext) {
    return this.service.update(ctx, input);
  }

  @Allow(...COMMENDATION_STAFF)
  @Mutation(() => Commendation, {
    description: 'Record a commendation of a cadre or a unit; it shows in their supervision record.',
  })
  recordCommendation(
    @Arg('input', { description: 'The commendation.' }) input: RecordCommendationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.record(ctx, input);
  }

  @FieldResolver(() => StaffActor, {
    nullable: true,
    description: 'The staff account that recorded the commendation; null for commendations recorded before this was kept.',
  })
  recordedBy(@Root() commendation: Commendation, @Ctx() ctx: RequestContext) {
    return staffActor(ctx, commendation.recordedBy);
  }
}
