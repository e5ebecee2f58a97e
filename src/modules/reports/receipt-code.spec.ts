import { createHmac, randomBytes } from 'node:crypto';
import { generateReceiptCode, normalizeReceiptCode, RECEIPT_CODE_ALPHABET, receiptLookupKey } from './receipt-code';

const SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/;
const SECRET = 'a-receipt-lookup-secret-of-32-bytes!';

/** Positions of the 17 symbols inside `XXXX-XXXX-XXXX-XXXX-C`. */
const SYMBOL_POSITIONS = [0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 18, 20];

function replaceAt(s: string, i: number, c: string): string {
  return s.slice(0, i) + c + s.slice(i + 1);
}

describe('receipt code generation', () => {
  it('makes XXXX-XXXX-XXXX-XXXX-C codes in Crockford base32 that read back as themselves', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateReceiptCode();
      expect(code).toMatch(SHAPE);
      expect(normalizeReceiptCode(code)).toBe(code);
    }
  });

  it('encodes 80 random bits as 16 symbols, big-endian (vectors computed independently; changing them breaks issued codes)', () => {
    expect(generateReceiptCode(() => Buffer.alloc(10))).toBe('0000-0000-0000-0000-0');
    expect(generateReceiptCode(() => Buffer.alloc(10, 0xff))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-M');
    expect(generateReceiptCode(() => Buffer.from('00112233445566778899', 'hex'))).toBe('008J-4CT4-ANK7-F24S-W');
    expect(generateReceiptCode(() => Buffer.from('0000000000000000001f', 'hex'))).toBe('0000-0000-0000-000Z-V');
    expect(generateReceiptCode(() => Buffer.from('0123456789abcdef0123', 'hex'))).toBe('04HM-ASW9-NF6Y-Y093-X');
  });

  it('asks the random source for 10 bytes and refuses a short answer', () => {
    const sizes: number[] = [];
    generateReceiptCode((n) => {
      sizes.push(n);
      return randomBytes(n);
    });
    expect(sizes).toEqual([10]);
    expect(() => generateReceiptCode(() => Buffer.alloc(9))).toThrow(/returned 9 bytes, not 10/);
  });

  it('uses every symbol at every data position and does not repeat', () => {
    const codes = Array.from({ length: 4000 }, () => generateReceiptCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (const pos of SYMBOL_POSITIONS.slice(0, 16)) {
      expect(new Set(codes.map((c) => c[pos])).size).toBe(32);
    }
  });
});

describe('reading a receipt code', () => {
  const code = '008J-4CT4-ANK7-F24S-W';

  it('ignores case, hyphens, dashes and spaces', () => {
    expect(normalizeReceiptCode('008j4ct4ank7f24sw')).toBe(code);
    expect(normalizeReceiptCode(' 008J 4CT4 ANK7 F24S W ')).toBe(code);
    expect(normalizeReceiptCode('008J–4CT4—ANK7-F24S\tW')).toBe(code);
  });

  it('reads I and L as 1 and O as 0', () => {
    expect(normalizeReceiptCode('OO8J-4CT4-ANK7-F24S-W')).toBe(code);
    expect(normalizeReceiptCode('o08j-4ct4-ank7-f24s-w')).toBe(code);
    const withOne = generateReceiptCode(() => Buffer.from('08421084210842108421', 'hex'));
    expect(withOne).toContain('1');
    expect(normalizeReceiptCode(withOne.replaceAll('1', 'I'))).toBe(withOne);
    expect(normalizeReceiptCode(withOne.replaceAll('1', 'l'))).toBe(withOne);
  });

  it.each([
    ['a wrong check character', '008J-4CT4-ANK7-F24S-X'],
    ['a missing character', '008J-4CT4-ANK7-F24S'],
    ['an extra character', '008J-4CT4-ANK7-F24S-WW'],
    ['a U, which Crockford leaves out', '008J-4CT4-ANK7-F24U-W'],
    ['punctuation', '008J.4CT4.ANK7.F24S.W'],
    ['an empty string', ''],
    ['a very long input', `${code}${' '.repeat(100)}`],
  ])('gives null for %s', (_what, input) => {
    expect(normalizeReceiptCode(input)).toBeNull();
  });

  it('catches every single-symbol substitution, including in the check character', () => {
    const codes = [code, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-M', '0000-0000-0000-0000-0', generateReceiptCode(), generateReceiptCode()];
    let tried = 0;
    for (const c of codes) {
      for (const pos of SYMBOL_POSITIONS) {
        for (const symbol of RECEIPT_CODE_ALPHABET) {
          if (symbol === c[pos]) continue;
          expect(normalizeReceiptCode(replaceAt(c, pos, symbol))).toBeNull();
          tried++;
        }
      }
    }
    expect(tried).toBe(codes.length * 17 * 31);
  });

  it('catches every transposition of two adjacent different symbols, across the hyphens and with the check character', () => {
    const codes = [code, '04HM-ASW9-NF6Y-Y093-X', ...Array.from({ length: 20 }, () => generateReceiptCode())];
    let tried = 0;
    for (const c of codes) {
      for (let k = 0; k + 1 < SYMBOL_POSITIONS.length; k++) {
        const [i, j] = [SYMBOL_POSITIONS[k]!, SYMBOL_POSITIONS[k + 1]!];
        const [a, b] = [c[i]!, c[j]!];
        if (a === b) continue;
        expect(normalizeReceiptCode(replaceAt(replaceAt(c, i, b), j, a))).toBeNull();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(codes.length * 10);
  });

  it('catches the transposition of every pair of different adjacent symbols at every position', () => {
    // k < 15: two data symbols; k = 15: the last data symbol and the check symbol
    const endingWith = new Map<string, string>(); // last data symbol + check symbol → a valid code
    for (const first of RECEIPT_CODE_ALPHABET) {
      for (const last of RECEIPT_CODE_ALPHABET) {
        const c = completeCode(`${first}${'7'.repeat(14)}${last}`);
        endingWith.set(`${last}${c[20]}`, c);
      }
    }
    expect(endingWith.size).toBe(32 * 32);
    let tried = 0;
    const undetected: string[] = [];
    for (let k = 0; k < 16; k++) {
      for (const a of RECEIPT_CODE_ALPHABET) {
        for (const b of RECEIPT_CODE_ALPHABET) {
          if (a === b) continue;
          const valid = k < 15 ? completeCode(`${'7'.repeat(k)}${a}${b}${'7'.repeat(14 - k)}`) : endingWith.get(`${a}${b}`)!;
          const [i, j] = [SYMBOL_POSITIONS[k]!, SYMBOL_POSITIONS[k + 1]!];
          if (valid[i] !== a || valid[j] !== b) throw new Error(`test setup: ${valid} has no ${a}${b} at ${k}`);
          if (normalizeReceiptCode(replaceAt(replaceAt(valid, i, b), j, a)) !== null) undetected.push(`${valid} @${k}`);
          tried++;
        }
      }
    }
    expect(undetected).toEqual([]);
    expect(tried).toBe(16 * 32 * 31);
  });
});

/** The valid code whose 16 data symbols are `data`, found by trying the 32 check symbols. */
function completeCode(data: string): string {
  const grouped = `${data.slice(0, 4)}-${data.slice(4, 8)}-${data.slice(8, 12)}-${data.slice(12, 16)}-`;
  const valid = [...RECEIPT_CODE_ALPHABET].map((c) => grouped + c).filter((c) => normalizeReceiptCode(c) !== null);
  // exactly one check symbol fits any data
  if (valid.length !== 1) throw new Error(`${grouped}: ${valid.length} check symbols fit, expected exactly 1`);
  return valid[0]!;
}

describe('receipt lookup keys', () => {
  const code = '008J-4CT4-ANK7-F24S-W';

  it('is the HMAC-SHA256 hex of the normalized code', () => {
    const expected = createHmac('sha256', SECRET).update(code).digest('hex');
    expect(receiptLookupKey(code, SECRET)).toBe(expected);
    expect(receiptLookupKey(code, Buffer.from(SECRET))).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same however the citizen typed the code, and never contains it', () => {
    const key = receiptLookupKey(code, SECRET);
    expect(receiptLookupKey('oo8j 4ct4 ank7 f24s w', SECRET)).toBe(key);
    expect(key).not.toContain('008J');
  });

  it('depends on the secret', () => {
    expect(receiptLookupKey(code, SECRET)).not.toBe(receiptLookupKey(code, `${SECRET}x`));
  });

  it('is null for a malformed or mistyped code', () => {
    expect(receiptLookupKey('008J-4CT4-ANK7-F24S-X', SECRET)).toBeNull();
    expect(receiptLookupKey('hello', SECRET)).toBeNull();
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => receiptLookupKey(code, 'short')).toThrow('receiptLookupKey: the secret must be at least 32 bytes');
    expect(() => receiptLookupKey(code, Buffer.alloc(31))).toThrow(/at least 32 bytes/);
  });
});
