import { Arg, Args, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Allow } from '../../../graphql/access';
import type { RequestContext } from '../../../graphql/context';
import { AGGREGATE_READERS, READERS } from '../quality.access';
import { pageSize } from '../quality.validation';
import { TargetRecordsArgs } from './targets.inputs';
import type { TargetsService } from './targets.service';
import { TargetEntry, TargetRecordPage } from './targets.types';

@Resolver()
export class TargetsResolver {
  constructor(private readonly service: TargetsService) {}

  @Allow(...AGGREGATE_READERS)
  @Query(() => [TargetEntry], {
    description:
      'The seven 2030 targets of the resolution (mục tiêu cụ thể, section II.3) for a year (2025 to now), within a unit’s subtree (default: everything; a UNIT_HEAD its own): each judged on each of its parts (verdict), with the parts’ measures and 2025 values, trend since 2025, by body and by unit. Each figure’s records: targetRecords.',
  })
  targets(
    @Arg('year', () => Int, { description: 'Year measured.' }) year: number,
    @Arg('unitId', () => ID, { nullable: true, description: 'Scope: this unit and the units below.' }) unitId: string | null,
    @Arg('unitsFirst', () => Int, { defaultValue: 20, description: 'Units in each byUnit list (worst first), 1 to 100.' })
    unitsFirst: number,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.targets(ctx, year, unitId ?? null, pageSize(unitsFirst, 'unitsFirst'));
  }

  @Allow(...READERS)
  @Query(() => TargetRecordPage, {
    description:
      'The records a target’s figure (or with part, one part’s figure) counts: its denominator, or with counted the numerator or the rest; by id, paged. Not for VIEWER (aggregates only).',
  })
  async targetRecords(@Args() args: TargetRecordsArgs, @Ctx() ctx: RequestContext) {
    const page = await this.service.records(
      ctx,
      args.target,
      args.year,
      args.unitId ?? null,
      args.counted ?? null,
      args.first,
      args.after ?? null,
      args.part ?? null,
      args.row ?? null,
    );
    const pageInfo = {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: !!args.after,
      startCursor: page.nodes[0]?.id ?? null,
      endCursor: page.endCursor,
    };
    return { ...page, pageInfo };
  }
}
