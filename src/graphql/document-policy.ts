import {
  type DocumentNode,
  getNamedType,
  GraphQLError,
  type GraphQLSchema,
  isIntrospectionType,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import type { Config } from '../config/config';
import { limitRules, parseLimited } from './limits';
import { WellFormedTextRule } from './well-formed-text';

/** `extensions.reason` of a document refused for asking for the schema in production. */
export const INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED';

/**
 * graphql-js's NoSchemaIntrospectionCustomRule (a field whose type is `__Schema` or `__Type`, so
 * `__schema` and `__type` but not `__typename`), with a stable reason a client can test, and
 * one error where the document enters introspection rather than one per field below it.
 */
export const NoIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    const type = getNamedType(context.getType());
    const parent = context.getParentType();
    if (type && isIntrospectionType(type) && !(parent && isIntrospectionType(parent))) {
      context.reportError(
        new GraphQLError(
          `Máy chủ đã tắt chức năng tự mô tả lược đồ (introspection), nhưng tài liệu truy vấn trường "${node.name.value}". Lược đồ được công bố trong tệp schema/schema.graphql.`,
          { nodes: node, extensions: { reason: INTROSPECTION_DISABLED } },
        ),
      );
    }
  },
});

/**
 * What every transport (HTTP through Apollo, WebSocket through graphql-ws) applies to a
 * document before anything runs. Both take it from {@link documentPolicy}, so they cannot drift:
 * an anonymous socket must not learn what HTTP refuses to tell.
 */
export interface DocumentPolicy {
  /** Rules beyond graphql-js's specified ones: the limits, well-formed text, and in production no introspection. */
  readonly rules: readonly ValidationRule[];
  /** Strip "Did you mean …?" from error messages (production): they spell out the schema. */
  readonly hideSuggestions: boolean;
  readonly limits: Config['graphql'];
}

export function documentPolicy(config: Pick<Config, 'graphql' | 'isProduction'>): DocumentPolicy {
  return {
    rules: [...limitRules(config.graphql), WellFormedTextRule, ...(config.isProduction ? [NoIntrospectionRule] : [])],
    hideSuggestions: config.isProduction,
    limits: config.graphql,
  };
}

/**
 * Parses (with the token limit) and validates a document for a transport that does not do it
 * itself (the WebSocket server). Errors carry the codes Apollo gives the same failures over HTTP
 * (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`), so the formatter answers both alike.
 */
export function checkDocument(
  schema: GraphQLSchema,
  source: string,
  policy: DocumentPolicy,
): { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: GraphQLError[] } {
  const parsed = parseLimited(source, policy.limits);
  if (parsed instanceof GraphQLError) return { errors: [withCode(parsed, 'GRAPHQL_PARSE_FAILED')] };
  const errors = validate(schema, parsed, [...specifiedRules, ...policy.rules]);
  if (errors.length) return { errors: errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) };
  return { document: parsed };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions['code']) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}
