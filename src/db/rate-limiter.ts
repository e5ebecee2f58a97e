import type { DataSource } from 'typeorm';
import { rateLimited } from '../common/errors';

export interface RateLimit {
  /** Name used in the key and the error message, e.g. "report submissions". */
  action: string;
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window limits kept in PostgreSQL, so several instances share them. Counted on the pool,
 * outside the request's transaction: a rejected or failed request still counts.
 */
/** What each limited action is called in the message a person reads; an unlisted action is named as given. */
const ACTION_WORDS: Record<string, string> = {
  'report submissions': 'lượt gửi đơn thư',
  'tracking requests': 'lượt tra cứu đơn thư',
  'satisfaction submissions': 'lượt gửi ý kiến đánh giá',
  'directory searches': 'lượt tìm kiếm danh bạ',
  'evidence uploads': 'lượt tải lên tài liệu',
};

export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one hit for `client`, or throws RATE_LIMITED naming the limit and when to retry. */
  async hit(limit: RateLimit, client: string): Promise<void> {
    const rows: Array<{ hits: number; retry: number }> = await this.dataSource.query(
      `INSERT INTO rate_limit_bucket AS b (key, window_start, hits) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE b.hits + 1 END,
         window_start = CASE WHEN b.window_start <= now() - make_interval(secs => $2) THEN now() ELSE b.window_start END
       RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry`,
      [`${limit.action}:${client}`, limit.windowSeconds],
    );
    const row = rows[0];
    if (row && row.hits > limit.max) {
      const retry = Math.max(1, row.retry);
      throw rateLimited(
        `Quá nhiều ${ACTION_WORDS[limit.action] ?? limit.action} từ địa chỉ của bạn (tối đa ${limit.max} lượt trong ${limit.windowSeconds} giây); hãy thử lại sau ${retry} giây`,
        retry,
      );
    }
  }
}
