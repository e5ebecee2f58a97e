import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { getNamedType, type GraphQLResolveInfo, isObjectType, Kind, type SelectionSetNode } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import type { BoardService } from './board.service';
import { Board, CountByKey, DayCount } from './board.types';

/** Longest window of `reportsPerDay`. */
export const MAX_BOARD_DAYS = 366;

@ArgsType()
class ReportsPerDayArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 30,
    description: `Days to show, today included: 1 to ${MAX_BOARD_DAYS} (default 30).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'days must be at least 1' })
  @Max(MAX_BOARD_DAYS, { message: `days must be at most ${MAX_BOARD_DAYS}` })
  days?: number | null;
}

/**
 * The longest `reportsPerDay(days)` window selected under the `board` field (aliases, fragments and
 * variables included; 0 when there is none), so the board reads the received counts of those
 * days only. A value validation will refuse, or a field it cannot read, gives the longest
 * window: the figures stay right, only the statement reads more.
 */
export function selectedPerDayDays(info: GraphQLResolveInfo): number {
  const type = getNamedType(info.returnType);
  const board = isObjectType(type) ? type : null;
  const field = board?.getFields()['reportsPerDay'];
  if (!field) return MAX_BOARD_DAYS;
  let most = 0;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        if (seen.has(sel.name.value)) continue;
        seen.add(sel.name.value);
        walk(info.fragments[sel.name.value]?.selectionSet);
      } else if (sel.name.value === 'reportsPerDay') {
        let days: unknown;
        try {
          days = getArgumentValues(field, sel, info.variableValues)['days'] ?? 30;
        } catch {
          days = MAX_BOARD_DAYS;
        }
        most = Math.max(
          most,
          Number.isInteger(days) && (days as number) >= 1 && (days as number) <= MAX_BOARD_DAYS
            ? (days as number)
            : MAX_BOARD_DAYS,
        );
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return most;
}

@Resolver(() => Board)
export class BoardResolver {
  constructor(private readonly board: BoardService) {}

  @Query(() => Board, {
    name: 'board',
    description:
      'The supervision board: open reports, deadlines, intake, inspections, findings and discipline cases. For the Inspection and Standing Committees (everything) and unit heads (their units and the units below); others FORBIDDEN.',
  })
  @Allow(Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE, Role.UNIT_HEAD)
  boardQuery(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Board> {
    return this.board.board(ctx, selectedPerDayDays(info));
  }

  @FieldResolver(() => [CountByKey], {
    description: 'Open reports (RECEIVED to CONCLUDED) by stage; every open stage, zeros included.',
  })
  openReportsByStatus(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.openByStatus(ctx, b);
  }

  @FieldResolver(() => Int, {
    description:
      'Anonymous denunciations kept as information (status INFORMATION, Luật Tố cáo Art. 25) and not yet used or filed: not cases, so in no open or overdue figure; counted here on their own.',
  })
  informationCount(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.informationCount(ctx, b);
  }

  @FieldResolver(() => [CountByKey], { description: 'Open reports by kind (ReportKind); every kind, zeros included.' })
  openReportsByKind(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.openByKind(ctx, b);
  }

  @FieldResolver(() => [CountByKey], { description: 'Open reports by source (ReportSource); every source, zeros included.' })
  openReportsBySource(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.openBySource(ctx, b);
  }

  @FieldResolver(() => Int, {
    description: 'Open reports whose current stage is past its due date (the same as reports(filter: { overdue: true })).',
  })
  overdueCount(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.overdue(ctx, b);
  }

  @FieldResolver(() => Int, {
    description:
      'Open reports whose current stage is due within dueSoonDays (BOARD_DUE_SOON_DAYS, default 3) days from now, not yet overdue.',
  })
  dueSoonCount(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.dueSoon(ctx, b);
  }

  @FieldResolver(() => Int, { description: 'Reports received today (Vietnam’s calendar day, UTC+7).' })
  receivedToday(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.receivedSince(ctx, b, 'today');
  }

  @FieldResolver(() => Int, { description: 'Reports received this week, from Monday (Vietnam’s calendar).' })
  receivedThisWeek(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.receivedSince(ctx, b, 'week');
  }

  @FieldResolver(() => Int, { description: 'Reports received this month, from the first (Vietnam’s calendar).' })
  receivedThisMonth(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.receivedSince(ctx, b, 'month');
  }

  @FieldResolver(() => Int, {
    description:
      'Inspections and supervisions under way: IN_PROGRESS or FINDINGS_REPORTED (work started, not yet concluded). Always 0 for a UNIT_HEAD.',
  })
  inspectionsInProgress(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.inspectionsInProgress(ctx, b);
  }

  @FieldResolver(() => [CountByKey], {
    description:
      'Findings recorded this month (Vietnam’s calendar) by severity, withdrawn ones left out; every severity, zeros included.',
  })
  findingsThisMonthBySeverity(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.findingsBySeverity(ctx, b);
  }

  @FieldResolver(() => [CountByKey], {
    description:
      'Findings recorded this month by area, withdrawn ones left out, including the "3 không" (CORRUPTION, DISTANCE_FROM_PEOPLE, STAGNATION); every area, zeros included.',
  })
  findingsThisMonthByArea(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.findingsByArea(ctx, b);
  }

  @FieldResolver(() => [CountByKey], {
    description: 'Discipline cases by stage (DisciplineStatus), all of them; every stage, zeros included. Empty for a UNIT_HEAD.',
  })
  disciplineCasesByStatus(@Root() b: Board, @Ctx() ctx: RequestContext) {
    return this.board.disciplineByStatus(ctx, b);
  }

  @FieldResolver(() => [DayCount], {
    description:
      'Reports received per day (Vietnam’s calendar), every day of the window, zeros included, oldest first, today last.',
  })
  reportsPerDay(@Root() b: Board, @Args() { days }: ReportsPerDayArgs, @Ctx() ctx: RequestContext) {
    return this.board.reportsPerDay(ctx, b, days ?? 30);
  }
}
