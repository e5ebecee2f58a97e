import { isUUID } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { CursorCodec } from '../../graphql/cursor';

export interface KeysetPage<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  countTotal: () => Promise<number>;
}

/**
 * Newest first by (`timeColumn`, id), with signed cursors: an edited or foreign cursor is
 * BAD_USER_INPUT at `after`. `timeOf` reads the same instant from a row.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  base: SelectQueryBuilder<T>,
  alias: string,
  timeColumn: string,
  timeOf: (row: T) => Date,
  args: { first: number; after?: string },
  cursors: CursorCodec,
): Promise<KeysetPage<T>> {
  const page = base
    .clone()
    .orderBy(`${alias}.${timeColumn}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(args.first + 1);
  if (args.after) {
    const c = cursors.decode(args.after, 'after');
    const at = typeof c['at'] === 'string' ? new Date(c['at']) : null;
    const id = c['id'];
    if (!at || Number.isNaN(at.getTime()) || typeof id !== 'string' || !isUUID(id) || c['k'] !== alias)
      cursors.decode('', 'after');
    page.andWhere(`(${alias}.${timeColumn}, ${alias}.id) < (:at, :id)`, { at, id });
  }
  const rows = await page.getMany();
  const nodes = rows.slice(0, args.first);
  const edges = nodes.map((node) => ({
    node,
    cursor: cursors.encode({ k: alias, at: timeOf(node).toISOString(), id: node.id }),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > args.first,
      hasPreviousPage: !!args.after,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    countTotal: () => base.clone().getCount(),
  };
}
