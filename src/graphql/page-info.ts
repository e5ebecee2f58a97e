import { Field, ObjectType } from 'type-graphql';
import { SIMPLE_RESOLVERS } from './simple-resolvers';

@ObjectType({
  description: 'Where a page stands in the whole list (Relay connections) (trạng thái phân trang).',
  simpleResolvers: SIMPLE_RESOLVERS,
})
export class PageInfo {
  @Field({ description: 'More items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Items precede this page (it was asked for with `after`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item; null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; null for an empty page. Pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

/**
 * Relay edges whose cursors are signed only when a client asks for one (a getter): most lists
 * are read without paging, and signing an HMAC per edge was a measurable share of a page.
 */
export function lazyEdges<T>(
  nodes: readonly T[],
  cursorOf: (node: T, index: number) => string,
): Array<{ node: T; readonly cursor: string }> {
  return nodes.map((node, i) => ({
    node,
    get cursor(): string {
      return cursorOf(node, i);
    },
  }));
}

/** The PageInfo of lazy edges: the first and last cursors, too, are signed only when asked for. */
export function lazyPageInfo(
  edges: ReadonlyArray<{ readonly cursor: string }>,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage,
    get startCursor(): string | null {
      return edges[0]?.cursor ?? null;
    },
    get endCursor(): string | null {
      return edges[edges.length - 1]?.cursor ?? null;
    },
  };
}
