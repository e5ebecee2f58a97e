import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { unauthenticated, withReason } from '../../common/errors';

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

const refused = (message: string, reason: string) => withReason(unauthenticated(message), reason);

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
        // Issued no longer ago than a token lives (and not in the future, which jose refuses).
        maxTokenAge: this.settings.ttlSeconds,
      });
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.tv !== 'number' ||
        typeof payload.exp !== 'number' ||
        typeof payload.iat !== 'number'
      ) {
        throw refused('Mã đăng nhập thiếu thông tin tài khoản; hãy đăng nhập lại', 'TOKEN_CLAIMS_MISSING');
      }
      // A token signed with the key but a lifetime longer than any this service issues (a leaked
      // key, or a forged iat with a far exp) is refused, whatever its iat says.
      if (payload.exp - payload.iat > this.settings.ttlSeconds) {
        throw refused('Mã đăng nhập có thời hạn dài hơn mức cho phép; hãy đăng nhập lại', 'TOKEN_LIFETIME_TOO_LONG');
      }
      return { accountId: payload.sub, tokenVersion: payload.tv, expiresAt: new Date(payload.exp * 1000) };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw refused('Mã đăng nhập đã hết hạn; hãy đăng nhập lại', 'TOKEN_EXPIRED');
      if (err instanceof joseErrors.JOSEAlgNotAllowed)
        throw refused(`Mã đăng nhập phải được ký bằng ${ALGORITHM}`, 'TOKEN_ALGORITHM_NOT_ALLOWED');
      if (err instanceof joseErrors.JWTClaimValidationFailed) {
        throw refused(`Trường "${err.claim}" của mã đăng nhập không hợp lệ; hãy đăng nhập lại`, 'TOKEN_CLAIM_INVALID');
      }
      if (err instanceof joseErrors.JOSEError)
        throw refused('Mã đăng nhập bị hỏng hoặc chữ ký không khớp; hãy đăng nhập lại', 'TOKEN_MALFORMED');
      throw err;
    }
  }
}
