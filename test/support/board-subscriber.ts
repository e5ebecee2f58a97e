import type { Client } from 'graphql-ws';
import { wsClient } from './ws-client';

export interface ReceivedEvent {
  cursor: string;
  id: string;
  type: string;
  reportId: string | null;
  payload: Record<string, unknown>;
}

export const BOARD_FIELDS = 'cursor id type occurredAt reportId inspectionId findingId disciplineCaseId payload';

/** A real graphql-ws subscription that records what it receives. */
export class Subscriber {
  readonly events: ReceivedEvent[] = [];
  readonly errors: unknown[] = [];
  completed = false;
  private waiters: Array<() => void> = [];
  private unsubscribe: () => void = () => undefined;

  constructor(readonly client: Client) {}

  static open(url: string, token: string | undefined, field: string, args = ''): Subscriber {
    const client = wsClient(url, token ? { token } : undefined);
    const s = new Subscriber(client);
    s.subscribe(`subscription { ${field}${args} { ${BOARD_FIELDS} } }`);
    return s;
  }

  subscribe(query: string, variables?: Record<string, unknown>): void {
    this.unsubscribe = this.client.subscribe<Record<string, ReceivedEvent>>(
      { query, variables },
      {
        next: (v) => {
          if (v.errors) this.errors.push(...v.errors);
          const data = v.data;
          if (data) for (const e of Object.values(data)) this.events.push(e);
          this.notify();
        },
        error: (err) => {
          this.errors.push(err);
          this.notify();
        },
        complete: () => {
          this.completed = true;
          this.notify();
        },
      },
    );
  }

  private notify() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** Waits until `pred` holds (checked on every message), or fails after `ms`. */
  async until(pred: (s: Subscriber) => boolean, ms = 15000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pred(this)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${what}: ${this.events.length} events, errors ${JSON.stringify(this.errors)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  ids(): string[] {
    return this.events.map((e) => e.id);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.client.dispose();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
