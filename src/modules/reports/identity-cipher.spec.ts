import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  IdentityCipher,
  IdentityCipherError,
  Keyring,
  KeyringError,
  openEvidencePiece,
  sealEvidencePiece,
  type FieldBinding,
} from './identity-cipher';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const here: FieldBinding = { table: 'report_reporters', column: 'full_name', rowId: '6f1c2a40-0000-4000-8000-000000000042' };
const NAME = 'Nguyễn Thị Hồng Nhung';
const ADDRESS = 'Số 12, ngõ 34 phố Hàng Bạc, phường An Biên; ĐT 0912 345 678';

function failure(f: () => unknown): IdentityCipherError {
  try {
    f();
  } catch (e) {
    if (e instanceof IdentityCipherError) return e;
    throw e;
  }
  throw new Error('expected an IdentityCipherError');
}

function expectNoSecrets(message: string, ...secrets: string[]): void {
  for (const s of secrets) expect(message).not.toContain(s);
  for (const key of [k1, k2]) {
    expect(message).not.toContain(key.toString('base64'));
    expect(message).not.toContain(key.toString('hex'));
  }
}

const cipher = new IdentityCipher(new Keyring([{ id: 'k1', key: k1 }]));

describe('encrypting identities', () => {
  it('round-trips text, including Vietnamese with diacritics in either Unicode form, byte for byte', () => {
    for (const text of [NAME, ADDRESS, NAME.normalize('NFD'), '', 'Đặng Văn Ước 👍', 'x'.repeat(10_000)]) {
      const sealed = cipher.encrypt(text, here);
      const back = cipher.decrypt(sealed, here);
      expect(back).toBe(text);
      expect(Buffer.from(back, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    }
    expect(NAME.normalize('NFD')).not.toBe(NAME);
  });

  it('writes v1.<keyId>.<nonce>.<ciphertext+tag> in base64url, with a fresh 96-bit nonce each time', () => {
    const a = cipher.encrypt(NAME, here);
    const b = cipher.encrypt(NAME, here);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    // ciphertext + 16-byte tag
    expect(Buffer.from(a.split('.')[3]!, 'base64url')).toHaveLength(Buffer.byteLength(NAME) + 16);
    expect(a).not.toContain('Nguy');
  });

  it('refuses a value moved to another row, column or table', () => {
    const sealed = cipher.encrypt(NAME, here);
    for (const other of [
      { ...here, rowId: '6f1c2a40-0000-4000-8000-000000000043' },
      { ...here, column: 'address' },
      { ...here, table: 'press_requests' },
    ]) {
      const e = failure(() => cipher.decrypt(sealed, other));
      expect(e.reason).toBe('AUTHENTICATION_FAILED');
      expect(e.message).toBe(
        `Cannot decrypt ${other.table}.${other.column} of row ${other.rowId}: the value was not encrypted for this table, column and row, or it was altered`,
      );
      expectNoSecrets(e.message, NAME, sealed, sealed.split('.')[3]!);
    }
  });

  it('binds table and column unambiguously, and reads a numeric row id as its text', () => {
    const sealed = cipher.encrypt(NAME, { table: 'a.b', column: 'c', rowId: 7 });
    expect(() => cipher.decrypt(sealed, { table: 'a', column: 'b.c', rowId: 7 })).toThrow(IdentityCipherError);
    expect(cipher.decrypt(sealed, { table: 'a.b', column: 'c', rowId: '7' })).toBe(NAME);
    expect(cipher.decrypt(sealed, { table: 'a.b', column: 'c', rowId: 7n })).toBe(NAME);
  });

  it('refuses a binding without a table, column or row id', () => {
    expect(() => cipher.encrypt(NAME, { ...here, table: '' })).toThrow(/bound to a table and a column/);
    expect(() => cipher.encrypt(NAME, { ...here, column: '' })).toThrow(/bound to a table and a column/);
    expect(() => cipher.encrypt(NAME, { ...here, rowId: '' })).toThrow(/must be bound to a row id/);
    expect(() => cipher.encrypt(NAME, { ...here, rowId: undefined as unknown as string })).toThrow(/must be bound to a row id/);
  });

  it('detects any altered bit of the ciphertext, the tag or the nonce', () => {
    const sealed = cipher.encrypt(ADDRESS, here);
    const [v, id, nonceText, bodyText] = sealed.split('.') as [string, string, string, string];
    const body = Buffer.from(bodyText, 'base64url');
    for (let i = 0; i < body.length; i++) {
      const altered = Buffer.from(body);
      altered[i] = altered[i]! ^ (1 << (i % 8));
      const e = failure(() => cipher.decrypt(`${v}.${id}.${nonceText}.${altered.toString('base64url')}`, here));
      expect(e.reason).toBe('AUTHENTICATION_FAILED');
    }
    const nonce = Buffer.from(nonceText, 'base64url');
    nonce[0] = nonce[0]! ^ 1;
    expect(failure(() => cipher.decrypt(`${v}.${id}.${nonce.toString('base64url')}.${bodyText}`, here)).reason).toBe(
      'AUTHENTICATION_FAILED',
    );
    // dropping the last byte (part of the tag)
    expect(
      failure(() => cipher.decrypt(`${v}.${id}.${nonceText}.${body.subarray(0, -1).toString('base64url')}`, here)).reason,
    ).toBe('AUTHENTICATION_FAILED');
  });

  it('refuses a value relabelled with another key id of the keyring', () => {
    const both = new IdentityCipher(
      new Keyring([
        { id: 'k2', key: k2 },
        { id: 'k1', key: k1 },
      ]),
    );
    const sealed = both.encrypt(NAME, here);
    expect(failure(() => both.decrypt(sealed.replace('v1.k2.', 'v1.k1.'), here)).reason).toBe('AUTHENTICATION_FAILED');
  });

  it.each([
    ['plain text', NAME],
    ['another version', 'v2.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['a missing part', 'v1.k1.AAAAAAAAAAAAAAAA'],
    ['an extra part', 'v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA'],
    ['a short nonce', 'v1.k1.AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['a body shorter than a tag', 'v1.k1.AAAAAAAAAAAAAAAA.AAAA'],
    ['standard base64 characters', 'v1.k1.AAAAAAAAAAAAAAA+.AAAAAAAAAAAAAAAAAAAAAA'],
    ['a non-canonical base64url body', 'v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAB'],
    ['a bad key id', 'v1.k 1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses %s as malformed without echoing it', (_what, value) => {
    const e = failure(() => cipher.decrypt(value, here));
    expect(e.reason).toBe('MALFORMED');
    expect(e.message).toBe('Not an encrypted identity value (expected v1.<keyId>.<nonce>.<ciphertext>)');
  });

  it('names an unknown key id, and the keys it has, without any key material', () => {
    const other = new IdentityCipher(new Keyring([{ id: 'k2', key: k2 }]));
    const e = failure(() => other.decrypt(cipher.encrypt(NAME, here), here));
    expect(e.reason).toBe('UNKNOWN_KEY');
    expect(e.message).toBe(
      'Cannot decrypt report_reporters.full_name: it was encrypted under key k1, which is not in the keyring (k2)',
    );
    expectNoSecrets(e.message, NAME);
  });
});

describe('key rotation', () => {
  it('decrypts old values with an old key, flags them, and re-encrypts them under the active key', () => {
    const old = cipher.encrypt(NAME, here);
    const rotated = new IdentityCipher(
      new Keyring([
        { id: 'k2', key: k2 },
        { id: 'k1', key: k1 },
      ]),
    );
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.keyIdOf(old)).toBe('k1');
    expect(rotated.decrypt(old, here)).toBe(NAME);

    const fresh = rotated.rotate(old, here);
    expect(fresh).toMatch(/^v1\.k2\./);
    expect(rotated.needsRotation(fresh)).toBe(false);
    expect(rotated.rotate(fresh, here)).toBe(fresh);
    expect(rotated.decrypt(fresh, here)).toBe(NAME);
    expect(rotated.encrypt(NAME, here)).toMatch(/^v1\.k2\./);

    // once k1 is retired, only re-encrypted values can be read
    const retired = new IdentityCipher(new Keyring([{ id: 'k2', key: k2 }]));
    expect(retired.decrypt(fresh, here)).toBe(NAME);
    expect(failure(() => retired.decrypt(old, here)).reason).toBe('UNKNOWN_KEY');
  });

  it('refuses to rotate a value into another row', () => {
    const old = cipher.encrypt(NAME, here);
    const rotated = new IdentityCipher(
      new Keyring([
        { id: 'k2', key: k2 },
        { id: 'k1', key: k1 },
      ]),
    );
    expect(() => rotated.rotate(old, { ...here, rowId: 'other' })).toThrow(IdentityCipherError);
  });

  it('throws on a malformed value when asked whether it needs rotation', () => {
    expect(() => cipher.needsRotation('plain')).toThrow(IdentityCipherError);
  });
});

describe('keyrings', () => {
  it('parses "k2:<base64>,k1:<base64>" with the first key active, in standard or URL-safe base64', () => {
    const ring = Keyring.fromConfig(` k2:${k2.toString('base64')} , k1:${k1.toString('base64url')} `);
    expect(ring.activeKeyId).toBe('k2');
    expect(ring.keyIds).toEqual(['k2', 'k1']);
    expect(ring.has('k1')).toBe(true);
    expect(ring.keyFor('k1')!.equals(k1)).toBe(true);
    const sealed = new IdentityCipher(new Keyring([{ id: 'k1', key: k1 }])).encrypt(NAME, here);
    expect(new IdentityCipher(ring).decrypt(sealed, here)).toBe(NAME);
  });

  it.each([
    ['', /^IDENTITY_KEYS đang trống: hãy cho ít nhất một khóa dạng <mã khóa>:<base64 của 32 byte ngẫu nhiên>$/],
    [' , ', /IDENTITY_KEYS đang trống/],
    [`${k1.toString('base64')}`, /^IDENTITY_KEYS: mục 1 phải có dạng <mã khóa>:<khóa base64>$/],
    [`k1:${k1.toString('base64')},:${k2.toString('base64')}`, /^IDENTITY_KEYS: mục 2 phải có dạng <mã khóa>:<khóa base64>$/],
    [`k.1:${k1.toString('base64')}`, /^IDENTITY_KEYS: mục 1 có mã khóa sai/],
    [
      `k1:${randomBytes(16).toString('base64')}`,
      /^IDENTITY_KEYS: khóa k1 sau khi giải mã base64 phải dài 32 byte \(AES-256\), đang là 16$/,
    ],
    [
      `k1:${randomBytes(33).toString('base64')}`,
      /^IDENTITY_KEYS: khóa k1 sau khi giải mã base64 phải dài 32 byte \(AES-256\), đang là 33$/,
    ],
    [
      `k1:${k1.toString('base64').slice(0, 10)}!${k1.toString('base64').slice(11)}`,
      /^IDENTITY_KEYS: khóa k1 không phải base64 hợp lệ$/,
    ],
    [`k1:A`, /^IDENTITY_KEYS: khóa k1 không phải base64 hợp lệ$/],
    [`k1:${k1.toString('base64')},k1:${k2.toString('base64')}`, /^IDENTITY_KEYS: Mã khóa k1 xuất hiện hai lần$/],
  ])('refuses %j with a message that names the entry but not the key', (config, message) => {
    let error: unknown;
    try {
      Keyring.fromConfig(config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeyringError);
    expect((error as Error).message).toMatch(message);
    const encoded = config
      .split(',')
      .flatMap((e) => e.split(':').slice(1))
      .filter((s) => s.length > 4);
    for (const s of encoded) expect((error as Error).message).not.toContain(s);
  });

  it('uses the variable name it is given in messages', () => {
    expect(() => Keyring.fromConfig('', 'REPORTER_KEYS')).toThrow(/^REPORTER_KEYS đang trống/);
  });

  it('refuses keys of the wrong length and bad ids when built directly', () => {
    expect(() => new Keyring([])).toThrow('Bộ khóa cần ít nhất một khóa');
    expect(() => new Keyring([{ id: 'k1', key: randomBytes(24) }])).toThrow('Khóa k1 phải dài 32 byte (AES-256), đang là 24');
    expect(() => new Keyring([{ id: 'k1', key: 'x'.repeat(32) as unknown as Buffer }])).toThrow(
      'Khóa k1 phải dài 32 byte (AES-256), đang là không phải buffer',
    );
    expect(() => new Keyring([{ id: 'k.1', key: k1 }])).toThrow(KeyringError);
  });

  it('keeps its own copy of the keys', () => {
    const key = Buffer.from(k1);
    const ring = new Keyring([{ id: 'k1', key }]);
    const sealed = new IdentityCipher(ring).encrypt(NAME, here);
    key.fill(0);
    expect(new IdentityCipher(ring).decrypt(sealed, here)).toBe(NAME);
  });

  it('shows only key ids when logged or serialised', () => {
    const ring = new Keyring([
      { id: 'k2', key: k2 },
      { id: 'k1', key: k1 },
    ]);
    const shown = [JSON.stringify(ring), inspect(ring), inspect({ nested: { ring } }, { depth: 5 }), String(Object.values(ring))];
    for (const text of shown) expectNoSecrets(text);
    expect(JSON.parse(JSON.stringify(ring))).toEqual({ activeKeyId: 'k2', keyIds: ['k2', 'k1'] });
    expect(inspect(ring)).toBe('Keyring { active: k2, keys: [k2, k1] }');
    const viaCipher = inspect(new IdentityCipher(ring), { depth: 5 });
    expectNoSecrets(viaCipher);
  });
});

describe('per-report data keys (v2 envelope)', () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };
  const reportId = '2b0d6f1e-8a47-4a51-9d1e-5a8f2b0c7d11';
  const at: FieldBinding = { table: 'reporter_identity', column: 'fullName', rowId: reportId };

  it('seals under the data key as v2 and opens with it, and the wrapped key opens under the keyring', () => {
    const cipher = new IdentityCipher(new Keyring([k1]));
    const { key, wrapped } = cipher.newDataKey(reportId);
    expect(wrapped.startsWith('v1.k1.')).toBe(true);
    const sealed = cipher.encrypt('Phạm Văn Kiên', at, key);
    expect(sealed).toMatch(/^v2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    // No key id segment (the data key is the report's): a random nonce could contain "k1" by chance.
    expect(sealed.split('.')).toHaveLength(3);
    expect(cipher.decrypt(sealed, at, cipher.unwrapDataKey(wrapped, reportId))).toBe('Phạm Văn Kiên');
  });

  it('refuses a v2 value without its data key (erased on retention), with another data key, or at another row', () => {
    const cipher = new IdentityCipher(new Keyring([k1]));
    const { key } = cipher.newDataKey(reportId);
    const sealed = cipher.encrypt('0912345678', at, key);
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(String((e as Error).message)).not.toContain('0912345678');
        return (e as IdentityCipherError).reason;
      }
      return 'opened';
    };
    expect(reason(() => cipher.decrypt(sealed, at))).toBe('DATA_KEY_MISSING');
    expect(reason(() => cipher.decrypt(sealed, at, null))).toBe('DATA_KEY_MISSING');
    expect(reason(() => cipher.decrypt(sealed, at, randomBytes(32)))).toBe('AUTHENTICATION_FAILED');
    expect(reason(() => cipher.decrypt(sealed, { ...at, column: 'phone' }, key))).toBe('AUTHENTICATION_FAILED');
    expect(reason(() => cipher.decrypt(sealed, { ...at, rowId: 'another' }, key))).toBe('AUTHENTICATION_FAILED');
    expect(reason(() => cipher.decrypt(`${sealed}.x`, at, key))).toBe('MALFORMED');
  });

  it('binds the wrapped key to its report: another report’s row does not unwrap it', () => {
    const cipher = new IdentityCipher(new Keyring([k1]));
    const { wrapped } = cipher.newDataKey(reportId);
    expect(() => cipher.unwrapDataKey(wrapped, 'another-report')).toThrow(IdentityCipherError);
  });

  it('still opens v1 values, which keep rotating; a v2 value never needs rotation, its wrapped key does', () => {
    const old = new IdentityCipher(new Keyring([k1]));
    const v1 = old.encrypt('Phạm Văn Kiên', at);
    const { key, wrapped } = old.newDataKey(reportId);
    const v2 = old.encrypt('Phạm Văn Kiên', at, key);
    const rotated = new IdentityCipher(new Keyring([k2, k1]));
    expect(rotated.decrypt(v1, at)).toBe('Phạm Văn Kiên');
    expect(rotated.needsRotation(v1)).toBe(true);
    expect(rotated.needsRotation(v2)).toBe(false);
    expect(rotated.needsRotation(wrapped)).toBe(true);
    const rewrapped = rotated.rotate(wrapped, { table: 'report_data_key', column: 'key', rowId: reportId });
    expect(rewrapped.startsWith('v1.k2.')).toBe(true);
    expect(new IdentityCipher(new Keyring([k2])).decrypt(v2, at, rotated.unwrapDataKey(rewrapped, reportId))).toBe(
      'Phạm Văn Kiên',
    );
  });
});

describe('evidence pieces under a report’s data key', () => {
  const key = randomBytes(32);
  const file = '7d3c0f52-1111-4a51-9d1e-5a8f2b0c7d11';

  it('round-trips a piece, and refuses another key, file, place or altered bytes', () => {
    const piece = Buffer.from('%PDF-1.4 bản ghi âm');
    const sealed = sealEvidencePiece(key, file, 0, piece);
    expect(sealed.includes(piece)).toBe(false);
    expect(openEvidencePiece(key, file, 0, sealed).equals(piece)).toBe(true);
    for (const open of [
      () => openEvidencePiece(randomBytes(32), file, 0, sealed),
      () => openEvidencePiece(key, 'another', 0, sealed),
      () => openEvidencePiece(key, file, 1, sealed),
      () =>
        openEvidencePiece(
          key,
          file,
          0,
          Buffer.concat([sealed.subarray(0, 20), Buffer.from([sealed[20]! ^ 1]), sealed.subarray(21)]),
        ),
    ])
      expect(open).toThrow(IdentityCipherError);
  });
});
