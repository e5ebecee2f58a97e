/**
 * The token check every authenticated baseline does, equivalent to `AuthService.authenticate`:
 * `Authorization: Bearer <jwt>`, verified with jose under the app's key, issuer, audience and
 * algorithm, then the account read with the very statement TypeORM sends for it (captured from
 * the app once, at setup), and refused when missing, disabled or of another token version.
 */
import { decodeJwt, jwtVerify } from 'jose';
import type { BaselineDb, BaselineRequest, BaselineResponse } from './baseline-server';
import type { BenchEnv } from './environment';

/** An account row with TypeORM's column aliases turned back into property names. */
export type AccountRow = Record<string, unknown> & { id: string; disabled: boolean; tokenVersion: number };

export type AuthOutcome = { account: AccountRow } | { refused: BaselineResponse };

export interface BaselineAuth {
  /** The statement the app sends to read the caller's account (`$1` = account id). */
  readonly accountSql: string;
  authenticate(req: BaselineRequest, db: BaselineDb): Promise<AuthOutcome>;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** `Account_display_name` → `displayName` (TypeORM selects `<alias>_<column>`). */
export function fromOrmRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    // TypeORM's aliases are `Entity_column`; a hand-written select names plain columns.
    const column = /^[A-Z]/.test(key) ? key.slice(key.indexOf('_') + 1) : key;
    out[column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] = value;
  }
  return out;
}

function refused(message: string): { refused: BaselineResponse } {
  return { refused: { status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } } };
}

/**
 * Captures the account lookup from one authenticated request of the app (`probe`, which must
 * send `token`), and returns the baseline's equivalent of the app's token check.
 */
export async function prepareBaselineAuth(env: BenchEnv, token: string, probe: () => Promise<unknown>): Promise<BaselineAuth> {
  const accountId = decodeJwt(token).sub;
  const { statements } = await env.captureSql(probe);
  const lookup = statements.find(
    (s) => /\bFROM\s+"?account"?\s/i.test(s.query) && s.parameters.length === 1 && s.parameters[0] === accountId,
  );
  if (!lookup) {
    throw new Error(
      `could not find the account lookup among the statements of an authenticated request: ${JSON.stringify(statements, null, 2)}`,
    );
  }
  const accountSql = lookup.query;
  const key = new TextEncoder().encode(env.jwt.secret);
  const { issuer, audience, algorithm } = env.jwt;

  return {
    accountSql,
    async authenticate(req, db) {
      const match = BEARER.exec(req.headers.authorization ?? '');
      if (!match?.[1]) return refused('The Authorization header must be "Bearer <token>"');
      let sub: unknown;
      let tv: unknown;
      try {
        const { payload } = await jwtVerify(match[1], key, {
          algorithms: [algorithm],
          issuer,
          audience,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        ({ sub, tv } = payload);
      } catch {
        return refused('The token is malformed, expired or its signature does not verify');
      }
      if (typeof sub !== 'string' || typeof tv !== 'number') return refused('The token is missing its account claims');
      const [row] = await db.query(accountSql, [sub]);
      const account = row && (fromOrmRow(row) as AccountRow);
      if (!account || account.disabled || account.tokenVersion !== tv) return refused('The token was revoked');
      return { account };
    },
  };
}
