import { AppError, ErrorCode } from '../common/errors';
import { CursorCodec } from './cursor';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? { code: err.code, fields: err.details['fields'] } : err;
  }
  return 'accepted';
};

describe('CursorCodec', () => {
  const codec = new CursorCodec('a-server-secret-that-is-long-enough-0123456789');

  it('round-trips what it issued', () => {
    const c = codec.encode({ o: 'FULL_NAME_ASC', k: 'nguyen van thanh', i: 'x' });
    expect(codec.decode(c, 'after')).toEqual({ o: 'FULL_NAME_ASC', k: 'nguyen van thanh', i: 'x' });
  });

  it('refuses edited, foreign, truncated and malformed cursors as BAD_USER_INPUT at the given path', () => {
    const c = codec.encode({ o: 'FULL_NAME_ASC', k: 'a', i: 'x' });
    const [body, sig] = c.split('.') as [string, string];
    const other = new CursorCodec('another-server-secret-that-is-long-enough-000').encode({ o: 'FULL_NAME_ASC', k: 'a', i: 'x' });
    const edited = Buffer.from(JSON.stringify({ o: 'FULL_NAME_ASC', k: 'b', i: 'x' })).toString('base64url');
    for (const bad of [`${edited}.${sig}`, other, body, `${body}.`, `${body}.${sig}x`, '', '..', `${body}.${sig.slice(1)}`]) {
      expect(refusal(() => codec.decode(bad, 'after'))).toEqual({
        code: ErrorCode.BAD_USER_INPUT,
        fields: [{ path: 'after', message: 'không phải con trỏ trang do máy chủ cấp', code: 'INVALID_CURSOR' }],
      });
    }
  });
});
