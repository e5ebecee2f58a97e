import { type DocumentNode, execute, getOperationAST, GraphQLError, type GraphQLSchema, specifiedRules, validate } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { Logger } from '../common/logger';
import { requestScope } from '../common/request-scope';
import type { RequestContext } from '../graphql/context';
import { formatError } from '../graphql/format-error';
import { limitRules, parseLimited } from '../graphql/limits';
import { type LoaderFactory, newContext, requestIdFrom } from '../graphql/request-context';
import { assertWellFormedVariables } from '../graphql/well-formed-text';
import { asExecutionError, runInTransaction, runOperation } from './operation-transaction';

/** A GraphQL answer as `POST /graphql` gives it: data, or errors formatted by the API's own formatter. */
export interface InProcessResult<T> {
  data: T | null;
  errors: GraphQLFormattedError[];
}

export interface InProcessDeps {
  schema: GraphQLSchema;
  dataSource: DataSource;
  makeLoaders: LoaderFactory;
  logger: Logger;
  graphql: Config['graphql'];
  hideSuggestions: boolean;
  ringDoorbell?: (() => void) | undefined;
}

/**
 * Runs GraphQL documents inside the process against the app's own schema, as `POST /graphql`
 * runs them: the same validation and limits, one transaction per mutation, the same error
 * formatting. The server-rendered pages (the citizen's page) use it, so what they do is
 * literally what the public API does — no second path into the services.
 */
export class InProcessGraphql {
  private readonly rules;
  private readonly documents = new Map<string, DocumentNode>();

  constructor(private readonly deps: InProcessDeps) {
    this.rules = [...specifiedRules, ...limitRules(deps.graphql)];
  }

  private document(source: string): DocumentNode {
    let doc = this.documents.get(source);
    if (doc) return doc;
    const parsed = parseLimited(source, this.deps.graphql);
    if (parsed instanceof GraphQLError) throw parsed;
    const errors = validate(this.deps.schema, parsed, this.rules);
    // The documents are the pages' own constants: an invalid one is a defect, found by the tests.
    if (errors.length) throw new Error(`In-process document is invalid: ${errors.map((e) => e.message).join('; ')}`);
    this.documents.set(source, parsed);
    doc = parsed;
    return doc;
  }

  /**
   * Runs `work` for an anonymous caller in one transaction, as a mutation would run: for the HTTP
   * steps GraphQL does not carry (files), with the services the resolvers use.
   */
  async transaction<T>(clientAddress: string, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const ctx = this.context(clientAddress);
    return runInTransaction(this.deps.dataSource, ctx, () => work(ctx));
  }

  private context(clientAddress: string) {
    const requestId = requestScope.getStore()?.requestId ?? requestIdFrom(undefined);
    return newContext(this.deps.dataSource, this.deps.makeLoaders, {
      requestId,
      logger: this.deps.logger,
      clientAddress,
      ringDoorbell: this.deps.ringDoorbell,
    });
  }

  /**
   * Executes one operation for an anonymous caller from `clientAddress`. `beforeCommit` runs in a
   * mutation's transaction after it succeeded (an upload stored with the report it belongs to):
   * when it throws, the whole mutation is rolled back and its error is the answer.
   */
  async run<T>(
    source: string,
    variables: Record<string, unknown>,
    opts: { clientAddress: string; beforeCommit?: (ctx: RequestContext, data: T) => Promise<void> },
  ): Promise<InProcessResult<T>> {
    const document = this.document(source);
    const ctx = this.context(opts.clientAddress);
    const requestId = ctx.requestId;
    const format = (e: unknown) =>
      formatError(e, { logger: this.deps.logger.child({ requestId }), requestId, hideSuggestions: this.deps.hideSuggestions });
    try {
      assertWellFormedVariables(variables);
      // A mutation's transaction as over HTTP (src/http/operation-transaction.ts); beforeCommit
      // runs inside it, and its error rolls the mutation back.
      const result = await runOperation(
        this.deps.dataSource,
        ctx,
        getOperationAST(document)?.operation,
        async () => {
          const executed = await execute({ schema: this.deps.schema, document, variableValues: variables, contextValue: ctx });
          if (!executed.errors?.length && opts.beforeCommit) await opts.beforeCommit(ctx, (executed.data ?? null) as T);
          return executed;
        },
        asExecutionError,
      );
      if (result.errors?.length) return { data: null, errors: result.errors.map(format) };
      return { data: (result.data ?? null) as T, errors: [] };
    } catch (err) {
      return { data: null, errors: [format(err)] };
    }
  }
}
