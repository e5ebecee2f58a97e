import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Busboy from 'busboy';
import { AppError, ErrorCode } from '../common/errors';

/** How many leading bytes of each file are kept in memory for type detection (magic numbers). */
const HEAD_BYTES = 8192;

/** One file part, written to a temporary file as it arrived: never held whole in memory. */
export interface ReceivedFile {
  /** The name as the client sent it, UTF-8 kept, control characters and path separators replaced. */
  fileName: string;
  /** The temporary file holding the bytes; removed by {@link ReceivedMultipart.dispose}. */
  path: string;
  sizeBytes: number;
  /** SHA-256 of the bytes, hex, computed while they streamed. */
  sha256: string;
  /** The first bytes, for detecting the type from the content. */
  head: Buffer;
}

export interface ReceivedMultipart {
  files: ReceivedFile[];
  fields: Record<string, string>;
  /** Removes the temporary files. Call it in a `finally`; it never throws. */
  dispose(): Promise<void>;
}

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxFields?: number;
  maxFieldBytes?: number;
  /** A body that sends nothing for this long is cut off with 408. */
  idleTimeoutMs: number;
  /** The error for a file over `maxFileBytes` (413); a Vietnamese default names the file and the limit. */
  tooLarge?: (fileName: string, maxFileBytes: number) => AppError;
}

const fail = (reason: string, message: string, httpStatus = 400) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { reason, httpStatus });

export const MultipartErrors = {
  notMultipart: () => fail('UPLOAD_NOT_MULTIPART', 'Hãy gửi tệp dưới dạng multipart/form-data, mỗi tệp là một phần tên "file".'),
  malformed: () => fail('UPLOAD_MALFORMED', 'Nội dung tải lên bị hỏng hoặc bị cắt ngang; không tệp nào được lưu. Hãy gửi lại.'),
  aborted: () => fail('UPLOAD_ABORTED', 'Kết nối bị ngắt khi đang tải lên; không tệp nào được lưu. Hãy gửi lại.'),
  idle: (seconds: number) =>
    fail('UPLOAD_TIMEOUT', `Không nhận được dữ liệu tải lên trong ${seconds} giây; không tệp nào được lưu. Hãy gửi lại.`, 408),
  tooManyFiles: (max: number) => fail('UPLOAD_TOO_MANY_FILES', `Mỗi lần gửi tối đa ${max} tệp; không tệp nào được lưu.`),
  tooManyFields: () => fail('UPLOAD_TOO_MANY_FIELDS', 'Yêu cầu tải lên có quá nhiều trường; không tệp nào được lưu.'),
  tooLarge: (fileName: string, maxFileBytes: number) =>
    new AppError(
      ErrorCode.BAD_USER_INPUT,
      `Tệp ${fileName} lớn hơn giới hạn ${formatBytes(maxFileBytes)}; không tệp nào được lưu.`,
      { reason: 'UPLOAD_TOO_LARGE', httpStatus: 413, maxBytes: maxFileBytes },
    ),
};

/** The plain fields received before an upload was refused, by the error it was refused with. */
const fieldsOfRefusal = new WeakMap<AppError, Record<string, string>>();

/**
 * The form fields that arrived with a refused upload (a file too large, too many files), so a
 * server-rendered form can show the person what they typed; undefined for other errors.
 */
export function fieldsReceivedWith(err: unknown): Record<string, string> | undefined {
  return err instanceof AppError ? fieldsOfRefusal.get(err) : undefined;
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} byte`;
}

/** Keeps the name as sent (Vietnamese included) but never a path or a control character. */
export function cleanFileName(name: string | undefined, fallback = 'tep'): string {
  const cleaned = (name ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}/\\]/gu, '_')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}

/**
 * Receives a multipart/form-data body, streaming each file part to a temporary file while
 * hashing it, with memory bounded by the stream buffers whatever the file sizes.
 *
 * Every stream involved (the request, busboy, each file part, each temporary file) has its
 * errors handled, so a truncated, malformed, aborted or stalled body rejects with an
 * {@link AppError} (400, 408 or 413) and leaves no temporary file behind; it never throws
 * out of an event handler. Once settled, the rest of the request is drained or the socket
 * destroyed, so the client gets the answer.
 */
export function receiveMultipart(req: IncomingMessage, limits: MultipartLimits): Promise<ReceivedMultipart> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) return Promise.reject(MultipartErrors.notMultipart());
  let bb: Busboy.Busboy;
  try {
    bb = Busboy({
      headers: req.headers,
      // File names in Content-Disposition arrive as raw UTF-8 from browsers and curl; busboy's
      // default (latin1) garbles Vietnamese names.
      defParamCharset: 'utf8',
      limits: {
        // busboy stops a file when it reaches its limit: one byte more lets exactly maxFileBytes through.
        fileSize: limits.maxFileBytes + 1,
        files: limits.maxFiles,
        fields: limits.maxFields ?? 10,
        fieldSize: limits.maxFieldBytes ?? 1000,
        parts: limits.maxFiles + (limits.maxFields ?? 10),
      },
    });
  } catch {
    return Promise.reject(MultipartErrors.malformed());
  }

  return new Promise<ReceivedMultipart>((resolve, reject) => {
    let dir: string | undefined;
    const dirReady = mkdtemp(path.join(tmpdir(), `giamsat-upload-${process.pid}-`)).then((d) => (dir = d));
    const files: ReceivedFile[] = [];
    const fields: Record<string, string> = {};
    const writes: Array<Promise<void>> = [];
    const open = new Set<WriteStream>();
    let failure: AppError | undefined;
    let settled = false;

    const dispose = async () => {
      await dirReady.catch(() => undefined);
      if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    };

    const finish = (err: AppError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(idleTimer);
      req.off('data', touch);
      if (err) {
        fieldsOfRefusal.set(err, { ...fields });
        for (const w of open) w.destroy();
        req.unpipe(bb);
        // Stop reading the rest: a client still sending is cut off after the answer is written.
        req.resume();
        void Promise.allSettled(writes).then(dispose);
        reject(err);
        return;
      }
      resolve({ files: files.filter(Boolean), fields, dispose });
    };
    // A broken, aborted or stalled body is answered at once: nothing more will come.
    const failWith = (err: AppError) => {
      failure ??= err;
      finish(failure);
    };
    // A refused part (too large, too many) is read to the end and thrown away before answering:
    // a client still sending when the answer comes sees a reset instead of the answer. The
    // server's request timeout bounds how long that may take.
    const refuse = (err: AppError) => {
      failure ??= err;
      for (const w of open) w.destroy();
    };

    const idleTimer = setTimeout(
      () => failWith(MultipartErrors.idle(Math.round(limits.idleTimeoutMs / 1000))),
      limits.idleTimeoutMs,
    );
    const touch = () => {
      idleTimer.refresh();
    };
    req.on('data', touch);
    req.on('aborted', () => failWith(MultipartErrors.aborted()));
    req.on('error', () => failWith(MultipartErrors.aborted()));
    req.on('close', () => {
      // 'close' also follows a complete body; only a body that never completed was cut off.
      if (!req.complete) failWith(MultipartErrors.aborted());
    });

    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) refuse(MultipartErrors.tooManyFields());
      else fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      const fileName = cleanFileName(info.filename);
      // Every file part's own stream errors too ("Unexpected end of form" on a cut body).
      stream.on('error', () => failWith(MultipartErrors.malformed()));
      if (failure) {
        stream.resume();
        return;
      }
      const hash = createHash('sha256');
      const headParts: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      const index = writes.length;
      const done = dirReady.then(
        () =>
          new Promise<void>((resolveFile, rejectFile) => {
            if (failure) {
              stream.resume();
              resolveFile();
              return;
            }
            const filePath = path.join(dir!, `part-${index}`);
            const out = createWriteStream(filePath, { flags: 'wx', mode: 0o600 });
            open.add(out);
            out.on('error', (e) => {
              open.delete(out);
              rejectFile(e);
            });
            out.on('close', () => {
              // Destroyed after a failure elsewhere: nothing to keep, but settle.
              open.delete(out);
              resolveFile();
            });
            stream.on('data', (chunk: Buffer) => {
              size += chunk.length;
              hash.update(chunk);
              if (headLength < HEAD_BYTES) {
                headParts.push(chunk.subarray(0, HEAD_BYTES - headLength));
                headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
              }
            });
            stream.on('limit', () => {
              refuse((limits.tooLarge ?? MultipartErrors.tooLarge)(fileName, limits.maxFileBytes));
              stream.unpipe(out);
              stream.resume();
            });
            out.on('finish', () => {
              if (!failure && !stream.truncated) {
                // In the order the parts came, whichever temporary file finished writing first.
                files[index] = {
                  fileName,
                  path: filePath,
                  sizeBytes: size,
                  sha256: hash.digest('hex'),
                  head: Buffer.concat(headParts),
                };
              }
              resolveFile();
            });
            stream.pipe(out);
          }),
      );
      writes.push(done.catch(() => failWith(MultipartErrors.aborted())));
    });
    bb.on('filesLimit', () => refuse(MultipartErrors.tooManyFiles(limits.maxFiles)));
    bb.on('fieldsLimit', () => refuse(MultipartErrors.tooManyFields()));
    bb.on('partsLimit', () => refuse(MultipartErrors.tooManyFields()));
    bb.on('error', () => failWith(MultipartErrors.malformed()));
    bb.on('close', () => {
      void Promise.all(writes).then(() => finish(failure));
    });
    req.pipe(bb);
  });
}
