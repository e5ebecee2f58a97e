import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * Field encryption for the identities of people who report (name, address, phone, ID number…),
 * which the Law on Denunciations (Art. 56) and the Law on Citizen Reception require to be kept
 * secret. Values are encrypted in the application with AES-256-GCM before they reach the database,
 * so a database copy, a backup or an SQL console does not show them.
 *
 * Stored form: `v1.<keyId>.<nonce>.<ciphertext‖tag>` (base64url, no padding), a plain string that
 * fits a `text` column and says which key opens it, so keys can be rotated.
 *
 * - A fresh random 96-bit nonce per value. Random nonces are safe up to about 2³² values per key,
 *   far beyond a ward or a province; rotate keys long before.
 * - The additional authenticated data binds the value to its table, column and row id (and to the
 *   format version and key id): a ciphertext copied to another row or column does not decrypt.
 * - Errors never contain the plaintext, the ciphertext or key material.
 *
 * Envelope encryption (crypto-shredding on retention, issue 27): each report gets its own random
 * 256-bit data key, stored wrapped (sealed under the keyring, in the `v1` form above, bound to
 * `report_data_key.key` and the report id). Its reporter's identity values are sealed under that
 * data key in the form `v2.<nonce>.<ciphertext‖tag>`, whose additional authenticated data binds
 * the format version, the table, the column and the row id. Erasing the wrapped key erases every
 * `v2` value of the report at once, in every backup too; rotating the keyring re-wraps data keys
 * only. `v1` values (sealed directly under the keyring, before data keys) still open.
 */

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;
const AAD_CONTEXT = 'giamsat/identity/v1';
const ENVELOPE_VERSION = 'v2';
const ENVELOPE_AAD_CONTEXT = 'giamsat/identity/v2';

/** Where a report's wrapped data key lives: bound into the wrapping like any sealed value. */
export const DATA_KEY_BINDING = { table: 'report_data_key', column: 'key' } as const;

/** An AES-256 key and the id it is known by in stored values. */
export interface CipherKey {
  id: string;
  key: Buffer;
}

/** Where a value lives; it must be the same when decrypting as when encrypting. */
export interface FieldBinding {
  table: string;
  column: string;
  rowId: string | number | bigint;
}

export type IdentityCipherFailure =
  | 'MALFORMED'
  | 'UNKNOWN_KEY'
  | 'AUTHENTICATION_FAILED'
  /** A `v2` value whose report has no data key: erased on retention (crypto-shredded), or never given. */
  | 'DATA_KEY_MISSING';

export class IdentityCipherError extends Error {
  constructor(
    readonly reason: IdentityCipherFailure,
    message: string,
  ) {
    super(message);
    this.name = 'IdentityCipherError';
  }
}

/** Raised for a bad key or key configuration; the message names the key id, never the key. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

/**
 * The keys that may decrypt identities: one active key (used to encrypt) and any number of older
 * keys kept until every value encrypted under them has been re-encrypted. Key bytes are copied in
 * and kept in a private field; `JSON.stringify` and `console.log` show only the ids.
 */
export class Keyring {
  readonly #keys = new Map<string, Buffer>();
  readonly activeKeyId: string;

  /** @param keys the active key first, then older keys. */
  constructor(keys: readonly CipherKey[]) {
    const [active] = keys;
    if (!active) throw new KeyringError('Bộ khóa cần ít nhất một khóa');
    for (const { id, key } of keys) {
      if (typeof id !== 'string' || !KEY_ID.test(id)) {
        throw new KeyringError('Mã khóa phải gồm 1 đến 32 chữ cái, chữ số, "-" hoặc "_"');
      }
      if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
        throw new KeyringError(
          `Khóa ${id} phải dài ${KEY_BYTES} byte (AES-256), đang là ${Buffer.isBuffer(key) ? key.length : 'không phải buffer'}`,
        );
      }
      if (this.#keys.has(id)) throw new KeyringError(`Mã khóa ${id} xuất hiện hai lần`);
      this.#keys.set(id, Buffer.from(key));
    }
    this.activeKeyId = active.id;
  }

  /**
   * Parses a configuration value like `k2:<base64 key>,k1:<base64 key>` (the first is active;
   * standard or URL-safe base64 of 32 random bytes, e.g. `openssl rand -base64 32`). Errors name
   * the variable, the entry's position and key id, never the key.
   */
  static fromConfig(text: string, variable = 'IDENTITY_KEYS'): Keyring {
    const entries = (text ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    if (entries.length === 0) {
      throw new KeyringError(
        `${variable} đang trống: hãy cho ít nhất một khóa dạng <mã khóa>:<base64 của ${KEY_BYTES} byte ngẫu nhiên>`,
      );
    }
    const keys = entries.map((entry, i): CipherKey => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new KeyringError(`${variable}: mục ${i + 1} phải có dạng <mã khóa>:<khóa base64>`);
      const id = entry.slice(0, colon).trim();
      const encoded = entry.slice(colon + 1).trim();
      if (!KEY_ID.test(id))
        throw new KeyringError(`${variable}: mục ${i + 1} có mã khóa sai (1 đến 32 chữ cái, chữ số, "-" hoặc "_")`);
      if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) || encoded.replace(/=+$/, '').length % 4 === 1) {
        throw new KeyringError(`${variable}: khóa ${id} không phải base64 hợp lệ`);
      }
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== KEY_BYTES) {
        throw new KeyringError(
          `${variable}: khóa ${id} sau khi giải mã base64 phải dài ${KEY_BYTES} byte (AES-256), đang là ${key.length}`,
        );
      }
      return { id, key };
    });
    try {
      return new Keyring(keys);
    } catch (e) {
      throw new KeyringError(`${variable}: ${(e as Error).message}`);
    }
  }

  /** Ids of all keys, active first. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  has(id: string): boolean {
    return this.#keys.has(id);
  }

  /** @internal key bytes for {@link IdentityCipher}; never log them. */
  keyFor(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }

  toJSON(): { activeKeyId: string; keyIds: string[] } {
    return { activeKeyId: this.activeKeyId, keyIds: this.keyIds };
  }

  [inspect.custom](): string {
    return `Keyring { active: ${this.activeKeyId}, keys: [${this.keyIds.join(', ')}] }`;
  }
}

interface ParsedValue {
  keyId: string;
  nonce: Buffer;
  sealed: Buffer;
}

function malformed(): IdentityCipherError {
  return new IdentityCipherError(
    'MALFORMED',
    `Not an encrypted identity value (expected ${VERSION}.<keyId>.<nonce>.<ciphertext>)`,
  );
}

function parse(value: string): ParsedValue {
  if (typeof value !== 'string') throw malformed();
  const parts = value.split('.');
  if (parts.length !== 4) throw malformed();
  const [version, keyId, nonceText, sealedText] = parts as [string, string, string, string];
  if (version !== VERSION || !KEY_ID.test(keyId) || !B64URL.test(nonceText) || !B64URL.test(sealedText)) throw malformed();
  const nonce = Buffer.from(nonceText, 'base64url');
  const sealed = Buffer.from(sealedText, 'base64url');
  // A canonical encoding only: reject texts that decode to the same bytes with different trailing bits.
  if (nonce.length !== NONCE_BYTES || nonce.toString('base64url') !== nonceText) throw malformed();
  if (sealed.length < TAG_BYTES || sealed.toString('base64url') !== sealedText) throw malformed();
  return { keyId, nonce, sealed };
}

interface ParsedEnvelope {
  nonce: Buffer;
  sealed: Buffer;
}

function parseEnvelope(value: string): ParsedEnvelope {
  const parts = value.split('.');
  if (parts.length !== 3) throw malformed();
  const [version, nonceText, sealedText] = parts as [string, string, string];
  if (version !== ENVELOPE_VERSION || !B64URL.test(nonceText) || !B64URL.test(sealedText)) throw malformed();
  const nonce = Buffer.from(nonceText, 'base64url');
  const sealed = Buffer.from(sealedText, 'base64url');
  if (nonce.length !== NONCE_BYTES || nonce.toString('base64url') !== nonceText) throw malformed();
  if (sealed.length < TAG_BYTES || sealed.toString('base64url') !== sealedText) throw malformed();
  return { nonce, sealed };
}

/** The stored format of a sealed value: `v1` (under the keyring) or `v2` (under its report's data key). */
export function sealedVersionOf(value: string): 'v1' | 'v2' {
  if (typeof value === 'string' && value.startsWith(`${ENVELOPE_VERSION}.`)) return 'v2';
  if (typeof value === 'string' && value.startsWith(`${VERSION}.`)) return 'v1';
  throw malformed();
}

function envelopeAadOf(binding: FieldBinding): Buffer {
  // Same checks as the v1 binding; the key is the report's own, so no key id is bound.
  const bound = JSON.parse(aadOf('-', binding).toString('utf8')) as string[];
  return Buffer.from(JSON.stringify([ENVELOPE_AAD_CONTEXT, ...bound.slice(2)]), 'utf8');
}

function aadOf(keyId: string, binding: FieldBinding): Buffer {
  const { table, column, rowId } = binding;
  if (typeof table !== 'string' || table === '' || typeof column !== 'string' || column === '') {
    throw new IdentityCipherError('MALFORMED', 'An identity value must be bound to a table and a column');
  }
  if (!['string', 'number', 'bigint'].includes(typeof rowId) || String(rowId) === '') {
    throw new IdentityCipherError('MALFORMED', `An identity value in ${table}.${column} must be bound to a row id`);
  }
  // JSON of an array: unambiguous, so ("a.b", "c") and ("a", "b.c") differ.
  return Buffer.from(JSON.stringify([AAD_CONTEXT, keyId, table, column, String(rowId)]), 'utf8');
}

/** AES-256-GCM with a 96-bit nonce: `ciphertext ‖ tag` of `plain` under `key`, bound to `aad`. */
function gcmSeal(key: Buffer, nonce: Buffer, aad: Buffer, plain: Buffer | string): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  return Buffer.concat([
    typeof plain === 'string' ? cipher.update(plain, 'utf8') : cipher.update(plain),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
}

/** The plaintext of `sealed` (`ciphertext ‖ tag`), or AUTHENTICATION_FAILED with `failure` (never the data). */
function gcmOpen(key: Buffer, nonce: Buffer, aad: Buffer, sealed: Buffer, failure: () => string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new IdentityCipherError('AUTHENTICATION_FAILED', failure());
  }
}

/** AES-256-GCM encryption of identity fields, bound to where they are stored. */
export class IdentityCipher {
  constructor(private readonly keyring: Keyring) {}

  /** A fresh random data key for one report, and its wrapped form to store in `report_data_key` (v1, under the active key). */
  newDataKey(reportId: string): { key: Buffer; wrapped: string } {
    const key = randomBytes(KEY_BYTES);
    return { key, wrapped: this.encrypt(key.toString('base64url'), { ...DATA_KEY_BINDING, rowId: reportId }) };
  }

  /** The data key of a report from its wrapped form (any key of the keyring). */
  unwrapDataKey(wrapped: string, reportId: string): Buffer {
    const key = Buffer.from(this.decrypt(wrapped, { ...DATA_KEY_BINDING, rowId: reportId }), 'base64url');
    if (key.length !== KEY_BYTES)
      throw new IdentityCipherError('MALFORMED', `The data key of report ${reportId} is not 32 bytes`);
    return key;
  }

  /**
   * Encrypts `plaintext` (UTF-8, kept byte for byte) for one table, column and row: under the
   * report's data key when one is given (`v2`), else under the active key of the keyring (`v1`).
   */
  encrypt(plaintext: string, binding: FieldBinding, dataKey?: Buffer): string {
    if (typeof plaintext !== 'string') throw new IdentityCipherError('MALFORMED', 'Only text can be encrypted');
    if (dataKey) {
      if (!Buffer.isBuffer(dataKey) || dataKey.length !== KEY_BYTES) throw new KeyringError('A data key must be 32 bytes');
      const nonce = randomBytes(NONCE_BYTES);
      const sealed = gcmSeal(dataKey, nonce, envelopeAadOf(binding), plaintext);
      return `${ENVELOPE_VERSION}.${nonce.toString('base64url')}.${sealed.toString('base64url')}`;
    }
    const keyId = this.keyring.activeKeyId;
    const key = this.keyring.keyFor(keyId)!;
    const nonce = randomBytes(NONCE_BYTES);
    const sealed = gcmSeal(key, nonce, aadOf(keyId, binding), plaintext);
    return `${VERSION}.${keyId}.${nonce.toString('base64url')}.${sealed.toString('base64url')}`;
  }

  /**
   * The plaintext of `value`, which must have been encrypted for the same table, column and row.
   * A `v2` value needs its report's data key (`dataKey`).
   * @throws IdentityCipherError MALFORMED (not a value of this format), UNKNOWN_KEY (its key is not
   *   in the keyring), AUTHENTICATION_FAILED (wrong table/column/row or data key, or the value was
   *   altered), DATA_KEY_MISSING (a `v2` value and no data key: erased on retention).
   */
  decrypt(value: string, binding: FieldBinding, dataKey?: Buffer | null): string {
    if (typeof value === 'string' && value.startsWith(`${ENVELOPE_VERSION}.`)) {
      const { nonce, sealed } = parseEnvelope(value);
      if (!dataKey)
        throw new IdentityCipherError(
          'DATA_KEY_MISSING',
          `Cannot decrypt ${binding.table}.${binding.column} of row ${String(binding.rowId)}: its report's data key is gone (destroyed on retention) or was not given`,
        );
      return gcmOpen(
        dataKey,
        nonce,
        envelopeAadOf(binding),
        sealed,
        () =>
          `Cannot decrypt ${binding.table}.${binding.column} of row ${String(binding.rowId)}: not sealed under this data key for this table, column and row, or altered`,
      ).toString('utf8');
    }
    const { keyId, nonce, sealed } = parse(value);
    const key = this.keyring.keyFor(keyId);
    if (!key) {
      throw new IdentityCipherError(
        'UNKNOWN_KEY',
        `Cannot decrypt ${binding.table}.${binding.column}: it was encrypted under key ${keyId}, which is not in the keyring (${this.keyring.keyIds.join(', ')})`,
      );
    }
    return gcmOpen(
      key,
      nonce,
      aadOf(keyId, binding),
      sealed,
      () =>
        `Cannot decrypt ${binding.table}.${binding.column} of row ${String(binding.rowId)}: the value was not encrypted for this table, column and row, or it was altered`,
    ).toString('utf8');
  }

  /** The id of the key `value` was encrypted under. */
  keyIdOf(value: string): string {
    return parse(value).keyId;
  }

  /**
   * True when `value` was encrypted under a key of the keyring other than the active one
   * (re-encrypt it). A `v2` value never does: its data key's wrapping is what rotates.
   */
  needsRotation(value: string): boolean {
    if (sealedVersionOf(value) === 'v2') return false;
    return parse(value).keyId !== this.keyring.activeKeyId;
  }

  /** `value` re-encrypted under the active key (unchanged if it already is), for a rotation job. */
  rotate(value: string, binding: FieldBinding): string {
    if (!this.needsRotation(value)) return value;
    return this.encrypt(this.decrypt(value, binding), binding);
  }
}

const EVIDENCE_AAD_CONTEXT = 'giamsat/evidence/v2';

function evidenceAad(fileId: string, seq: number): Buffer {
  return Buffer.from(JSON.stringify([EVIDENCE_AAD_CONTEXT, fileId, seq]), 'utf8');
}

/**
 * One piece of an evidence file sealed under its report's data key (AES-256-GCM): `nonce ‖
 * ciphertext ‖ tag`, bound to the file id and the piece's place, so pieces cannot be swapped
 * or moved to another file. Erasing the data key on retention makes the bytes unreadable.
 */
export function sealEvidencePiece(dataKey: Buffer, fileId: string, seq: number, piece: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  return Buffer.concat([nonce, gcmSeal(dataKey, nonce, evidenceAad(fileId, seq), piece)]);
}

/** The bytes of a piece sealed by {@link sealEvidencePiece}; AUTHENTICATION_FAILED for another key, file or place, or altered bytes. */
export function openEvidencePiece(dataKey: Buffer, fileId: string, seq: number, sealed: Buffer): Buffer {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new IdentityCipherError('MALFORMED', 'An evidence piece is too short');
  return gcmOpen(
    dataKey,
    sealed.subarray(0, NONCE_BYTES),
    evidenceAad(fileId, seq),
    sealed.subarray(NONCE_BYTES),
    () =>
      `Cannot open piece ${seq} of evidence file ${fileId}: not sealed under this data key for this file and place, or altered`,
  );
}
