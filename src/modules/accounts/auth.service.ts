import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../../graphql/context';
import { poolQuery } from '../../db/pool-query';
import { Account } from './account.entity';
import { AccountErrors } from './accounts.errors';
import type { PasswordHasher } from './password-hasher';
import type { TokenService } from './token.service';

export interface ThrottleSettings {
  maxFailures: number;
  lockoutSeconds: number;
}

/** Failures older than this no longer count. */
const FAILURE_WINDOW_SECONDS = 15 * 60;
const MAX_LOCKOUT_SECONDS = 15 * 60;

const ACCOUNT_BY_ID = `SELECT id, created_at, updated_at, version, email, display_name, password_hash, role, unit_id, cadre_id, disabled, token_version, last_login_at
         FROM account WHERE id = $1`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccountRow {
  id: string;
  created_at: Date;
  updated_at: Date;
  version: number;
  email: string;
  display_name: string;
  password_hash: string;
  role: Account['role'];
  unit_id: string | null;
  cadre_id: string | null;
  disabled: boolean;
  token_version: number;
  last_login_at: Date | null;
}

export interface LoginResultData {
  token: string;
  expiresAt: Date;
  account: Account;
}

/** Sign-in and token checks. */
export class AuthService {
  constructor(
    /** Throttle rows are written on the pool, outside the (rolled back) login transaction. */
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: ThrottleSettings,
  ) {}

  /**
   * Checks an email and password and issues a token. An unknown email and a wrong password get
   * the same error after the same work; repeated failures for one email or one client address
   * are refused for a doubling wait.
   */
  async login(ctx: RequestContext, email: string, password: string): Promise<LoginResultData> {
    const normalized = email.trim().toLowerCase();
    const keys = [`email:${normalized}`, `ip:${ctx.clientAddress}`];
    await this.refuseIfBlocked(keys);
    const account = await ctx.manager.findOne(Account, { where: { email: normalized } });
    const ok = await this.hasher.verify(account?.passwordHash ?? null, password);
    if (!account || !ok || account.disabled) {
      await this.recordFailure(keys);
      throw AccountErrors.wrongCredentials();
    }
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = $1', [keys[0]]);
    account.lastLoginAt = new Date();
    await ctx.manager.update(Account, { id: account.id }, { lastLoginAt: account.lastLoginAt });
    const { token, expiresAt } = await this.tokens.sign({ accountId: account.id, tokenVersion: account.tokenVersion });
    return { token, expiresAt, account };
  }

  /**
   * Resolves a bearer token to its account, or throws UNAUTHENTICATED: a token of a disabled or
   * changed account stops working at once because the account is read on every request.
   */
  async authenticate(manager: EntityManager, token: string): Promise<{ account: Account; expiresAt: Date }> {
    const claims = await this.tokens.verify(token);
    const account = await this.accountById(manager, claims.accountId);
    if (!account) throw AccountErrors.tokenRevoked();
    if (account.disabled) throw AccountErrors.disabled();
    if (account.tokenVersion !== claims.tokenVersion) throw AccountErrors.tokenRevoked();
    return { account, expiresAt: claims.expiresAt };
  }

  /**
   * The caller's account, read on every authenticated request. Hand-written SQL rather than
   * `findOne`: this runs once per request, and the ORM's query building was its largest cost;
   * on the pool rather than through a query runner for the same reason (see poolQuery).
   */
  private async accountById(manager: EntityManager, id: string): Promise<Account | null> {
    if (!UUID.test(id)) return null;
    // Never inside a transaction (every caller passes the data source's own manager), so the
    // pool serves it directly.
    const rows = manager.queryRunner
      ? ((await manager.query(ACCOUNT_BY_ID, [id])) as AccountRow[])
      : await poolQuery<AccountRow>(manager.connection, ACCOUNT_BY_ID, [id]);
    const r = rows[0];
    if (!r) return null;
    return Object.assign(new Account(), {
      id: r.id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
      email: r.email,
      displayName: r.display_name,
      passwordHash: r.password_hash,
      role: r.role,
      unitId: r.unit_id,
      cadreId: r.cadre_id,
      disabled: r.disabled,
      tokenVersion: r.token_version,
      lastLoginAt: r.last_login_at,
    });
  }

  private async refuseIfBlocked(keys: string[]): Promise<void> {
    const rows: Array<{ wait: string }> = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM blocked_until - now()))::int AS wait
         FROM login_throttle WHERE key = ANY($1) AND blocked_until > now()
        ORDER BY blocked_until DESC LIMIT 1`,
      [keys],
    );
    const wait = rows[0] ? Number(rows[0].wait) : 0;
    if (wait > 0) throw AccountErrors.tooManyFailures(wait);
  }

  private async recordFailure(keys: string[]): Promise<void> {
    const { maxFailures, lockoutSeconds } = this.throttle;
    await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, failures, last_failure_at, blocked_until)
       SELECT k, 1, now(), CASE WHEN 1 >= $2 THEN now() + make_interval(secs => $3) END FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END,
         last_failure_at = now(),
         blocked_until = CASE
           WHEN (CASE WHEN t.last_failure_at < now() - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END) >= $2
           THEN now() + make_interval(secs => least($5, $3 * power(2, greatest(0, t.failures + 1 - $2)))::float8)
           ELSE NULL END`,
      [keys, maxFailures, lockoutSeconds, FAILURE_WINDOW_SECONDS, MAX_LOCKOUT_SECONDS],
    );
  }
}
