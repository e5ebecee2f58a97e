import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { Role } from '../../src/common/role.enum';
import { chunk, rawRequest } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

const SUBMIT = `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`;
const PDF_HEAD = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const MiB = 1024 * 1024;
const BOUNDARY = '----giamsat-test-boundary';

/** A PDF of exactly `size` bytes (a real header, then padding). */
const pdfOf = (size: number) => Buffer.concat([PDF_HEAD, Buffer.alloc(size - PDF_HEAD.length, 0x20)]);

/** The start of a multipart body with one file part: everything up to the file's bytes. */
const partHead = (fileName: string) =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );

const multipartHeaders = { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Transfer-Encoding': 'chunked' };
/** A zip of stored (uncompressed) entries, written by hand: enough for the checks to read its directory. */
function storedZip(entries: Record<string, string>): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uploadDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`giamsat-upload-${process.pid}-`)).length;

describe('uploads that cannot hurt the process', () => {
  let t: TestApp;
  let receipt: string;
  let reportId: string;
  let intake: string;
  let partyBuilding: string;

  const alive = async () => {
    const res = await t.gql<{ __typename: string }>('{ __typename }');
    expect(res.body.data?.__typename).toBe('Query');
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  };
  const storedFiles = async () =>
    Number(
      (
        (await t.owner.query(`SELECT count(*)::int AS n FROM evidence_file WHERE report_id = $1`, [reportId])) as Array<{
          n: number;
        }>
      )[0]!.n,
    );
  const upload = (path: string, files: Array<{ name: string; bytes: Buffer }>, headers: Record<string, string>) => {
    const form = new FormData();
    for (const f of files) form.append('file', new Blob([f.bytes]), f.name);
    return fetch(`${t.url}${path}`, { method: 'POST', body: form, headers });
  };

  beforeAll(async () => {
    t = await startTestApp({
      seed: true,
      // The whole-request timeout must let a 10 MiB upload through on a busy machine, and still
      // stop a trickle well within the test.
      config: {
        httpRequestTimeoutMs: 15000,
        httpHeadersTimeoutMs: 2000,
        uploadIdleTimeoutMs: 1000,
        evidenceUploadsPerHour: 1000,
      },
    });
    const submitted = await t.gql<{ submitReport: { receiptCode: string } }>(SUBMIT, {
      i: {
        kind: 'FEEDBACK',
        field: 'OTHER',
        title: 'Đèn đường hỏng ở tổ 3',
        content: 'Đèn đường trước nhà văn hóa tổ 3 hỏng đã hai tuần, buổi tối rất tối.',
      },
    });
    receipt = submitted.body.data!.submitReport.receiptCode;
    const rows = (await t.app.dataSource.query(`SELECT id FROM report ORDER BY received_at DESC LIMIT 1`)) as Array<{
      id: string;
    }>;
    reportId = rows[0]!.id;
    intake = await t.tokenFor(Role.INTAKE_STAFF);
    partyBuilding = await t.tokenFor(Role.PARTY_BUILDING);
  });
  afterAll(() => t.stop());

  const routes = (): Array<{ name: string; path: string; headers: Record<string, string> }> => [
    { name: 'the reporter’s evidence route', path: '/track/files', headers: { 'X-Receipt-Code': receipt } },
    { name: 'the staff evidence route', path: `/reports/${reportId}/files`, headers: { Authorization: `Bearer ${intake}` } },
    { name: 'the import route', path: '/imports/cadres', headers: { Authorization: `Bearer ${partyBuilding}` } },
  ];

  it.each([0, 1, 2])(
    'answers a multipart body cut off before its end with 400 on route %i, stores nothing, and lives',
    async (i) => {
      const route = routes()[i]!;
      const before = await storedFiles();
      const answer = await rawRequest(t.url, route.path, { ...route.headers, ...multipartHeaders }, (s) => {
        s.write(chunk(partHead('bang-chung.pdf')));
        s.write(chunk(PDF_HEAD));
        s.write('0\r\n\r\n'); // the body ends here: no closing boundary
      });
      expect(answer?.status).toBe(400);
      expect(answer?.body).toContain('UPLOAD_MALFORMED');
      expect(await storedFiles()).toBe(before);
      await alive();
    },
  );

  it.each([0, 1, 2])('survives a client that drops the connection mid-upload on route %i', async (i) => {
    const route = routes()[i]!;
    const before = await storedFiles();
    const answer = await rawRequest(t.url, route.path, { ...route.headers, ...multipartHeaders }, async (s) => {
      s.write(chunk(partHead('bang-chung.pdf')));
      s.write(chunk(pdfOf(64 * 1024)));
      await sleep(50);
      s.destroy();
    });
    expect(answer).toBeNull();
    await sleep(100);
    expect(await storedFiles()).toBe(before);
    await alive();
  });

  it('answers garbage that is not multipart at all with 400', async () => {
    const answer = await rawRequest(t.url, '/track/files', { 'X-Receipt-Code': receipt, ...multipartHeaders }, (s) => {
      s.write(Buffer.concat([chunk(Buffer.from('not a multipart body at all')), Buffer.from('0\r\n\r\n')]));
    });
    expect(answer?.status).toBe(400);
    await alive();
  });

  it('cuts off an upload that stalls (408) and one that trickles two bytes a second past the request timeout', async () => {
    const stalled = await rawRequest(t.url, '/track/files', { 'X-Receipt-Code': receipt, ...multipartHeaders }, (s) => {
      s.write(chunk(partHead('cham.pdf')));
      s.write(chunk(PDF_HEAD));
      // then nothing: the idle timeout (1 s here) answers
    });
    expect(stalled?.status).toBe(408);
    expect(stalled?.body).toContain('UPLOAD_TIMEOUT');

    const started = Date.now();
    let sent = 0;
    const trickled = await rawRequest(t.url, '/track/files', { 'X-Receipt-Code': receipt, ...multipartHeaders }, async (s) => {
      s.write(chunk(partHead('nho-giot.pdf')));
      const body = pdfOf(4096);
      // Under the idle timeout each time, so only the whole-request timeout (15 s here) can stop it.
      while (!s.destroyed && sent < 80) {
        s.write(chunk(body.subarray(sent, sent + 1)));
        sent++;
        await sleep(500);
      }
    });
    expect(sent).toBeLessThan(80);
    expect(Date.now() - started).toBeLessThan(38_000);
    expect(trickled === null || trickled.status === 408).toBe(true);
    expect(await storedFiles()).toBe(0);
    await alive();
  });

  it('cuts off a client that sends its headers a byte at a time', async () => {
    const { hostname, port } = new URL(t.url);
    const closedAfter = await new Promise<number>((resolve) => {
      const s = connect(Number(port), hostname);
      const started = Date.now();
      s.on('error', () => undefined);
      s.on('close', () => resolve(Date.now() - started));
      const line = 'POST /track/files HTTP/1.1\r\nHost: x\r\nX-Padding: ' + 'a'.repeat(200);
      let i = 0;
      const timer = setInterval(() => {
        if (s.destroyed || i >= line.length) return clearInterval(timer);
        s.write(line[i++]!);
      }, 200);
    });
    expect(closedAfter).toBeLessThan(15_000);
    await alive();
  });

  it('takes exactly 10 MiB, refuses 10 MiB and one byte with 413, and keeps the bytes and the Vietnamese name as sent', async () => {
    const exact = pdfOf(10 * MiB);
    const name = 'Biên bản ghi âm buổi họp tổ dân phố.pdf';
    const ok = await upload('/track/files', [{ name, bytes: exact }], { 'x-receipt-code': receipt });
    expect(ok.status).toBe(201);
    const { files } = (await ok.json()) as { files: Array<{ id: string; fileName: string; sha256: string; sizeBytes: number }> };
    expect(files[0]).toMatchObject({ fileName: name, sizeBytes: 10 * MiB });
    expect(files[0]!.sha256).toBe(createHash('sha256').update(exact).digest('hex'));
    const pieces = (
      (await t.owner.query(`SELECT count(*)::int AS pieces FROM evidence_chunk WHERE file_id = $1`, [files[0]!.id])) as Array<{
        pieces: number;
      }>
    )[0]!.pieces;
    expect(pieces).toBe(40);

    // The handler downloads the file as uploaded (everyone else only a redacted copy: evidence-redaction.e2e-spec.ts).
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const [row] = (await t.owner.query(
      `SELECT r.version, a.id AS handler FROM report r, account a WHERE r.id = $1 AND a.email = 'kiemtra@anbien.test'`,
      [reportId],
    )) as Array<{ version: number; handler: string }>;
    const assigned = await t.gql(
      `mutation($i: AssignReportInput!) { assignReport(input: $i) { id } }`,
      { i: { id: reportId, version: row!.version, handlerId: row!.handler } },
      ic,
    );
    expect(assigned.body.errors).toBeUndefined();
    const dl = await fetch(`${t.url}/files/${files[0]!.id}`, { headers: { authorization: `Bearer ${ic}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(Buffer.from(await dl.arrayBuffer()).equals(exact)).toBe(true);

    const over = await upload('/track/files', [{ name: 'lon.pdf', bytes: pdfOf(10 * MiB + 1) }], { 'x-receipt-code': receipt });
    expect(over.status).toBe(413);
    const body = (await over.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UPLOAD_TOO_LARGE' });
    expect(body.errors[0]!.message).toContain('lon.pdf');
    expect(await storedFiles()).toBe(1);
  });

  it('takes a real DOCX, XLSX and ODT as their Office type, and refuses a plain zip renamed .docx or .xlsx', async () => {
    const types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
    const docx = storedZip({ '[Content_Types].xml': types, 'word/document.xml': '<w:document/>' });
    const xlsx = storedZip({ '[Content_Types].xml': types, 'xl/workbook.xml': '<workbook/>' });
    const odt = storedZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' });
    const plain = storedZip({ 'anh-1.txt': 'không phải tài liệu văn phòng' });
    const before = await storedFiles();
    const ok = await upload(
      '/track/files',
      [
        { name: 'don-to-cao.docx', bytes: docx },
        { name: 'bang-ke.xlsx', bytes: xlsx },
        { name: 'bien-ban.odt', bytes: odt },
      ],
      { 'x-receipt-code': receipt },
    );
    const okBody = (await ok.json()) as { files: Array<{ fileName: string; contentType: string }> };
    // The whole answer in the assertion, so a failure says why.
    expect({ status: ok.status, body: okBody }).toMatchObject({ status: 201 });
    const { files } = okBody;
    expect(files.map((f) => f.contentType)).toEqual([
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.oasis.opendocument.text',
    ]);
    for (const [name, bytes] of [
      ['nen.docx', plain],
      ['nen.xlsx', plain],
      ['bang-tinh-doi-ten.docx', xlsx],
      ['van-ban.odt', storedZip({ mimetype: 'application/zip', 'content.xml': '<x/>' })],
    ] as const) {
      const refused = await upload('/track/files', [{ name, bytes }], { 'x-receipt-code': receipt });
      const body = (await refused.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
      expect({ name, status: refused.status, body }).toMatchObject({ status: 400 });
      expect(body.errors[0]!.extensions).toMatchObject({ reason: 'UPLOAD_NOT_OFFICE_DOCUMENT' });
      expect(body.errors[0]!.message).toContain(name);
    }
    // A plain zip named .zip is still a zip.
    expect((await upload('/track/files', [{ name: 'anh.zip', bytes: plain }], { 'x-receipt-code': receipt })).status).toBe(201);
    expect(await storedFiles()).toBe(before + 4);
  });

  it('leaves no temporary file behind, whatever became of the uploads', async () => {
    await sleep(200);
    expect(uploadDirs()).toBe(0);
  });
});
