import { createHmac, timingSafeEqual } from 'node:crypto';
import { badInput } from '../common/errors';

/**
 * Opaque pagination cursors: `base64url(JSON payload).base64url(HMAC-SHA256)`. A client can
 * hand back only cursors the server issued; an edited, truncated or foreign cursor is
 * BAD_USER_INPUT naming the argument, never an SQL error.
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, derived from the server secret, so a cursor is never a valid token or the reverse.
    this.key = createHmac('sha256', secret).update('giamsat cursor key v1').digest();
  }

  encode(payload: Record<string, unknown>): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The payload of a cursor this server issued, or BAD_USER_INPUT at `path`. */
  decode(cursor: string, path: string): Record<string, unknown> {
    const invalid = () =>
      badInput(
        `${path} không phải con trỏ trang do máy chủ cấp; hãy bắt đầu lại từ trang đầu`,
        [{ path, message: 'invalid cursor' }],
        'INVALID_CURSOR',
      );
    const match = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{22})$/.exec(cursor);
    if (!match) throw invalid();
    const [, body, sig] = match as unknown as [string, string, string];
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    try {
      const value: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid();
      return value as Record<string, unknown>;
    } catch {
      throw invalid();
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }
}
