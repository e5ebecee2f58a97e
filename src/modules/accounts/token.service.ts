import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { unauthenticated } from '../../common/errors';

export interface TokenClaims {
  accountId: string;
  tokenVersion: number;
}

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

const ALGORITHM = 'HS256';

/**
 * Signs and checks access tokens (JWT via jose). The algorithm is pinned, so `alg: none` and
 * algorithm-confusion tokens fail; issuer, audience and expiry are required.
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(private readonly settings: TokenSettings) {
    this.key = new TextEncoder().encode(settings.secret);
  }

  /** Issues a token for an account; returns it with its expiry. */
  async sign(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.settings.ttlSeconds;
    const token = await new SignJWT({ tv: claims.tokenVersion })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.accountId)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Verifies a token or throws UNAUTHENTICATED with a message that says what is wrong with it. */
  async verify(token: string): Promise<TokenClaims & { expiresAt: Date }> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.tv !== 'number' || typeof payload.exp !== 'number') {
        throw unauthenticated('The token is missing its account claims; sign in again');
      }
      return { accountId: payload.sub, tokenVersion: payload.tv, expiresAt: new Date(payload.exp * 1000) };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired; sign in again');
      if (err instanceof joseErrors.JOSEAlgNotAllowed) throw unauthenticated(`The token must be signed with ${ALGORITHM}`);
      if (err instanceof joseErrors.JWTClaimValidationFailed) {
        throw unauthenticated(`The token's "${err.claim}" claim is not valid here; sign in again`);
      }
      if (err instanceof joseErrors.JOSEError) throw unauthenticated('The token is malformed or its signature does not verify');
      throw err;
    }
  }
}
