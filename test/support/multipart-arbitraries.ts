import * as fc from 'fast-check';

/**
 * fast-check arbitraries for multipart/form-data uploads as a broken or hostile client sends
 * them: odd boundaries and content types, many or huge parts, odd part headers, bodies cut off,
 * chunked, mis-declared or dropped. For the fuzz test (test/e2e/fuzz.e2e-spec.ts).
 */

/** How the body travels: whole with its length, chunked, cut off in one of three ways, or with a length that lies. */
export type Delivery = 'length' | 'chunked' | 'cut-chunked' | 'cut-end' | 'destroy' | 'short-length';

export interface MultipartCase {
  /** The Content-Type header, or undefined for none. */
  contentType: string | undefined;
  extraHeaders: Record<string, string>;
  body: Buffer;
  delivery: Delivery;
  /** Where a cut body stops, as a fraction of its length. */
  cutAt: number;
  /** Sizes of the chunks of a chunked body. */
  chunkSize: number;
  query: string;
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const ZIP = Buffer.from('504b0304140000000800', 'hex');

const boundaryArb = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[0-9A-Za-z'()+_,./:=?-]{1,70}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
  { weight: 1, arbitrary: fc.integer({ min: 71, max: 5000 }).map((n) => 'b'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom('', '--', ' ', '"', 'a b', 'ễ') },
);

/** Header-safe text: no CR or LF, which would end the header early (that case has its own weight). */
const headerText = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength }).map((s) => s.replace(/[\r\n]/g, ' '));

const csvArb = fc
  .array(
    fc.array(fc.oneof(headerText(20), fc.constantFrom('Nguyễn Văn An', 'Nam', 'Nữ', '01/02/1980', '30/02/1980', 'x', '"', ';')), {
      maxLength: 16,
    }),
    {
      maxLength: 30,
    },
  )
  .map((rows) => {
    const header = 'Họ và tên,Giới tính,Ngày sinh,Mã đơn vị,Tên đơn vị,Chức vụ,Loại cán bộ,Đảng viên,Ngày vào Đảng,Email';
    return Buffer.from([header, ...rows.map((r) => r.join(','))].join('\r\n'));
  });

const contentArb = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([PDF, Buffer.from(b)])) },
  { weight: 1, arbitrary: fc.constantFrom(PNG, ZIP, Buffer.concat([ZIP, Buffer.alloc(200)]), Buffer.alloc(0)) },
  { weight: 2, arbitrary: csvArb },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 64 * 1024, max: 1024 * 1024 }).map((n) => Buffer.concat([PDF, Buffer.alloc(n, 0x20)])),
  },
);

const dispositionArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        name: fc.oneof(fc.constantFrom('file', 'file', 'file', 'validOnly', 'dryRun'), headerText(10)),
        filename: fc.option(
          fc.oneof(
            fc.constantFrom('bang-chung.pdf', 'danh-sách cán bộ.csv', 'a.xlsx', '../../x.pdf', 'C:\\x.pdf'),
            headerText(40),
          ),
          {
            freq: 5,
          },
        ),
        star: fc.boolean(),
      })
      .map(
        ({ name, filename, star }) =>
          `Content-Disposition: form-data; name="${name}"` +
          (filename === null ? '' : star ? `; filename*=UTF-8''${encodeURIComponent(filename)}` : `; filename="${filename}"`),
      ),
  },
  { weight: 1, arbitrary: headerText(80).map((s) => `Content-Disposition: ${s}`) },
  { weight: 1, arbitrary: fc.constant('') },
);

const partHeadersArb = fc
  .tuple(
    dispositionArb,
    fc.option(
      fc.constantFrom(
        'Content-Type: application/pdf',
        'Content-Type: text/csv; charset=utf-8',
        'Content-Type: ;;;',
        'Content-Transfer-Encoding: base64',
      ),
    ),
    fc.option(
      fc.integer({ min: 100, max: 100_000 }).map((n) => `X-Pad: ${'a'.repeat(n)}`),
      { freq: 8 },
    ),
    fc.option(
      headerText(60).map((s) => `X-${s.replace(/[^A-Za-z-]/g, '') || 'Odd'}: ${s}`),
      { freq: 4 },
    ),
  )
  .map((lines) => lines.filter((l): l is string => !!l).join('\r\n'));

const partArb = fc.record({ headers: partHeadersArb, content: contentArb });

const partsArb = fc.oneof(
  { weight: 6, arbitrary: fc.array(partArb, { maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 20, max: 300 }).map((n) =>
      Array.from({ length: n }, (_, i) => ({
        headers: `Content-Disposition: form-data; name="file"; filename="${i}.pdf"`,
        content: PDF,
      })),
    ),
  },
);

export const multipartCaseArb: fc.Arbitrary<MultipartCase> = fc
  .record({
    boundary: boundaryArb,
    /** Sometimes the body uses another boundary than the header names. */
    bodyBoundary: fc.option(boundaryArb, { freq: 8 }),
    typeForm: fc.constantFrom('plain', 'plain', 'plain', 'quoted', 'none', 'no-boundary', 'mixed', 'json', 'odd'),
    oddType: headerText(60),
    parts: partsArb,
    preamble: fc.option(
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      { freq: 5 },
    ),
    closing: fc.constantFrom('close', 'close', 'close', 'none', 'garbage'),
    delivery: fc.constantFrom<Delivery>(
      'length',
      'length',
      'chunked',
      'chunked',
      'cut-chunked',
      'cut-end',
      'destroy',
      'short-length',
    ),
    cutAt: fc.double({ min: 0, max: 1, noNaN: true }),
    chunkSize: fc.integer({ min: 1, max: 70_000 }),
    extraHeaders: fc.dictionary(fc.stringMatching(/^X-[A-Za-z-]{1,20}$/), headerText(200), { maxKeys: 3 }),
    query: fc.constantFrom('', '?dryRun=true', '?dryRun=true&validOnly=true', '?validOnly=1', '?dryRun=%00', '?dryRun[]=x'),
  })
  .map((c) => {
    const b = c.bodyBoundary ?? c.boundary;
    const chunks: Buffer[] = [];
    if (c.preamble) chunks.push(c.preamble, Buffer.from('\r\n'));
    for (const p of c.parts) chunks.push(Buffer.from(`--${b}\r\n${p.headers}\r\n\r\n`), p.content, Buffer.from('\r\n'));
    if (c.closing === 'close') chunks.push(Buffer.from(`--${b}--\r\n`));
    if (c.closing === 'garbage') chunks.push(Buffer.from(`--${b}-- trailing\r\n\u0000\u0001 epilogue`));
    const contentType = {
      plain: `multipart/form-data; boundary=${c.boundary}`,
      quoted: `multipart/form-data; boundary="${c.boundary}"`,
      none: undefined,
      'no-boundary': 'multipart/form-data',
      mixed: `multipart/mixed; boundary=${c.boundary}`,
      json: 'application/json',
      odd: `multipart/form-data; ${c.oddType}`,
    }[c.typeForm];
    return {
      contentType: contentType?.replace(/[\r\n]/g, ' '),
      extraHeaders: c.extraHeaders,
      body: Buffer.concat(chunks),
      delivery: c.delivery,
      cutAt: c.cutAt,
      chunkSize: c.chunkSize,
      query: c.query,
    };
  });
