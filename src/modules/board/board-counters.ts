import type { DataSource } from 'typeorm';
import type { Logger } from '../../common/logger';
import { Ticker } from './ticker';

/** Advisory lock key of the fold (one instance folds at a time; the others skip that round). */
const FOLD_LOCK = 0x6273_6364; // "bscd"

/**
 * Folds the triggers' deltas (board_count_delta) into board_count, in every instance every
 * `intervalMs`. The deltas are moved in one transaction (DELETE … RETURNING, then an upsert of
 * their sums), so a board statement, which sums both tables at one snapshot, sees each change
 * exactly once, before or after the fold. Folds never touch the rows writers insert after the
 * DELETE's snapshot; concurrent folds would wait on each other's upserts, so an instance whose
 * try-lock fails skips its turn.
 */
export class BoardCounterFolder {
  private readonly ticker: Ticker;

  constructor(
    private readonly dataSource: DataSource,
    opts: { intervalMs: number; logger: Logger },
  ) {
    this.ticker = new Ticker('board-count-fold', opts.intervalMs, () => this.fold(), opts.logger);
  }

  start(): void {
    this.ticker.start();
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  /** Folds every delta committed so far; returns how many were folded (0 when another instance held the lock). */
  async fold(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = (await m.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [FOLD_LOCK])) as [
        { locked: boolean },
      ];
      if (!locked) return 0;
      const [row] = (await m.query(
        `WITH moved AS (DELETE FROM board_count_delta RETURNING facet, key, day, n),
              summed AS (SELECT facet, key, day, sum(n) AS n, count(*) AS c FROM moved GROUP BY facet, key, day),
              upserted AS (
                INSERT INTO board_count (facet, key, day, n) SELECT facet, key, day, n FROM summed ORDER BY facet, key, day
                ON CONFLICT (facet, key, day) DO UPDATE SET n = board_count.n + EXCLUDED.n RETURNING 1)
         SELECT coalesce((SELECT sum(c) FROM summed), 0)::int AS folded, (SELECT count(*) FROM upserted)::int AS rows`,
      )) as Array<{ folded: number }>;
      return row?.folded ?? 0;
    });
  }
}
