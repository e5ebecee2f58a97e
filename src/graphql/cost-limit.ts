import {
  type ArgumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type SelectionSetNode,
  typeFromAST,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Size assumed for a list whose size nothing bounds (no `first`/`count`, no "at most N"). */
export const DEFAULT_LIST_SIZE = 10;

/** Arguments that set how many items a list (or a connection's `edges`/`nodes`) holds. */
const SIZE_ARGS = new Set(['first', 'count']);

/**
 * The documented maximum of a size argument: its description says "1 to N" (for instance
 * "Page size, 1 to 100."). The same words a frontend team reads bound the cost, and the
 * contract test (test/e2e/contract.e2e-spec.ts) checks that the validators enforce that maximum.
 */
export function documentedMaximum(arg: Pick<GraphQLArgument, 'description'>): number | undefined {
  const m = /\b1 to (\d[\d,]*)/.exec(arg.description ?? '');
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

/** The bound a list field's own description gives ("at most 500"), if any. */
function describedBound(field: GraphQLField<unknown, unknown>): number | undefined {
  const m = /\bat most (\d[\d,]*)/.exec(field.description ?? '');
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

/** The size a `first`/`count` argument asks for: its literal, its maximum for a variable, its default when omitted. */
function requestedSize(field: GraphQLField<unknown, unknown>, nodes: readonly ArgumentNode[]): number | undefined {
  for (const arg of field.args) {
    if (!SIZE_ARGS.has(arg.name)) continue;
    const given = nodes.find((a) => a.name.value === arg.name);
    const max = documentedMaximum(arg) ?? DEFAULT_LIST_SIZE;
    if (!given) return typeof arg.defaultValue === 'number' ? arg.defaultValue : max;
    // A variable may carry anything up to the maximum (validation runs before variables are read).
    if (given.value.kind === Kind.INT) return Math.min(Math.max(Number(given.value.value), 0), max);
    return max;
  }
  return undefined;
}

/**
 * The cost of a document: the most objects its response may hold, as GitHub's node limit counts
 * them. Each object is a row or a loader hit to fetch; scalars cost nothing, since they come with
 * their object and the token limit bounds how many a document can name. Each object field counts
 * 1 plus its selection, times the size of the list it returns. A list's size is its `first` or
 * `count` (a variable counts as the documented maximum, an omitted argument as its default); on a
 * connection that size applies to the lists directly inside it (`edges`, `nodes`); a list nothing
 * bounds counts as its description's "at most N", else {@link DEFAULT_LIST_SIZE}. Introspection
 * counts nothing. A fragment is costed once per size it is spread under, so a chain of spreads
 * cannot make the computation itself expensive; a cycle counts 0 here (graphql-js refuses it).
 *
 * graphql-armor's cost rule, used before, multiplied by `first` only when it was a literal (a
 * stock Relay or Apollo document passes it as a variable and was costed as one item), and it
 * charged scalars, so a wide 100-row page cost more than a document nesting lists three deep.
 */
export function costOf(context: ValidationContext, selectionSet: SelectionSetNode, parent: GraphQLCompositeType): number {
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  const fragmentCost = (fragment: FragmentDefinitionNode, inherited: number | undefined): number => {
    // A fragment on a connection type takes the size of the field it is spread in.
    const key = `${fragment.name.value} ${inherited ?? ''}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0;
    visiting.add(key);
    const type = typeFromAST(context.getSchema(), fragment.typeCondition);
    const cost = type && isCompositeType(type) ? selectionCost(fragment.selectionSet, type, inherited) : 0;
    visiting.delete(key);
    fragmentCosts.set(key, cost);
    return cost;
  };

  /** `inherited`: the size a connection's `first` gives the lists directly inside it. */
  const selectionCost = (set: SelectionSetNode, type: GraphQLCompositeType, inherited: number | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, type, inherited);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const cond = selection.typeCondition ? typeFromAST(context.getSchema(), selection.typeCondition) : type;
        if (cond && isCompositeType(cond)) total += selectionCost(selection.selectionSet, cond, inherited);
      } else {
        const fragment = context.getFragment(selection.name.value);
        if (fragment) total += fragmentCost(fragment, inherited);
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parentType: GraphQLCompositeType, inherited: number | undefined): number => {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) return 0;
    const field = parentType.getFields()[name];
    // An unknown field: graphql-js's FieldsOnCorrectTypeRule reports it.
    if (!field) return 0;
    const size = requestedSize(field, node.arguments ?? []);
    const nullable = getNullableType(field.type);
    const named = getNamedType(field.type);
    const list = isListType(nullable);
    // A size on a list is that list's; on an object (a connection), that of the lists inside it.
    const inner = list ? undefined : size;
    if (!node.selectionSet || !isCompositeType(named)) return 0;
    const each = 1 + selectionCost(node.selectionSet, named, inner);
    if (!list) return each;
    return each * (size ?? inherited ?? describedBound(field) ?? DEFAULT_LIST_SIZE);
  };

  return selectionCost(selectionSet, parent, undefined);
}

/**
 * Refuses an operation whose {@link costOf} exceeds `maxCost`, naming both numbers. Reports
 * through the validation context, so the request is a 400 and runs no resolver.
 */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const root = context.getSchema().getRootType(operation.operation);
      if (!root) return;
      const cost = costOf(context, operation.selectionSet, root);
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(
            `Truy vấn quá nặng: chi phí ${cost} vượt giới hạn ${maxCost}; hãy yêu cầu ít trường hoặc ít bản ghi hơn mỗi trang`,
            {
              nodes: [operation],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY', cost, maxCost },
            },
          ),
        );
      }
    },
  });
}
