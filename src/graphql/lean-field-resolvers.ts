import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Resolver = GraphQLFieldResolver<unknown, unknown>;
type Method = (...params: unknown[]) => unknown;
type ParamKind = 'root' | 'context' | 'info';

interface ParamLike {
  kind: string;
  index: number;
  propertyName?: string | undefined;
  getType?: (() => unknown) | undefined;
}

/** Calls `method` with the resolver's arguments in the order its parameters name them. */
function caller(method: Method, instance: object, kinds: readonly ParamKind[]): Resolver {
  switch (kinds.join(',')) {
    case 'root':
      return (root) => method.call(instance, root);
    case 'root,context':
      return (root, _args, ctx) => method.call(instance, root, ctx);
    case 'root,context,info':
      return (root, _args, ctx, info) => method.call(instance, root, ctx, info);
    default:
      return (root, _args, ctx, info) =>
        method.apply(
          instance,
          kinds.map((k) => (k === 'root' ? root : k === 'context' ? ctx : info)),
        );
  }
}

/** The lean resolver of one field resolver method, or undefined when it needs what only type-graphql's wrapper does. */
function leanResolver(
  params: readonly ParamLike[],
  instance: Record<string, unknown>,
  methodName: string,
  original: Resolver,
): Resolver | undefined {
  const method = instance[methodName];
  if (typeof method !== 'function') return undefined;
  const sorted = [...params].sort((a, b) => a.index - b.index);
  const kinds: ParamKind[] = [];
  for (const [i, p] of sorted.entries()) {
    // @Root() and @Ctx() whole, @Info(): anything else (@Arg, @Args with validation, a property of
    // the root or context, a custom decorator) keeps type-graphql's wrapper.
    const plain = (p.kind === 'root' || p.kind === 'context' || p.kind === 'info') && !p.propertyName;
    if (!plain || p.index !== i) return undefined;
    kinds.push(p.kind as ParamKind);
  }
  const call = caller(method as Method, instance, kinds);
  const target = sorted.find((p) => p.kind === 'root')?.getType?.();
  if (target === undefined) return call;
  if (typeof target !== 'function') return undefined;
  // type-graphql converts a root that is not an instance of the declared class (a plain object)
  // into one; such a root still goes through its wrapper.
  const Target = target as abstract new (...a: never[]) => unknown;
  return (root, args, ctx, info) =>
    root === null || root === undefined || root instanceof Target ? call(root, args, ctx, info) : original(root, args, ctx, info);
}

/**
 * Replaces type-graphql's wrapper around field resolver methods (`@FieldResolver` in a resolver
 * class) with a direct call, where the wrapper has nothing to do: no `@Authorized` roles, no
 * middleware (none, global or per resolver), and parameters that are only the whole root (an
 * instance of its class), the whole context and the info. Per call the wrapper built a
 * resolver-data object, looked the resolver instance up, sorted and mapped the parameter
 * metadata and ran an empty middleware chain: on a page of 50 cadres with `unit`, `post` and
 * `isManager`, 150 times. Access is not affected: it is decided on root fields (`@Allow`, whose
 * roles keep a field on the wrapper) and inside the resolvers and services (the recusal policy
 * wraps the schema's fields afterwards, src/modules/recusal). Returns how many fields were made lean.
 */
export function leanFieldResolvers(
  schema: GraphQLSchema,
  container: { resolverClasses(): Function[]; get(someClass: Function): unknown },
): number {
  const storage = getMetadataStorage();
  const resolvers = new Set(container.resolverClasses());
  const typeNames = new Map<Function, string>(storage.objectTypes.map((o) => [o.target, o.name]));
  let lean = 0;
  for (const meta of storage.fieldResolvers) {
    if (meta.kind !== 'external' || !resolvers.has(meta.target)) continue;
    if (meta.roles !== undefined || meta.middlewares?.length) continue;
    const objectClass = meta.getObjectType?.();
    const typeName = objectClass ? typeNames.get(objectClass) : undefined;
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!isObjectType(type)) continue;
    const field = type.getFields()[meta.schemaName];
    if (!field?.resolve) continue;
    const resolver = leanResolver(
      (meta.params ?? []) as ParamLike[],
      container.get(meta.target) as Record<string, unknown>,
      meta.methodName,
      field.resolve,
    );
    if (!resolver) continue;
    field.resolve = resolver;
    lean++;
  }
  return lean;
}
