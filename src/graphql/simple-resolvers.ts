import { getMetadataStorage } from 'type-graphql';

/**
 * `simpleResolvers` of the object types on hot read paths (cadres, units, posts, the supervision
 * record, inspections, findings, reports, cases, commendations, the signed-in account): their plain
 * fields use graphql-js's default resolver instead of type-graphql's wrapper, which built a
 * resolver-data object and ran the (empty) middleware chain for every field of every row. Field
 * resolvers are not affected. A simple field skips `@Authorized`, so `assertNoFieldAuthorization`
 * refuses to build a schema where a plain field carries one (access is decided on root fields and
 * in field resolvers here).
 */
export const SIMPLE_RESOLVERS = true;

/** Throws when `@Authorized` sits on a field of an object type rather than on a resolver method. */
export function assertNoFieldAuthorization(): void {
  // By the object type classes (type-graphql keeps its metadata on globalThis, so it may also
  // hold classes of an earlier module registry, e.g. between test files of one Jest worker).
  const storage = getMetadataStorage();
  const objectTypes = new Set<Function>(storage.objectTypes.map((o) => o.target));
  const onFields = storage.authorizedFields.filter((a) => objectTypes.has(a.target));
  if (onFields.length) {
    throw new Error(
      `@Authorized on object type fields would be skipped by simpleResolvers: ${onFields.map((a) => `${a.target.name}.${a.fieldName}`).join(', ')}`,
    );
  }
}
