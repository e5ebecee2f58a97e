import { createHmac, randomBytes } from 'node:crypto';

/**
 * Receipt codes (mã tiếp nhận) given to a citizen who sends a report, so they can follow it without
 * an account. The code is the only credential, so it is random (80 bits from node:crypto) and the
 * database keeps only a keyed hash of it ({@link receiptLookupKey}).
 *
 * Shape: `XXXX-XXXX-XXXX-XXXX-C`: 16 data characters in Crockford's base32 (5 bits each, 80 bits),
 * grouped by four for reading over the phone, then one check character.
 *
 * Alphabet: Crockford's 32 symbols `0-9 A-Z` without I, L, O, U. Reading is forgiving: case does
 * not matter, I and L are read as 1, O as 0, and hyphens and spaces are ignored.
 *
 * Check character: the Damm algorithm over the field GF(32), not Crockford's mod-37 check symbol
 * nor Luhn mod 32. Why:
 * - mod 37 needs five extra check symbols (`* ~ $ = U`) that are awkward to read over the phone
 *   and to type on a phone keypad; Damm over GF(32) keeps the check within the same 32 symbols.
 * - Luhn mod N misses some adjacent transpositions (like 09 ↔ 90 in base 10); Damm catches them
 *   all, and every single substitution, including errors that touch the check character itself.
 * The quasigroup is `x ∘ y = 2·x ⊕ y` in GF(2⁵) with the polynomial x⁵ + x² + 1 (Damm's
 * construction `a·x + y` with a ∉ {0, 1}). A code is valid when folding all 17 symbols from 0
 * gives 0, i.e. Σ 2^(16−i)·dᵢ = 0. A substitution at position i changes the sum by 2^k·e ≠ 0; an
 * adjacent transposition of x ≠ y by 2^k·(2 ⊕ 1)·(x ⊕ y) = 2^k·3·(x ⊕ y) ≠ 0 (a field has no zero
 * divisors). The test tries every single substitution and every adjacent transposition.
 */

export const RECEIPT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_LENGTH = 16;
const DATA_BYTES = 10; // 16 symbols × 5 bits = 80 bits
const VALUE_OF = new Map<string, number>([...RECEIPT_CODE_ALPHABET].map((c, i) => [c, i]));
for (const [alias, c] of [
  ['I', '1'],
  ['L', '1'],
  ['O', '0'],
] as const)
  VALUE_OF.set(alias, VALUE_OF.get(c)!);
/** Separators people type or paste: ASCII and Unicode hyphens and dashes, and any white space. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

/** Multiplication by 2 in GF(2⁵) modulo x⁵ + x² + 1. */
function times2(x: number): number {
  const shifted = x << 1;
  return shifted & 0b100000 ? shifted ^ 0b100101 : shifted;
}

/** Folds symbol values with the Damm quasigroup, from 0. */
function dammFold(values: readonly number[]): number {
  let interim = 0;
  for (const v of values) interim = times2(interim) ^ v;
  return interim;
}

/** The check symbol value making the fold of data + check equal 0. */
function checkValue(data: readonly number[]): number {
  return times2(dammFold(data));
}

function format(values: readonly number[]): string {
  const s = values.map((v) => RECEIPT_CODE_ALPHABET[v]).join('');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16)}`;
}

/**
 * A new receipt code, `XXXX-XXXX-XXXX-XXXX-C`, with 80 random bits.
 * @param random source of random bytes; node:crypto's by default (tests pass fixed bytes).
 */
export function generateReceiptCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(DATA_BYTES);
  if (bytes.length !== DATA_BYTES)
    throw new Error(`generateReceiptCode: the random source returned ${bytes.length} bytes, not ${DATA_BYTES}`);
  const values: number[] = [];
  let acc = 0n;
  for (const b of bytes) acc = (acc << 8n) | BigInt(b);
  for (let i = DATA_LENGTH - 1; i >= 0; i--) values[i] = Number((acc >> BigInt(5 * (DATA_LENGTH - 1 - i))) & 31n);
  values.push(checkValue(values));
  return format(values);
}

/**
 * The canonical form (`XXXX-XXXX-XXXX-XXXX-C`, upper case) of what a citizen typed, or null when
 * it is not a well-formed code or its check character does not match. Callers should answer a
 * null exactly as they answer an unknown code, so a caller cannot tell a typo from a wrong guess.
 */
export function normalizeReceiptCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = input.replace(SEPARATORS, '').toUpperCase();
  if (compact.length !== DATA_LENGTH + 1) return null;
  const values: number[] = [];
  for (const c of compact) {
    const v = VALUE_OF.get(c);
    if (v === undefined) return null;
    values.push(v);
  }
  if (dammFold(values) !== 0) return null;
  return format(values);
}

/**
 * The value to store and look up instead of the code: HMAC-SHA256 (hex) of the normalized code
 * under a server secret, so a copy of the database does not reveal codes and cannot be
 * brute-forced without the secret. Null when the code is malformed (see {@link normalizeReceiptCode}).
 *
 * @param secret at least 32 bytes, used for nothing else (rotating it invalidates every stored key).
 */
export function receiptLookupKey(code: string, secret: string | Buffer): string | null {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (key.length < 32) throw new Error('receiptLookupKey: the secret must be at least 32 bytes');
  const normalized = normalizeReceiptCode(code);
  if (normalized === null) return null;
  return createHmac('sha256', key).update(normalized, 'utf8').digest('hex');
}
