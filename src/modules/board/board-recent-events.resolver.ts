import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { BoardEvent } from './board-event.types';
import { latestBoardEvents } from './board-events.resolver';
import type { BoardDelivery } from '../../events/delivery';
import { Board } from './board.types';

/** How many events `Board.recentEvents` shows. */
export const BOARD_RECENT_EVENTS = 10;

/**
 * `Board.recentEvents`: the board's feed, from the live-board delivery (src/events), filtered
 * for the caller exactly as the subscriptions are.
 */
@Resolver(() => Board)
export class BoardRecentEventsResolver {
  constructor(private readonly delivery: BoardDelivery) {}

  @FieldResolver(() => [BoardEvent], {
    description: `The ${BOARD_RECENT_EVENTS} most recent board events the caller may see, newest first. To follow the feed live with no gap, use latestBoardEvents { events cursor } and boardEvents(after: cursor).`,
  })
  async recentEvents(@Ctx() ctx: RequestContext): Promise<BoardEvent[]> {
    return (await latestBoardEvents(this.delivery, ctx, BOARD_RECENT_EVENTS)).events;
  }
}
