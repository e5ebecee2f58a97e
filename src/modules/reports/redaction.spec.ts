import { redactedCopy, redactIdentity, REDACTED } from './redaction';

const KIEN = {
  fullName: 'Phạm Văn Kiên',
  phone: '0903 111 222',
  idNumber: '079088001234',
  email: 'kien.pham@example.vn',
  address: 'Số 12/3 đường Nguyễn Trãi, tổ 7, khu phố 4, phường An Biên',
};

describe('redacted copy', () => {
  it('hides marked passages, merging overlaps', () => {
    expect(
      redactedCopy(
        '0123456789',
        [
          { start: 2, end: 4 },
          { start: 3, end: 6 },
        ],
        null,
      ),
    ).toBe(`01${REDACTED}6789`);
  });

  it('ignores ranges past the end', () => {
    expect(redactedCopy('abc', [{ start: 1, end: 99 }], null)).toBe(`a${REDACTED}`);
  });

  it('hides every occurrence of the reporter’s identifying values, case-insensitively', () => {
    const text = 'Tôi là Trần Thị Mai, số 0912 345 678 (0912345678), email mai@example.vn. TRẦN THỊ MAI xin tố cáo.';
    const out = redactedCopy(text, [], { fullName: 'Trần Thị Mai', phone: '0912 345 678', email: 'mai@example.vn' });
    expect(out).not.toMatch(/Trần|Thị|0912|mai@/i);
    expect(out).toContain('xin tố cáo');
  });
});

describe('redaction of the reporter’s identity', () => {
  const hidden = (text: string, identity: Parameters<typeof redactIdentity>[1] = KIEN) => redactIdentity(text, identity);

  it.each([
    ['the stored format', 'Liên hệ 0903 111 222 để biết thêm.'],
    ['dots', 'Liên hệ 0903.111.222 để biết thêm.'],
    ['dashes', 'Liên hệ 0903-111-222 để biết thêm.'],
    ['no separators', 'Liên hệ 0903111222 để biết thêm.'],
    ['+84 with spaces', 'Liên hệ +84 903 111 222 để biết thêm.'],
    ['+84 run together', 'Liên hệ +84903111222 để biết thêm.'],
    ['84 without the plus', 'Liên hệ 84903111222 để biết thêm.'],
    ['+84 (0)', 'Liên hệ +84 (0) 903 111 222 để biết thêm.'],
  ])('hides the reporter’s phone written with %s', (_how, text) => {
    const out = hidden(text);
    expect(out).toBe(`Liên hệ ${REDACTED} để biết thêm.`);
  });

  it.each([
    ['a mobile of someone else', 'Gọi 0988 601 772.'],
    ['a mobile with +84', 'Gọi +84 988 601 772.'],
    ['a landline', 'Gọi 028 3822 1234.'],
    ['a landline in parentheses', 'Gọi (028) 3822 1234.'],
    ['a landline with 84', 'Gọi 84 28 3822 1234.'],
    ['a 12-digit ID card number', 'CCCD số 079123456789.'],
    ['a 9-digit ID card number', 'CMND số 381234567.'],
    ['a spaced ID card number', 'CCCD số 079 123 456 789.'],
    ['an email', 'Thư gửi nguoi.khac@gmail.com.'],
  ])('hides %s by pattern, without a stored identity', (_what, text) => {
    const out = hidden(text, null);
    expect(out).toContain(REDACTED);
    expect(out).not.toMatch(/\d{3}|@/);
  });

  it('keeps amounts, dates, years and short numbers', () => {
    const text = 'Nhận 1.500.000.000 đồng ngày 12/03/2024, giai đoạn 2020-2024, hẻm 15, lô 120.000.000.000 m2.';
    expect(hidden(text)).toBe(text);
  });

  it.each([
    ['with diacritics', 'Tôi là Phạm Văn Kiên, tố cáo.'],
    ['without diacritics', 'Toi la Pham Van Kien, to cao.'],
    ['in capitals', 'Tôi là PHẠM VĂN KIÊN, tố cáo.'],
    ['in lower case without diacritics', 'toi la pham van kien, to cao.'],
    ['with extra spaces', 'Tôi là Phạm   Văn\tKiên, tố cáo.'],
    ['decomposed (NFD)', 'Tôi là Phạm Văn Kiên, tố cáo.'.normalize('NFD')],
    ['as a file name', 'ghi_am_Pham_Van_Kien.pdf'],
    ['run together', 'PhamVanKien.mp3'],
    ['without the family name', 'Ông Văn Kiên ở tổ khác.'],
  ])('hides the name %s', (_how, text) => {
    const out = hidden(text);
    expect(out).toContain(REDACTED);
    expect(out.normalize('NFC')).not.toMatch(/Ki[eê]n|KIÊN/i);
  });

  it.each(['chị', 'anh', 'ông', 'bà', 'cô', 'chú', 'bác', 'em', 'cháu', 'Anh', 'ANH', 'ong'])(
    'hides the given name after “%s”',
    (word) => {
      const out = hidden(`Hôm đó ${word} Kiên thấy cán bộ nhận tiền.`);
      expect(out).toBe(`Hôm đó ${REDACTED} thấy cán bộ nhận tiền.`);
    },
  );

  it('keeps the given name as a plain word and other people’s names', () => {
    const text = 'Cán bộ Nguyễn Văn Tâm kiên quyết từ chối; anh Tâm nói vậy.';
    expect(hidden(text)).toBe(text);
  });

  it('hides the address whole and its parts, in other words and without diacritics', () => {
    const out = hidden(
      'Nhà tôi ở số 12/3 đường Nguyễn Trãi, tổ 7, khu phố 4, phường An Biên. Hàng xóm tổ 7 và khu pho 4 đều biết; so 12/3 duong Nguyen Trai.',
    );
    expect(out).not.toMatch(/12\/3|Nguy[eễ]n Tr[aã]i|tổ 7|khu ph[oố] 4/i);
    expect(out).toContain('Hàng xóm');
  });

  it('hides the stored ID number and email whatever their separators and case', () => {
    const out = hidden('CCCD 079 088 001 234, thư KIEN.PHAM@EXAMPLE.VN, số 079088001234.');
    expect(out).not.toMatch(/079|088|kien|@/i);
  });

  it('returns the same text when nothing identifies the reporter', () => {
    const text = 'Đề nghị công khai thu chi quỹ đóng góp xây dựng nhà văn hóa khu phố năm 2025.';
    expect(hidden(text)).toBe(text);
    expect(hidden('')).toBe('');
  });
});
