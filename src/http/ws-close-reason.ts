import type { WebSocket } from 'ws';

/**
 * The reason of a WebSocket close frame in Vietnamese. The code is what a client acts on
 * (docs/live-board.md, "Close codes"); the reason is what a person reads in the browser's tools
 * or a client's log. graphql-ws, `ws` and our own code close in English; every close of a
 * socket of this server passes through here ({@link closeInVietnamese}).
 */
const BY_REASON: ReadonlyMap<string, string> = new Map([
  ['Forbidden', 'Không được phép: mã đăng nhập bị từ chối'],
  ['Forbidden: token expired', 'Không được phép: mã đăng nhập đã hết hạn'],
  ['Forbidden: token revoked', 'Không được phép: mã đăng nhập đã bị thu hồi'],
  ['Forbidden: account changed', 'Không được phép: tài khoản đã thay đổi'],
  ['Forbidden: account disabled', 'Không được phép: tài khoản đã bị khóa'],
  ['Forbidden: account removed', 'Không được phép: tài khoản không còn'],
  ['Unauthorized', 'Chưa được chấp nhận kết nối: hãy gửi connection_init và chờ connection_ack'],
  ['Connection initialisation timeout', 'Quá thời gian chờ connection_init'],
  ['Too many initialisation requests', 'connection_init chỉ được gửi một lần'],
  ['Subprotocol not acceptable', 'Giao thức con không được hỗ trợ: hãy dùng graphql-transport-ws'],
  ['Going away', 'Máy chủ đang dừng; hãy kết nối lại sau'],
  ['Replay failed; reconnect with your last cursor', 'Không đọc lại được sự kiện; hãy kết nối lại với con trỏ cuối'],
  ['Too far behind: reconnect with your last cursor', 'Nhận quá chậm nên bị ngắt; hãy kết nối lại với con trỏ cuối'],
]);

/** graphql-ws's closes whose reason is a message of the moment (a parse error, an operation id). */
const BY_CODE: ReadonlyMap<number, string> = new Map([
  [4400, 'Tin nhắn không đúng giao thức graphql-transport-ws'],
  [4409, 'Mã thao tác (id) này đang được dùng trên kết nối'],
  [4500, 'Lỗi máy chủ'],
]);

/** A close frame's reason may hold at most 123 bytes (RFC 6455 §5.5). */
const MAX_REASON_BYTES = 123;

/** The Vietnamese reason for a close (the English one when none is known, cut to fit). */
export function vietnameseCloseReason(code: number | undefined, reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  const said = BY_REASON.get(reason) ?? (code === undefined ? undefined : BY_CODE.get(code)) ?? reason;
  if (Buffer.byteLength(said) <= MAX_REASON_BYTES) return said;
  let cut = said;
  while (Buffer.byteLength(cut) > MAX_REASON_BYTES - 3) cut = cut.slice(0, -1);
  // Not half of a surrogate pair either.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}...`;
}

/** Makes every later `close` of the socket give its reason in Vietnamese. */
export function closeInVietnamese(socket: WebSocket): void {
  const close = socket.close.bind(socket);
  socket.close = (code?: number, reason?: string | Buffer) =>
    close(code, typeof reason === 'string' ? vietnameseCloseReason(code, reason) : reason);
}
