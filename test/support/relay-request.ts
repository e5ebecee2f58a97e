import {
  type ArgumentNode,
  getNamedType,
  getNullableType,
  type GraphQLCompositeType,
  type GraphQLSchema,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import type { ConcreteRequest, NormalizationSelection, ReaderSelection } from 'relay-runtime';

/**
 * What the Relay compiler would emit for a plain query (fields, arguments, variables; no fragments,
 * directives or @connection): the artifact relay-runtime's fetchQuery, normalizer and reader
 * consume. Standing in for the compiler, a Rust binary and a build step, in a Node test.
 */
export function concreteRequest(schema: GraphQLSchema, text: string): ConcreteRequest {
  const document = parse(text);
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op?.name) throw new Error('a named operation is needed');
  const args = (nodes: readonly ArgumentNode[] | undefined) =>
    nodes?.length
      ? nodes.map((a) =>
          a.value.kind === Kind.VARIABLE
            ? { kind: 'Variable' as const, name: a.name.value, variableName: a.value.name.value }
            : { kind: 'Literal' as const, name: a.name.value, value: valueFromASTUntyped(a.value) as unknown },
        )
      : null;
  const selections = (set: SelectionSetNode, parent: GraphQLCompositeType): Array<NormalizationSelection & ReaderSelection> =>
    set.selections.map((s) => {
      if (s.kind !== Kind.FIELD || !isObjectType(parent)) throw new Error('only fields on object types');
      const field = parent.getFields()[s.name.value];
      if (!field) throw new Error(`${parent.name}.${s.name.value} is not in the schema`);
      const common = { alias: s.alias?.value ?? null, name: s.name.value, args: args(s.arguments), storageKey: null };
      if (!s.selectionSet) return { kind: 'ScalarField', ...common } as never;
      const named = getNamedType(field.type) as GraphQLCompositeType;
      return {
        kind: 'LinkedField',
        ...common,
        concreteType: isObjectType(named) ? named.name : null,
        plural: isListType(getNullableType(field.type)),
        selections: selections(s.selectionSet, named),
      } as never;
    });
  const root = selections(op.selectionSet, schema.getQueryType()!);
  const argumentDefinitions = (op.variableDefinitions ?? []).map((v) => ({
    kind: 'LocalArgument' as const,
    name: v.variable.name.value,
    defaultValue: v.defaultValue ? (valueFromASTUntyped(v.defaultValue) as unknown) : null,
  }));
  const name = op.name.value;
  return {
    kind: 'Request',
    fragment: { kind: 'Fragment', name, type: 'Query', metadata: null, argumentDefinitions, selections: root },
    operation: { kind: 'Operation', name, argumentDefinitions, selections: root },
    params: { id: null, cacheID: name, metadata: {}, name, operationKind: 'query', text: print(document) },
  } as unknown as ConcreteRequest;
}
