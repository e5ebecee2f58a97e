import type { RedactionRange } from './report.entity';

export const REDACTED = '[…]';

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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The copy verifiers work on (Luật Tố cáo Art. 56): staff-marked passages and every occurrence
 * of the reporter's identifying values (name, ID number, phone, email, address) replaced.
 */
export function redactedCopy(
  content: string,
  ranges: RedactionRange[],
  identityValues: Array<string | null | undefined>,
): string {
  let out = '';
  let pos = 0;
  for (const r of mergeRanges(ranges)) {
    const start = Math.min(r.start, content.length);
    const end = Math.min(r.end, content.length);
    if (start > pos) out += content.slice(pos, start);
    if (end > start) out += REDACTED;
    pos = Math.max(pos, end);
  }
  out += content.slice(pos);
  for (const value of identityValues) {
    const v = value?.trim();
    if (!v || v.length < 3) continue;
    // Phone and ID numbers also appear without their separators.
    const variants = new Set([v, v.replace(/[\s.-]/g, '')]);
    for (const variant of variants) out = out.replace(new RegExp(escapeRegExp(variant), 'giu'), REDACTED);
  }
  return out;
}
