import { redactedCopy, REDACTED } from './redaction';

describe('redacted copy', () => {
  it('hides marked passages, merging overlaps', () => {
    expect(
      redactedCopy(
        '0123456789',
        [
          { start: 2, end: 4 },
          { start: 3, end: 6 },
        ],
        [],
      ),
    ).toBe(`01${REDACTED}6789`);
  });

  it('hides every occurrence of the reporter’s identifying values, case-insensitively', () => {
    const text = 'Tôi là Trần Thị Mai, số 0912 345 678 (0912345678), email mai@example.vn. TRẦN THỊ MAI xin tố cáo.';
    const out = redactedCopy(text, [], ['Trần Thị Mai', '0912 345 678', 'mai@example.vn']);
    expect(out).not.toMatch(/Trần|Thị|0912|mai@/i);
    expect(out).toContain('xin tố cáo');
  });

  it('ignores ranges past the end', () => {
    expect(redactedCopy('abc', [{ start: 1, end: 99 }], [])).toBe(`a${REDACTED}`);
  });
});
