/** Hosts' mobile and AMP prefixes: the same article is served under each. */
const HOST_PREFIX = /^(?:(?:www|m|mobile|amp)\.)+/;
/** Query parameters that say where a reader came from, not which article it is. */
const TRACKING =
  /^(?:utm_\w*|fbclid|gclid|dclid|msclkid|zarsrc|zalo_\w*|_ga|_gl|ref|refer|referrer|source|cmp|cmpid|itm_\w*|mc_\w*|igshid|amp|outputtype)$/i;

/**
 * The one form of a press article's address, so that the same article is recorded once however
 * it was copied: `http` and `https`, with or without `www.`, the mobile (`m.`) and AMP
 * (`amp.` host, `/amp` path segment, `.amp` before the extension, `?amp`) variants, tracking
 * parameters, a fragment, a default port or a trailing slash all come to the same string. The
 * remaining query parameters are sorted. Throws on text that is not an http(s) URL.
 */
export function canonicalArticleUrl(raw: string): string {
  const u = new URL(raw.trim());
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`not a web address: ${raw}`);
  u.protocol = 'https:';
  u.port = '';
  u.hash = '';
  u.username = '';
  u.password = '';
  u.hostname = u.hostname.toLowerCase().replace(/\.$/, '').replace(HOST_PREFIX, '');
  let path = u.pathname
    .replace(/\/amp(?=\/|$)/gi, '')
    .replace(/\.amp(?=\.[a-z0-9]+$)/i, '')
    .replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  u.pathname = path || '/';
  const kept = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  const s = u.toString();
  return u.pathname === '/' && !u.search ? s.replace(/\/$/, '') : s;
}
