import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { badInput } from '../../common/errors';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { visibleSubtree } from '../units/unit-scope';
import { BoardEvent, boardEventOf, BoardEventPage, BoardEventType } from './board-event.types';
import { BOARD_ROLES, sees, type Viewer } from './board-visibility';
import type { BoardDelivery } from '../../events/delivery';
import { comparePositions, type FeedPosition } from '../../events/feed-position';
import type { Audience, LiveOperation } from '../../events/fan-out';

/** The operation context of a subscribe over WebSocket (src/http/ws-server.ts sets `live`). */
export interface LiveContext extends RequestContext {
  live?: LiveOperation;
}

/**
 * The root value of every subscription operation (src/http/ws-server.ts passes it): how a
 * subscription field reaches the app's delivery, which decorators cannot capture.
 */
export interface SubscriptionRoot {
  readonly board: BoardDelivery;
}

const MAX_SCANNED = 2000;

type StreamName = 'boardEvents' | 'reportReceived' | 'findingRecorded';

/** The subscription fields, and the event types each delivers (null: all). */
const STREAMS: Readonly<Record<StreamName, ReadonlySet<string> | null>> = {
  boardEvents: null,
  reportReceived: new Set([BoardEventType.REPORT_RECEIVED, BoardEventType.PRESS_REPORT_RECORDED]),
  findingRecorded: new Set([BoardEventType.FINDING_RECORDED]),
};

/**
 * A subscriber of a stream as the fan-out sees it: the stream's types and what the viewer may
 * see (board-visibility.ts), asked before every frame; subscribers of one role share renders.
 */
function audienceOf(stream: StreamName, viewer: Viewer): Audience {
  const types = STREAMS[stream];
  return {
    permissionKey: viewer.role,
    wants: (event) => (types === null || types.has(event.type)) && sees(viewer, event),
  };
}

async function viewerOf(ctx: RequestContext): Promise<Viewer> {
  const account = ctx.account!;
  const scope = account.role === Role.UNIT_HEAD ? await visibleSubtree(ctx) : null;
  return { accountId: account.id, role: account.role, scopePath: scope?.path ?? null, cadreId: account.cadreId };
}

async function open(
  stream: StreamName,
  data: { source: unknown; args: Record<string, unknown>; context: unknown; info: GraphQLResolveInfo },
): Promise<AsyncIterable<never>> {
  const ctx = data.context as LiveContext;
  const root = data.source as Partial<SubscriptionRoot> | undefined;
  if (!ctx.live || !root?.board)
    throw badInput(
      'Các subscription được phục vụ qua WebSocket (giao thức graphql-transport-ws) tại /graphql',
      [],
      'SUBSCRIPTION_OVER_WEBSOCKET_ONLY',
    );
  const board = root.board;
  const raw = data.args['after'];
  let after: FeedPosition | null = null;
  if (typeof raw === 'string') {
    after = board.cursors.decode(raw, 'after');
    const end = await board.reader.end();
    if (comparePositions(after, end) > 0) {
      throw badInput(
        'after ở sau sự kiện mới nhất: con trỏ này không thuộc dòng sự kiện này; hãy đăng ký không kèm con trỏ hoặc với con trỏ mới hơn',
        [{ path: 'after', message: 'con trỏ ở sau sự kiện mới nhất', code: 'INVALID_CURSOR' }],
        'INVALID_CURSOR',
      );
    }
  }
  return board.fanOut.open(audienceOf(stream, await viewerOf(ctx)), ctx.live, ctx, after);
}

/**
 * The newest `count` events the caller may see, newest first, and the cursor after the newest
 * event of the feed (so a subscription with it continues with no gap). For other parts of the
 * API that show recent events (e.g. the board query).
 */
export async function latestBoardEvents(board: BoardDelivery, ctx: RequestContext, count: number): Promise<BoardEventPage> {
  const viewer = await viewerOf(ctx);
  const { reader, cursors } = board;
  const events: BoardEvent[] = [];
  let end: FeedPosition | null = null;
  let before: FeedPosition | null = null;
  for (let scanned = 0; events.length < count && scanned < MAX_SCANNED;) {
    const page = await reader.before(before, 100);
    if (!page.length) break;
    end ??= page[0]!.position;
    for (const e of page) {
      if (events.length < count && sees(viewer, e)) events.push(boardEventOf(e, cursors.encode(e.position)));
    }
    scanned += page.length;
    before = page[page.length - 1]!.position;
    if (page.length < 100) break;
  }
  return { events, cursor: cursors.encode(end ?? (await reader.end())) };
}

@Resolver()
export class BoardEventsResolver {
  constructor(private readonly board: BoardDelivery) {}

  @Query(() => BoardEventPage, {
    description:
      'The newest board events the caller may see, and the cursor after them: subscribe with boardEvents(after: cursor) to continue live with no gap.',
  })
  @Allow(...BOARD_ROLES)
  async latestBoardEvents(
    @Ctx() ctx: RequestContext,
    @Arg('count', () => Int, { nullable: true, defaultValue: 10, description: 'How many events, 1 to 100.' })
    count: number | null,
  ): Promise<BoardEventPage> {
    count ??= 10;
    if (!Number.isInteger(count) || count < 1 || count > 100) {
      throw badInput(
        `count phải từ 1 đến 100, nhận được ${count}`,
        [{ path: 'count', message: 'phải từ 1 đến 100', code: 'OUT_OF_RANGE' }],
        'OUT_OF_RANGE',
      );
    }
    return latestBoardEvents(this.board, ctx, count);
  }

  @Subscription(() => BoardEvent, {
    description:
      'Every board event the caller may see, as it commits. With `after` (a cursor of an event or of latestBoardEvents), first every event after it, from the table, then live: no gap and no duplicate at the seam, so a client that reconnects with the last cursor it saw loses nothing.',
    subscribe: (data) => open('boardEvents', data as never),
  })
  @Allow(...BOARD_ROLES)
  boardEvents(
    @Root() event: BoardEvent,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Cursor to resume after; omitted: only what commits from now on.',
    })
    _after?: string | null,
  ): BoardEvent {
    return event;
  }

  @Subscription(() => BoardEvent, {
    description: 'New reports from every source (REPORT_RECEIVED and PRESS_REPORT_RECORDED), public fields only.',
    subscribe: (data) => open('reportReceived', data as never),
  })
  @Allow(...BOARD_ROLES)
  reportReceived(@Root() event: BoardEvent): BoardEvent {
    return event;
  }

  @Subscription(() => BoardEvent, {
    description: 'New inspection findings (FINDING_RECORDED), for the two committees.',
    subscribe: (data) => open('findingRecorded', data as never),
  })
  @Allow(Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE)
  findingRecorded(@Root() event: BoardEvent): BoardEvent {
    return event;
  }
}
