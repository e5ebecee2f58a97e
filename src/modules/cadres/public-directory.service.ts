import { badInput } from '../../common/errors';
import type { RateLimiter } from '../../db/rate-limiter';
import type { RequestContext } from '../../graphql/context';
import { EmploymentStatus } from './cadre.enums';
import { DIRECTORY_MIN_SEARCH, type PublicDirectoryEntry, PublicDirectoryKind } from './public-directory.types';

/** Serving cadres: the others have left the ward, and the public directory lists who serves it now. */
const SERVING = [EmploymentStatus.ACTIVE, EmploymentStatus.ON_LEAVE];

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * The public directory: serving cadres and units by name, for a citizen naming whom a report
 * concerns. It reads only public facts (name, post, unit) and nothing about reports, so it needs
 * no recusal check; it is public, so it is limited per client address and answers only a search
 * of at least {@link DIRECTORY_MIN_SEARCH} characters (no listing of the whole register at once).
 */
export class PublicDirectoryService {
  constructor(
    private readonly rateLimiter: RateLimiter,
    private readonly limits: { searchesPerHour: number },
  ) {}

  /**
   * Entries whose name holds every word of `search`, accent- and case-insensitive (the database's
   * `search_text`: unaccent, đ → d, lower case). Ranked: the exact name first, then names holding
   * every word as a whole word, then as part of a word; by name within a rank, cadres before units.
   */
  async search(ctx: RequestContext, search: string, first: number): Promise<PublicDirectoryEntry[]> {
    await this.rateLimiter.hit(
      { action: 'directory searches', max: this.limits.searchesPerHour, windowSeconds: 3600 },
      ctx.clientAddress,
    );
    const text = search.normalize('NFC').trim().replace(/\s+/g, ' ');
    if ([...text].length < DIRECTORY_MIN_SEARCH)
      throw badInput(
        `Hãy nhập ít nhất ${DIRECTORY_MIN_SEARCH} ký tự của tên cần tìm`,
        [{ path: 'search', message: `ít nhất ${DIRECTORY_MIN_SEARCH} ký tự` }],
        'SEARCH_TOO_SHORT',
      );
    const words = text.split(' ').slice(0, 8);
    const params: unknown[] = [words.join(' '), first, SERVING];
    const parts = words.map((w) => {
      params.push(`%${likeEscape(w)}%`);
      return `$${params.length}`;
    });
    const all = 'search_text($1)';
    const matches = (col: string) => parts.map((p) => `${col} LIKE search_text(${p})`).join(' AND ');
    const whole = (col: string) => `array_append(string_to_array(${col}, ' '), ${col}) @> string_to_array(${all}, ' ')`;
    const tier = (col: string) => `CASE WHEN ${col} = ${all} THEN 0 WHEN ${whole(col)} THEN 1 ELSE 2 END`;
    // One walk of the name order per rank, each stopping at `first` rows: a common word costs a
    // bounded read, not a sort of every name that holds it.
    const cadreRank = (t: number, cond: string) =>
      `(SELECT ${t} AS tier, 'CADRE' AS kind, c.id, c.full_name AS name, p.name AS post_title, u.name AS unit_name, c.search_name AS key
          FROM cadre c JOIN post p ON p.id = c.post_id JOIN unit u ON u.id = c.unit_id
         WHERE c.status = ANY($3::employment_status[]) AND ${cond}
         ORDER BY c.search_name, c.id LIMIT $2)`;
    const rows = (await ctx.manager.query(
      `${cadreRank(0, `c.search_name = ${all}`)}
       UNION ALL ${cadreRank(1, `${whole('c.search_name')} AND c.search_name <> ${all}`)}
       UNION ALL ${cadreRank(2, `${matches('c.search_name')} AND NOT (${whole('c.search_name')})`)}
       UNION ALL (SELECT ${tier('search_text(u.name)')}, 'UNIT', u.id, u.name, NULL, parent.name, search_text(u.name)
          FROM unit u LEFT JOIN unit parent ON parent.id = u.parent_id
         WHERE ${matches('search_text(u.name)')}
         ORDER BY 1, 7, 3 LIMIT $2)
       ORDER BY tier, kind, key, id LIMIT $2`,
      params,
    )) as Array<{ kind: string; id: string; name: string; post_title: string | null; unit_name: string | null }>;
    return rows.map((r) => ({
      kind: r.kind === 'UNIT' ? PublicDirectoryKind.UNIT : PublicDirectoryKind.CADRE,
      id: r.id,
      name: r.name,
      postTitle: r.post_title,
      unitName: r.unit_name,
    }));
  }
}
