import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** Calls `visit` for every field of the selection sets, through fragment spreads and inline fragments. */
function eachField(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], visit: (field: FieldNode) => void): void {
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) visit(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) eachField(info, [selection.selectionSet], visit);
      else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) eachField(info, [fragment.selectionSet], visit);
      }
    }
  }
}

/**
 * Look-ahead: the names of the fields the document selects at `path` below the field being
 * resolved (e.g. `['edges', 'node']` of a connection), whatever the aliases, fragments and inline
 * fragments. A field under `@skip`/`@include` counts as selected: a list that preloads it only
 * sends the statement its field resolver would have sent.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    eachField(info, sets, (field) => {
      if (field.name.value === step && field.selectionSet) next.push(field.selectionSet);
    });
    sets = next;
  }
  const names = new Set<string>();
  eachField(info, sets, (field) => names.add(field.name.value));
  return names;
}
