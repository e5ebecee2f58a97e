import { vietnameseCloseReason } from './ws-close-reason';

describe('vietnameseCloseReason', () => {
  it("restates graphql-js's, graphql-ws's and our own close reasons", () => {
    expect(vietnameseCloseReason(4403, 'Forbidden: token expired')).toBe('Không được phép: mã đăng nhập đã hết hạn');
    expect(vietnameseCloseReason(4408, 'Connection initialisation timeout')).toBe('Quá thời gian chờ connection_init');
    expect(vietnameseCloseReason(4413, 'Too far behind: reconnect with your last cursor')).toBe(
      'Nhận quá chậm nên bị ngắt; hãy kết nối lại với con trỏ cuối',
    );
    // A reason of the moment is known by its code.
    expect(vietnameseCloseReason(4409, 'Subscriber for 1 already exists')).toBe(
      'Mã thao tác (id) này đang được dùng trên kết nối',
    );
    expect(vietnameseCloseReason(4400, '"id" must be a string')).toBe('Tin nhắn không đúng giao thức graphql-transport-ws');
    expect(vietnameseCloseReason(1000, undefined)).toBeUndefined();
  });

  it('keeps every reason within the 123 bytes a close frame may hold, whole characters only', () => {
    const long = `Không rõ ${'đ'.repeat(100)}😀`;
    const said = vietnameseCloseReason(4999, long)!;
    expect(Buffer.byteLength(said)).toBeLessThanOrEqual(123);
    expect(said).toMatch(/^Không rõ đ+\.\.\.$/);
    expect(vietnameseCloseReason(4999, `${'a'.repeat(119)}😀😀`)).toBe(`${'a'.repeat(119)}...`);
  });
});
