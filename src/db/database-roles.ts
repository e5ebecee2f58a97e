import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { pgErrorFields } from './pg-error';

/**
 * The two database roles (see docs/operations.md, "Database roles"). Roles belong to the whole
 * server, so every database of the service on one server shares them; the migration
 * `database-roles-and-row-security` names them too.
 */
export const DATABASE_ROLES = {
  /** Owns the schema, runs migrations and the operator tools; never used by the running API. */
  owner: 'giamsat_owner',
  /** What the API connects as: data access only, under row-level security. */
  app: 'giamsat_app',
} as const;

/** The same server and database as `url`, signed in as another role. */
export function urlAsRole(url: string, role: string, password: string | undefined): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/** The same server as `url`, another database. */
export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface RolePasswords {
  owner?: string | undefined;
  app?: string | undefined;
  /**
   * Set the passwords of roles that already exist too (the embedded server, which is ours
   * alone). Off on a shared server, where another run may be signed in with the current ones.
   */
  reset?: boolean;
}

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;
const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Creates the owner and app roles when missing (needs a superuser or CREATEROLE connection:
 * the embedded launcher's, the test setup's, or an operator's once), idempotently, and safe
 * when several processes do it at once on one server.
 */
export async function ensureDatabaseRoles(adminUrl: string, passwords: RolePasswords = {}): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const attributes = {
      // CREATEDB is not needed by the service; the owner creates objects inside its database only.
      [DATABASE_ROLES.owner]: 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION',
      [DATABASE_ROLES.app]: 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION NOINHERIT',
    };
    for (const [role, password] of [
      [DATABASE_ROLES.owner, passwords.owner],
      [DATABASE_ROLES.app, passwords.app],
    ] as const) {
      const withPassword = password ? ` PASSWORD ${quoteLiteral(password)}` : '';
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
      if (!exists) {
        try {
          await client.query(`CREATE ROLE ${quoteIdent(role)} ${attributes[role]}${withPassword}`);
          continue;
        } catch (err) {
          // Another process created it between our look and our CREATE: 42710 duplicate_object,
          // or 23505 when both inserts reached pg_authid's unique index at once.
          const { code } = pgErrorFields(err);
          if (code !== '42710' && code !== '23505') throw err;
        }
      }
      // An existing role gets the attributes again: a role made by hand with too much is narrowed.
      await client.query(`ALTER ROLE ${quoteIdent(role)} ${attributes[role]}${passwords.reset ? withPassword : ''}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Makes the owner role own `database` and everything in its `public` schema. A database first
 * migrated by the superuser (every embedded data folder before the roles existed) has its
 * tables, sequences, views, functions and types owned by `postgres`; the owner must own them
 * to run the next migrations, and the app role gets its grants from the migration that follows.
 */
export async function adoptDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: urlForDatabase(adminUrl, database) });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${quoteIdent(database)} OWNER TO ${DATABASE_ROLES.owner}`);
    await admin.query(`
      DO $$
      DECLARE o record;
      BEGIN
        FOR o IN
          SELECT format('ALTER %s %s OWNER TO ${DATABASE_ROLES.owner}',
                   CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                   c.oid::regclass) AS sql
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
             AND pg_get_userbyid(c.relowner) <> '${DATABASE_ROLES.owner}'
             -- a sequence owned by a column follows its table
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
          UNION ALL
          SELECT format('ALTER ROUTINE %s OWNER TO ${DATABASE_ROLES.owner}', p.oid::regprocedure)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '${DATABASE_ROLES.owner}'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
          UNION ALL
          SELECT format('ALTER TYPE %s OWNER TO ${DATABASE_ROLES.owner}', t.oid::regtype)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c')
             AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
             AND pg_get_userbyid(t.typowner) <> '${DATABASE_ROLES.owner}'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
        LOOP
          EXECUTE o.sql;
        END LOOP;
      END $$`);
  } finally {
    await admin.end();
  }
}

/**
 * Who acts in a transaction, as row-level security sees it: the account, its role (PUBLIC
 * for a caller without an account) and the cadre it is linked to.
 */
export interface DatabaseActor {
  id: string;
  role: string;
  cadreId: string | null;
}

/** `giamsat.role` of a caller without an account (a public submission, tracking, upload). */
export const PUBLIC_ACTOR_ROLE = 'PUBLIC';

/**
 * Tells the row-level security policies who acts, until the end of the current transaction
 * (`set_config(..., true)`), in one statement. Outside a transaction the settings would vanish
 * with the statement, so callers open one first; the policies fail closed without them.
 */
export async function applyDatabaseContext(manager: EntityManager, actor: DatabaseActor | null): Promise<void> {
  await manager.query(
    `SELECT set_config('giamsat.account_id', $1, true), set_config('giamsat.role', $2, true), set_config('giamsat.cadre_id', $3, true)`,
    [actor?.id ?? '', actor?.role ?? PUBLIC_ACTOR_ROLE, actor?.cadreId ?? ''],
  );
}

/**
 * Runs `fn` where the policies know the actor: in the caller's transaction when there is one
 * (a mutation already set the context), otherwise in a short transaction of its own. For the
 * few reads of protected rows that run outside a mutation (evidence lists, identity reads).
 */
export async function withDatabaseContext<T>(
  manager: EntityManager,
  actor: DatabaseActor | null,
  fn: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (manager.queryRunner?.isTransactionActive) return fn(manager);
  return manager.transaction(async (m) => {
    await applyDatabaseContext(m, actor);
    return fn(m);
  });
}
