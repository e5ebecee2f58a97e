import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { type DocumentNode, GraphQLError, type ParseOptions, parse, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from '../config/config';
import { costLimitRule } from './cost-limit';

export type GraphqlLimits = Config['graphql'];

/** Largest `first` a connection accepts (a few lists of small rows document a larger one: "1 to 500"). */
export const MAX_PAGE_SIZE = 100;

/**
 * The validation rules that bound a document's depth, aliases and cost. HTTP and WebSocket
 * use the same list, and validation runs before any resolver, so a rejected document runs no SQL.
 */
export function limitRules(limits: GraphqlLimits): ValidationRule[] {
  // Report, don't throw: a thrown error would surface as a server fault instead of a 400.
  const report = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, err: GraphQLError) =>
        ctx?.reportError(
          new GraphQLError(err.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
        ),
    ],
  };
  return (
    [
      maxDepthRule({ n: limits.maxDepth, ...report }),
      maxAliasesRule({ n: limits.maxAliases, ...report }),
    ] as unknown as ValidationRule[]
  ).concat(costLimitRule(limits.maxCost));
}

/** Parser options: graphql-js stops lexing past `maxTokens`, before building the document. */
export function parseOptions(limits: GraphqlLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/** Parses with the token limit; a syntax or size error comes back as a GraphQLError. */
export function parseLimited(source: string, limits: GraphqlLimits): DocumentNode | GraphQLError {
  try {
    return parse(source, parseOptions(limits));
  } catch (err) {
    if (err instanceof GraphQLError) return err;
    throw err;
  }
}
