import { canonicalArticleUrl } from './article-url';

describe('canonicalArticleUrl', () => {
  const canonical = 'https://baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm';

  it.each([
    canonical,
    'http://baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm',
    'https://www.baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm',
    'http://WWW.BaoTinTuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm',
    'https://m.baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm',
    'https://amp.baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm',
    'https://baotintuc.vn/amp/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm',
    'https://baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm/amp',
    'https://baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.amp.htm',
    'https://baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm?amp',
    'https://baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm?amp=1',
    'https://baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm/',
    'https://baotintuc.vn:443/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm#binh-luan',
    'https://baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm?utm_source=facebook&utm_medium=social&fbclid=IwAR0abc',
    'https://baotintuc.vn/thoi-su/can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm?zarsrc=30&utm_campaign=zalo&gclid=x',
    '  https://m.baotintuc.vn//thoi-su//can-bo-phuong-an-bien-bi-to-nhan-tien-20261201.htm?ref=home  ',
  ])('reads %s as the same article', (variant) => {
    expect(canonicalArticleUrl(variant)).toBe(canonical);
  });

  it('keeps the parameters that name the article, in one order', () => {
    expect(canonicalArticleUrl('https://bao.example.vn/tin?id=42&cat=7&utm_source=x')).toBe(
      'https://bao.example.vn/tin?cat=7&id=42',
    );
    expect(canonicalArticleUrl('http://www.bao.example.vn/tin?cat=7&id=42')).toBe('https://bao.example.vn/tin?cat=7&id=42');
    expect(canonicalArticleUrl('https://bao.example.vn/tin?id=43')).not.toBe(
      canonicalArticleUrl('https://bao.example.vn/tin?id=42'),
    );
  });

  it('does not take a word containing amp for the AMP marker', () => {
    expect(canonicalArticleUrl('https://bao.example.vn/camp/ampere-tang-gia.html')).toBe(
      'https://bao.example.vn/camp/ampere-tang-gia.html',
    );
    expect(canonicalArticleUrl('https://mamp.example.vn/tin.html')).toBe('https://mamp.example.vn/tin.html');
  });

  it('refuses what is not a web address', () => {
    expect(() => canonicalArticleUrl('ftp://bao.example.vn/tin.html')).toThrow(/not a web address/);
    expect(() => canonicalArticleUrl('bao.example.vn/tin.html')).toThrow(/Invalid URL/);
  });
});
