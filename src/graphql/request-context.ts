import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AppError, httpStatusOf, unauthenticated } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Actor } from '../common/actor';
import { applyDatabaseContext, type DatabaseActor } from '../db/database-roles';
import type { Loaders, RequestContext } from './context';

export type LoaderFactory = (db: { readonly manager: EntityManager }) => Loaders;

/** A request context whose account is resolved later (after the document passed validation). */
export interface MutableRequestContext extends RequestContext {
  account: Actor | null;
  /** Raw bearer token, checked once the document is known to be valid. */
  bearer: string | null;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Takes the caller's X-Request-Id when it is sane, otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** `Authorization: Bearer <token>` → token; a malformed header is UNAUTHENTICATED. */
export function bearerFrom(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthenticated('Tiêu đề Authorization phải có dạng "Bearer <mã đăng nhập>"', 'MALFORMED_AUTHORIZATION');
  return match[1];
}

/**
 * `manager` is an accessor on the prototype over a holder that every shallow copy of the context
 * shares. Apollo Server hands resolvers and plugins a shallow copy of the context value
 * (`Object.assign(Object.create(proto), ctx)`), while the loaders were built on the original: with
 * a plain property, the transaction a mutation begins on the copy stayed invisible to the
 * loaders, which then read committed data only (a mutation's own writes were missing from its
 * answer). Through the shared holder, loaders and services always use the same manager.
 */
class ContextManagerAccess {
  declare readonly managerHolder: { manager: EntityManager };
  declare readonly accountHolder: { account: Actor | null };
  declare readonly loggerHolder: { base: Logger; requestId: string; child?: Logger };
  declare readonly addressHolder: { read: () => string; value?: string };

  /**
   * Worked out on first use: behind `TRUST_PROXY` it parses X-Forwarded-For, and only the
   * rate-limited operations (sign-in, public submissions) read it.
   */
  get clientAddress(): string {
    const h = this.addressHolder;
    return (h.value ??= h.read());
  }

  /** The request's logger, with its request id; made on first use (most requests never log). */
  get logger(): Logger {
    const h = this.loggerHolder;
    return (h.child ??= h.base.child({ requestId: h.requestId }));
  }

  get manager(): EntityManager {
    return this.managerHolder.manager;
  }

  /**
   * Shared like `manager`: the account is resolved on Apollo's copy of the context, and the
   * loaders, built on the original, pass it to the row-level security policies.
   */
  get account(): Actor | null {
    return this.accountHolder.account;
  }

  set account(account: Actor | null) {
    this.accountHolder.account = account;
  }

  set manager(manager: EntityManager) {
    this.managerHolder.manager = manager;
  }
}

export function newContext(
  dataSource: DataSource,
  makeLoaders: LoaderFactory,
  init: {
    requestId: string;
    /** The base logger; the context's own logger adds the request id. */
    logger: Logger;
    /** The address, or how to work it out when first needed. */
    clientAddress: string | (() => string);
    account?: Actor | null;
    bearer?: string | null;
    /** See RequestContext.ringDoorbell. */
    ringDoorbell?: (() => void) | undefined;
  },
): MutableRequestContext {
  const ctx = Object.assign(Object.create(ContextManagerAccess.prototype) as ContextManagerAccess, {
    managerHolder: { manager: dataSource.manager },
    accountHolder: { account: init.account ?? null },
    loggerHolder: { base: init.logger, requestId: init.requestId },
    requestId: init.requestId,
    bearer: init.bearer ?? null,
    addressHolder:
      typeof init.clientAddress === 'string' ? { read: () => '', value: init.clientAddress } : { read: init.clientAddress },
    afterCommit: [],
    ringDoorbell: init.ringDoorbell,
  }) as unknown as MutableRequestContext;
  (ctx as { loaders: Loaders }).loaders = makeLoaders(ctx);
  return ctx;
}

/**
 * A context for work outside a request (demo seeds, background writers) bound to a transaction
 * the caller already holds: services and `recordEvent` write through `manager`.
 */
export function transactionContext(
  manager: EntityManager,
  makeLoaders: LoaderFactory,
  init: { requestId: string; account: Actor | null; logger: Logger; clientAddress: string },
): RequestContext {
  const ctx = { ...init, manager, afterCommit: [] } as unknown as RequestContext;
  (ctx as { loaders: Loaders }).loaders = makeLoaders(ctx);
  return ctx;
}

/** The acting account as the database's row-level security policies see it (null: public). */
export function databaseActor(account: Pick<Actor, 'id' | 'role' | 'cadreId'> | null): DatabaseActor | null {
  return account ? { id: account.id, role: account.role, cadreId: account.cadreId } : null;
}

/** What turns a bearer token into the caller (the accounts module's AuthService). */
export interface BearerAuthenticator {
  /** The token's account; an invalid, expired or revoked token is UNAUTHENTICATED. */
  authenticate(manager: EntityManager, token: string): Promise<{ account: Actor }>;
}

/** Resolves the pending bearer token to the caller's account (one SQL statement). */
export async function authenticateContext(auth: BearerAuthenticator, dataSource: DataSource, ctx: MutableRequestContext) {
  if (ctx.bearer === null || ctx.account) return;
  ctx.account = (await auth.authenticate(dataSource.manager, ctx.bearer)).account;
}

/** An AppError as a GraphQLError that Apollo sends with the matching HTTP status. */
export function asRequestError(err: unknown): unknown {
  if (err instanceof AppError) {
    return new GraphQLError(err.message, {
      originalError: err,
      extensions: { code: err.code, http: { status: httpStatusOf(err.code) } },
    });
  }
  return err;
}

/**
 * One mutation, one transaction: `ctx.manager` is bound to it until `finish`, which commits
 * when the mutation succeeded and rolls back otherwise, then runs the after-commit hooks.
 */
export class MutationTransaction {
  private constructor(
    private readonly runner: QueryRunner,
    private readonly ctx: RequestContext,
    private readonly previous: EntityManager,
  ) {}

  static async begin(dataSource: DataSource, ctx: RequestContext): Promise<MutationTransaction> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      // PostgreSQL's default isolation (READ COMMITTED): naming it would cost a statement per mutation.
      await runner.startTransaction();
      // Row-level security learns who acts, for this transaction only (one statement).
      await applyDatabaseContext(runner.manager, databaseActor(ctx.account));
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw err;
    }
    const tx = new MutationTransaction(runner, ctx, ctx.manager);
    ctx.manager = runner.manager;
    return tx;
  }

  /** Commits (ok) or rolls back; a failed commit is rethrown after the rollback. */
  async finish(ok: boolean): Promise<'committed' | 'rolled back'> {
    try {
      if (ok) {
        await this.runner.commitTransaction();
      } else {
        await this.runner.rollbackTransaction();
      }
    } catch (err) {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      this.ctx.manager = this.previous;
      await this.runner.release();
    }
    if (!ok) return 'rolled back';
    for (const hook of this.ctx.afterCommit) {
      try {
        await hook();
      } catch (err) {
        this.ctx.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'after-commit hook failed');
      }
    }
    return 'committed';
  }
}
