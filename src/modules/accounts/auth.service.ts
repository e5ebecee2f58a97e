import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../../graphql/context';
import { poolQuery } from '../../db/pool-query';
import { Account } from './account.entity';
import { AccountErrors } from './accounts.errors';
import type { PasswordHasher } from './password-hasher';
import type { TokenService } from './token.service';

export interface ThrottleSettings {
  /** Failures of one email from one address before that pair waits. */
  maxFailures: number;
  lockoutSeconds: number;
  /** Failures from one address, any email, before the address waits. */
  maxFailuresPerAddress: number;
  /** Failures of one email, any address, after which each attempt waits a few seconds. */
  accountSlowdownAfter: number;
}

/** Failures older than this no longer count. */
const FAILURE_WINDOW_SECONDS = 15 * 60;
const MAX_LOCKOUT_SECONDS = 15 * 60;
/** The most an account's own sign-ins are held back: a delay, never a lockout of its owner. */
const MAX_ACCOUNT_DELAY_SECONDS = 8;

/** One throttle counter: its key, the failures before it waits, the first wait and the longest. */
interface ThrottleRule {
  key: string;
  maxFailures: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
}

const ACCOUNT_BY_ID = `SELECT id, created_at, updated_at, version, email, display_name, password_hash, role, unit_id, cadre_id, disabled, token_version, last_login_at, is_inspection_chair
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
  is_inspection_chair: boolean;
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
   * the same error after the same work. Failures are counted three ways (OWASP's authentication
   * guidance): one email from one address waits after a few (a doubling wait); one address,
   * whatever the email, only after many more (a ward office shares one address); one email from
   * anywhere is only ever delayed a few seconds, so guessing is slowed and the owner is never
   * locked out.
   */
  async login(ctx: RequestContext, email: string, password: string): Promise<LoginResultData> {
    const normalized = email.trim().toLowerCase();
    const { maxFailures, lockoutSeconds, maxFailuresPerAddress, accountSlowdownAfter } = this.throttle;
    const rules: ThrottleRule[] = [
      {
        key: `pair:${normalized}|${ctx.clientAddress}`,
        maxFailures,
        firstWaitSeconds: lockoutSeconds,
        maxWaitSeconds: MAX_LOCKOUT_SECONDS,
      },
      {
        key: `ip:${ctx.clientAddress}`,
        maxFailures: maxFailuresPerAddress,
        firstWaitSeconds: lockoutSeconds,
        maxWaitSeconds: MAX_LOCKOUT_SECONDS,
      },
      {
        key: `email:${normalized}`,
        maxFailures: accountSlowdownAfter,
        firstWaitSeconds: 1,
        maxWaitSeconds: MAX_ACCOUNT_DELAY_SECONDS,
      },
    ];
    await this.refuseIfBlocked(rules.map((r) => r.key));
    const account = await ctx.manager.findOne(Account, { where: { email: normalized } });
    const ok = await this.hasher.verify(account?.passwordHash ?? null, password);
    if (!account || !ok || account.disabled) {
      await this.recordFailure(rules);
      throw AccountErrors.wrongCredentials();
    }
    // The address's own count stays: a success does not excuse its other failures.
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = ANY($1)', [[rules[0]!.key, rules[2]!.key]]);
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
      isInspectionChair: r.is_inspection_chair,
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

  /** Counts a failure on every rule's key; a key past its rule's failures waits, doubling up to its longest wait. */
  private async recordFailure(rules: ThrottleRule[]): Promise<void> {
    await this.dataSource.query(
      `WITH r AS (SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) AS r(key, max_failures, first_wait, max_wait))
       INSERT INTO login_throttle AS t (key, failures, last_failure_at, blocked_until)
       SELECT r.key, 1, now(), CASE WHEN 1 >= r.max_failures THEN now() + make_interval(secs => least(r.max_wait, r.first_wait)) END FROM r
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => $5) THEN 1 ELSE t.failures + 1 END,
         last_failure_at = now(),
         blocked_until = (SELECT CASE
           WHEN (CASE WHEN t.last_failure_at < now() - make_interval(secs => $5) THEN 1 ELSE t.failures + 1 END) >= r.max_failures
           THEN now() + make_interval(secs => least(r.max_wait, r.first_wait * power(2, greatest(0, t.failures + 1 - r.max_failures)))::float8)
           ELSE NULL END FROM r WHERE r.key = t.key)`,
      [
        rules.map((r) => r.key),
        rules.map((r) => r.maxFailures),
        rules.map((r) => r.firstWaitSeconds),
        rules.map((r) => r.maxWaitSeconds),
        FAILURE_WINDOW_SECONDS,
      ],
    );
  }
}
