import type { RedactionRange, Report } from './report.entity';

/** What replaces a hidden passage or an identifying value. */
export const REDACTED = '[đã ẩn]';

/** Merges overlapping or touching ranges and sorts them. */
export function mergeRanges(ranges: RedactionRange[]): RedactionRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: RedactionRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** The reporter's stored identity, as the redaction uses it (any value may be missing). */
export interface IdentityForRedaction {
  fullName?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

/**
 * The text folded for matching (NFD, combining marks stripped, đ → d, lower case), with the
 * offset in the original text of every folded character, so a match maps back exactly.
 */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
    for (const c of f) {
      folded += c;
      origin.push(i);
      // A folded character of two code units (outside the BMP) maps both to the same origin.
      if (c.length === 2) origin.push(i);
    }
    i += ch.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

const foldWord = (s: string) => fold(s).folded;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';
/** Between the words of a name: spaces, or what a file name puts there (Pham_Van_Kien, pham.van.kien, PhamVanKien). */
const NAME_GAP = '[\\s_.\\-]*';
/** Kinship and courtesy words a Vietnamese text puts before a given name (folded). */
const COURTESY = ['chi', 'anh', 'ong', 'ba', 'co', 'chu', 'bac', 'em', 'chau', 'di', 'cau', 'thim', 'mo', 'duong'];
/** Between the digits of a phone or ID number: at most two separators (space, dot, dash, parentheses). */
const DIGIT_GAP = '[\\s.\\-()]{0,2}';

/** Vietnamese phone numbers: mobile 0xxx xxx xxx, landline 02x xxxx xxxx, with +84 / 84 / (0) prefixes. */
function isPhoneDigits(d: string): boolean {
  if (d.startsWith('84')) return (d.length === 11 && /^84[1-9]/.test(d)) || (d.length === 12 && d.startsWith('842'));
  if (d.startsWith('0')) return d.length === 10 || (d.length === 11 && d.startsWith('02'));
  return false;
}

/** Numbers that may be a phone (any format) or an ID card number (9-digit CMND, 12-digit CCCD). */
const NUMBER_CANDIDATE = new RegExp(`${NOT_WORD_BEFORE}(?:\\+\\s?)?\\(?\\d(?:${DIGIT_GAP}\\d){7,12}${NOT_WORD_AFTER}`, 'gu');
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** Every digit sequence of a stored number, whatever separators the text puts between its digits. */
function digitsPattern(digits: string): string {
  return [...digits].map(escapeRegExp).join(DIGIT_GAP);
}

function ranges(re: RegExp, folded: string, origin: number[], keep?: (m: RegExpExecArray) => boolean): RedactionRange[] {
  const out: RedactionRange[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (keep && !keep(m)) continue;
    out.push({ start: origin[m.index]!, end: origin[m.index + m[0].length]! });
  }
  return out;
}

/** Patterns built from the reporter's own stored identity. */
function identityPatterns(identity: IdentityForRedaction): RegExp[] {
  const out: RegExp[] = [];
  const words = (identity.fullName ? foldWord(identity.fullName) : '').split(/\s+/).filter(Boolean);
  if (words.length) {
    // The full name, and every run of its last two or more words ("Văn Kiên"), with or without diacritics.
    for (let from = 0; from <= Math.max(0, words.length - 2); from++) {
      const tail = words.slice(from).map(escapeRegExp).join(NAME_GAP);
      out.push(new RegExp(`${NOT_WORD_BEFORE}${tail}${NOT_WORD_AFTER}`, 'gu'));
    }
    // The given name alone after a kinship or courtesy word: "chị Mai", "anh Kiên", "ông Lộc".
    const given = escapeRegExp(words[words.length - 1]!);
    if (given.length >= 2) out.push(new RegExp(`${NOT_WORD_BEFORE}(?:${COURTESY.join('|')})\\s+${given}${NOT_WORD_AFTER}`, 'gu'));
  }
  for (const value of [identity.phone, identity.idNumber]) {
    const digits = value?.replace(/\D/g, '') ?? '';
    if (digits.length < 6) continue;
    const variants = new Set([digits]);
    if (digits.startsWith('0')) variants.add(`84${digits.slice(1)}`);
    if (digits.startsWith('84')) variants.add(`0${digits.slice(2)}`);
    for (const v of variants) out.push(new RegExp(`(?<!\\d)(?:\\+\\s?)?${digitsPattern(v)}(?!\\d)`, 'gu'));
  }
  if (identity.email) out.push(new RegExp(escapeRegExp(foldWord(identity.email.trim())), 'gu'));
  if (identity.address) {
    const address = foldWord(identity.address).trim();
    const flexible = (s: string) =>
      s
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(escapeRegExp)
        .join('[\\s,]+');
    if (address.length >= 4) out.push(new RegExp(`${NOT_WORD_BEFORE}${flexible(address)}${NOT_WORD_AFTER}`, 'gu'));
    // Each part of the address that pins a place: a house number, a street, a tổ or khu phố.
    for (const part of address.split(/[,;]/)) {
      const p = part.trim();
      if (/\d/.test(p) || /^(duong|pho|hem|ngo|kiet|ap|thon|xom)\s/.test(p))
        out.push(new RegExp(`${NOT_WORD_BEFORE}${flexible(p)}${NOT_WORD_AFTER}`, 'gu'));
    }
  }
  return out;
}

/**
 * The text with the reporter's identifying data removed: everything found from the reporter's
 * own stored identity (the name with or without diacritics and in file-name form, the given name
 * after a kinship or courtesy word, the phone and ID number whatever their separators, the
 * email, the address and its parts), and by pattern whoever wrote it (phone numbers in every
 * common Vietnamese format, 9- and 12-digit ID numbers, email addresses).
 */
export function redactIdentity(text: string, identity: IdentityForRedaction | null): string {
  if (!text) return text;
  const { folded, origin } = fold(text);
  const found: RedactionRange[] = [];
  for (const re of identity ? identityPatterns(identity) : []) found.push(...ranges(re, folded, origin));
  found.push(
    ...ranges(NUMBER_CANDIDATE, folded, origin, (m) => {
      const d = m[0].replace(/\D/g, '');
      return isPhoneDigits(d) || ((d.length === 9 || d.length === 12) && !/[.,]/.test(m[0]));
    }),
  );
  found.push(...ranges(EMAIL, folded, origin));
  return applyRanges(text, found);
}

function applyRanges(text: string, ranges: RedactionRange[]): string {
  let out = '';
  let pos = 0;
  for (const r of mergeRanges(ranges)) {
    const start = Math.min(r.start, text.length);
    const end = Math.min(r.end, text.length);
    if (start > pos) out += text.slice(pos, start);
    if (end > start) out += REDACTED;
    pos = Math.max(pos, end);
  }
  return out + text.slice(pos);
}

/**
 * The copy verifiers work on (Luật Tố cáo Art. 56): staff-marked passages, then the reporter's
 * identifying data ({@link redactIdentity}), removed.
 */
export function redactedCopy(content: string, ranges: RedactionRange[], identity: IdentityForRedaction | null): string {
  return redactIdentity(applyRanges(content, ranges), identity);
}

/**
 * The copies everyone but the handler reads: title, content and the free-text subjects with the
 * reporter's identifying data removed (decrypted once, at write time, so reads never decrypt).
 */
export function redactedFields(
  r: Pick<Report, 'title' | 'content' | 'concernedText' | 'redactions'>,
  identities: IdentityForRedaction | null | readonly IdentityForRedaction[],
): Pick<Report, 'titleRedacted' | 'contentRedacted' | 'concernedTextRedacted'> {
  const people = Array.isArray(identities) ? identities : identities ? [identities as IdentityForRedaction] : [];
  return {
    titleRedacted: redactPeople(r.title, people),
    contentRedacted: redactPeople(redactedCopy(r.content, r.redactions, null), people),
    concernedTextRedacted: r.concernedText === null ? null : redactPeople(r.concernedText, people),
  };
}

/** A text with the identifying data of each person (the reporter, a group complaint's members) removed, and by pattern. */
export function redactPeople(text: string, people: readonly IdentityForRedaction[]): string {
  return people.length ? people.reduce((t, p) => redactIdentity(t, p), text) : redactIdentity(text, null);
}
