import type { Logger } from '../common/logger';

/** Told the payload of a DATA_CHANGED outbox row (`{ kind, version }`). */
export type DataChangeListener = (payload: Record<string, unknown>) => void | Promise<void>;

/**
 * The listeners of DATA_CHANGED outbox rows: in-memory copies of shared data (rule data) that
 * must follow a change committed by any instance. The row is written in the changing
 * transaction, so it reaches every instance through the event feed, rung by the same doorbell
 * as the board's events; a listener that fails is logged and does not stop the feed.
 */
export class FeedNotices {
  private readonly listeners = new Set<DataChangeListener>();

  onChange(listener: DataChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tell(payload: Record<string, unknown>, logger?: Logger): void {
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(payload))
        .catch((err: unknown) =>
          logger?.error({ err: err instanceof Error ? err.message : String(err) }, 'data change listener failed'),
        );
    }
  }
}
