import { badInput } from '../common/errors';
import type { CursorCodec } from '../graphql/cursor';

/**
 * A place in the board feed. The feed's order is (txId, id): the writing transaction's id, then
 * the event id. It is a property of the rows alone, so every instance delivers in the same order
 * and a cursor from one instance resumes on another.
 */
export interface FeedPosition {
  readonly tx: bigint;
  readonly id: bigint;
}

/** Before every event. */
export const FEED_START: FeedPosition = Object.freeze({ tx: 0n, id: 0n });

export function comparePositions(a: FeedPosition, b: FeedPosition): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

const KIND = 'board';

/** Signed, opaque board cursors (`CursorCodec`), of a kind of their own. */
export class FeedCursors {
  constructor(private readonly codec: CursorCodec) {}

  encode(p: FeedPosition): string {
    return this.codec.encode({ k: KIND, t: p.tx.toString(), i: p.id.toString() });
  }

  /** The position of a cursor this server issued, or BAD_USER_INPUT at `path`. */
  decode(cursor: string, path: string): FeedPosition {
    const value = this.codec.decode(cursor, path);
    const t = value['t'];
    const i = value['i'];
    if (value['k'] !== KIND || typeof t !== 'string' || typeof i !== 'string' || !/^\d{1,20}$/.test(t) || !/^\d{1,20}$/.test(i)) {
      throw badInput(
        `${path} không phải con trỏ của dòng sự kiện; hãy dùng cursor của một BoardEvent hoặc của latestBoardEvents`,
        [{ path, message: 'không phải con trỏ của dòng sự kiện', code: 'INVALID_CURSOR' }],
        'INVALID_CURSOR',
      );
    }
    return { tx: BigInt(t), id: BigInt(i) };
  }
}
