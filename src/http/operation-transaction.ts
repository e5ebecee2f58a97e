import { locatedError, type GraphQLError, OperationTypeNode } from 'graphql';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../graphql/context';
import { MutationTransaction } from '../graphql/request-context';

/*
 * Where a mutation's transaction begins: here, for every way an operation arrives. HTTP begins it
 * in Apollo's request lifecycle once the document is resolved and settles it before the answer
 * is sent (src/http/http-routes.ts); WebSocket (src/http/ws-server.ts) and the in-process runner
 * of the server-rendered pages (src/http/in-process-graphql.ts) run the operation inside it. The
 * rules are the same for all three:
 *
 * - a mutation runs in one transaction, bound to its context (`ctx.manager`, which its loaders
 *   share); queries and subscriptions run without one;
 * - it commits when the result has no errors; otherwise it rolls back and the answer's `data` is
 *   null, so nothing half-written is reported as done;
 * - a commit that fails is the answer's error (`data` null), formatted as any other;
 * - the after-commit hooks (the doorbell) run only after a commit (MutationTransaction).
 */

/** An execution result, formatted (HTTP) or not (WebSocket): what settling needs of it. */
interface OperationResult<E> {
  data?: unknown;
  errors?: readonly E[] | undefined;
}

/** A mutation's open transaction, until its result settles it. */
export class OperationTransaction {
  private constructor(private readonly tx: MutationTransaction) {}

  /** Begins the transaction of a mutation; undefined for any other operation. */
  static async begin(
    dataSource: DataSource,
    ctx: RequestContext,
    operation: OperationTypeNode | undefined,
  ): Promise<OperationTransaction | undefined> {
    if (operation !== OperationTypeNode.MUTATION) return undefined;
    return new OperationTransaction(await MutationTransaction.begin(dataSource, ctx));
  }

  /**
   * Commits when `result` has no errors, rolls back otherwise, and returns the answer: the result
   * itself, or with `data` null when it failed or its commit did (`failure` shapes that error).
   */
  async settle<R extends OperationResult<E>, E>(result: R, failure: (err: unknown) => E): Promise<R> {
    const failed = !!result.errors?.length;
    try {
      await this.tx.finish(!failed);
    } catch (err) {
      return { ...result, data: null, errors: [failure(err)] };
    }
    return failed ? { ...result, data: null } : result;
  }

  /** Commits work that has no result to judge (see {@link runInTransaction}); a failed commit is thrown. */
  async commit(): Promise<void> {
    await this.tx.finish(true);
  }

  /** Rolls back after the operation threw instead of answering (the error goes on to the caller). */
  async abandon(): Promise<void> {
    await this.tx.finish(false);
  }
}

/** A commit's failure as an execution error, for results that graphql-js's formatter reads. */
export const asExecutionError = (err: unknown): GraphQLError => locatedError(err, undefined);

/**
 * Runs one operation start to end: its transaction when it is a mutation, `execute`, and the
 * settling by its result (see {@link OperationTransaction.settle}).
 */
export async function runOperation<R extends OperationResult<E>, E>(
  dataSource: DataSource,
  ctx: RequestContext,
  operation: OperationTypeNode | undefined,
  execute: () => Promise<R>,
  failure: (err: unknown) => E,
): Promise<R> {
  const tx = await OperationTransaction.begin(dataSource, ctx, operation);
  if (!tx) return execute();
  let result: R;
  try {
    result = await execute();
  } catch (err) {
    await tx.abandon();
    throw err;
  }
  return tx.settle(result, failure);
}

/**
 * Runs `work` that is not a GraphQL document (an upload's files) in a mutation's transaction,
 * with the same context binding: committed when it returns, rolled back when it throws.
 */
export async function runInTransaction<T>(dataSource: DataSource, ctx: RequestContext, work: () => Promise<T>): Promise<T> {
  const tx = (await OperationTransaction.begin(dataSource, ctx, OperationTypeNode.MUTATION))!;
  let out: T;
  try {
    out = await work();
  } catch (err) {
    await tx.abandon();
    throw err;
  }
  // A commit that fails is thrown to the caller, as the work's own errors are.
  await tx.commit();
  return out;
}
