import { createHash } from 'node:crypto';

/**
 * The citizen's page style sheet and its one script, served from `/gui-don/assets/` under a
 * content hash (cached for a year, never stale). They are kept as strings here rather than built
 * by Vite: the page must work from the sources as the tests run them, and both are small.
 * The script only improves forms that already work without it (progressive enhancement).
 */
export const CITIZEN_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.55;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
header{background:#8b1a1a;color:#fff;padding:12px 16px}
header a{color:#fff}
header .ward{margin:0;font-size:1.1rem;font-weight:700}
nav ul{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
main{max-width:44rem;margin:0 auto;padding:16px}
h1{font-size:1.5rem;line-height:1.25;margin:8px 0 16px}
h2{font-size:1.2rem;margin:24px 0 8px}
fieldset{border:1px solid #8a8a8a;border-radius:6px;margin:16px 0;padding:8px 12px 12px}
legend{font-weight:700;padding:0 4px}
label{display:block;font-weight:600;margin:12px 0 4px}
.choice{display:flex;gap:8px;align-items:flex-start;font-weight:400;margin:8px 0}
.choice input{margin-top:6px;width:auto}
label.inline{margin:0;font-weight:400}
.pre{white-space:pre-wrap}
input,select,textarea{font:inherit;width:100%;padding:8px;border:1px solid #5a5a5a;border-radius:4px;background:#fff;color:#1b1b1b}
textarea{min-height:10rem}
button,.button{display:inline-block;font:inherit;font-weight:700;padding:10px 18px;border:0;border-radius:4px;background:#0b4f9c;color:#fff;cursor:pointer;text-decoration:none;margin:12px 8px 0 0}
button.secondary{background:#4a4a4a}
.hint{color:#3d3d3d;font-size:.95rem;margin:2px 0 4px}
.error{color:#a50e0e;font-weight:600;margin:4px 0}
[aria-invalid=true]{border:2px solid #a50e0e}
.alert{border-left:6px solid #a50e0e;background:#fdeeee;padding:10px 12px;margin:12px 0}
.note{border-left:6px solid #0b4f9c;background:#eef4fb;padding:10px 12px;margin:12px 0}
.warn{border-left:6px solid #b35c00;background:#fff4e5;padding:10px 12px;margin:12px 0}
.kind{border:1px solid #c4c4c4;border-radius:6px;padding:8px 12px;margin:8px 0}
.kind h3{margin:4px 0;font-size:1.05rem}
.kind ul{margin:4px 0;padding-left:20px}
.code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:clamp(1.3rem,6.5vw,2.2rem);font-weight:700;letter-spacing:.04em;word-break:break-all;background:#f3f3f3;border:2px dashed #1b1b1b;padding:12px;text-align:center;margin:12px 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}dt{font-weight:600}dd{margin:0}
.messages{list-style:none;padding:0}.messages li{border:1px solid #c4c4c4;border-radius:6px;padding:8px;margin:8px 0}
.messages .from{font-weight:600}
.reply{white-space:pre-wrap;border:1px solid #1b1b1b;padding:12px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #c4c4c4;padding:6px 4px;vertical-align:top}
.results{list-style:none;padding:0}.results li{margin:4px 0}
.search-row{display:flex;gap:8px;align-items:stretch}.search-row input{flex:1;min-width:0}.search-row button{margin:0}
.tag{display:inline-block;font-size:.8rem;font-weight:700;border:1px solid #4a4a4a;border-radius:3px;padding:0 4px;margin-right:4px}
footer{max-width:44rem;margin:24px auto;padding:0 16px 24px;color:#3d3d3d;font-size:.9rem}
@media print{header nav,footer,.no-print,button{display:none}header{background:#fff;color:#000}.code{border:2px solid #000}}
`;

/** The enhancement: client-side checks of the files before a long upload, and showing only what applies. */
export const CITIZEN_JS = `
(function () {
  'use strict';
  var MAX_BYTES = 10 * 1024 * 1024, MAX_FILES = 3;
  var ALLOWED = /\\.(pdf|png|jpe?g|gif|webp|mp3|mp4|m4a|docx|xlsx|odt|ods|zip)$/i;
  function mb(n) { return (n / 1048576).toFixed(1).replace('.', ',') + ' MB'; }
  function fieldError(input, text) {
    var id = input.id + '-js-error';
    var el = document.getElementById(id);
    if (!text) { if (el) el.remove(); input.removeAttribute('aria-invalid'); return; }
    if (!el) { el = document.createElement('p'); el.id = id; el.className = 'error'; el.setAttribute('role', 'alert'); input.insertAdjacentElement('afterend', el); }
    el.textContent = text;
    input.setAttribute('aria-invalid', 'true');
  }
  function checkFiles(input) {
    var files = input.files || [], problems = [];
    if (files.length > MAX_FILES) problems.push('Mỗi lần gửi tối đa ' + MAX_FILES + ' tệp; bạn đã chọn ' + files.length + '.');
    for (var i = 0; i < files.length; i++) {
      var f = files[i];
      if (f.size > MAX_BYTES) problems.push('Tệp ' + f.name + ' nặng ' + mb(f.size) + ', lớn hơn giới hạn 10 MB.');
      else if (!ALLOWED.test(f.name)) problems.push('Tệp ' + f.name + ' không thuộc loại được nhận (PDF, ảnh, MP3, MP4, DOCX, XLSX, ODT, ODS, ZIP).');
    }
    fieldError(input, problems.join(' '));
    return problems.length === 0;
  }
  document.querySelectorAll('input[type=file][data-check]').forEach(function (input) {
    input.addEventListener('change', function () { checkFiles(input); });
    if (input.form) input.form.addEventListener('submit', function (e) { if (!checkFiles(input)) { e.preventDefault(); input.focus(); } });
  });
  var identity = document.getElementById('identity-fields');
  var radios = document.querySelectorAll('input[name=identity]');
  function syncIdentity() {
    var give = document.querySelector('input[name=identity][value=yes]');
    if (identity && give) identity.hidden = !give.checked;
  }
  radios.forEach(function (r) { r.addEventListener('change', syncIdentity); });
  syncIdentity();
  var form = document.querySelector('form[data-once]');
  if (form) form.addEventListener('submit', function (e) {
    if (e.defaultPrevented) return;
    var b = e.submitter || form.querySelector('button[value=gui]') || form.querySelector('button[type=submit]');
    if (b) { b.disabled = true; b.textContent = 'Đang gửi…'; }
  });
  // The "who is it about" search: results as one types, without sending the form (files stay chosen).
  // The same GraphQL query the page runs without scripts; the same check boxes, so the form posts the same fields.
  var search = document.querySelector('input[data-directory-search]');
  var results = document.getElementById('concerns-results');
  var chosen = document.getElementById('concerns-chosen');
  var find = document.getElementById('concerns-find');
  if (search && results && chosen && find && window.fetch) {
    var QUERY = 'query CitizenDirectory($search: String!) { publicDirectory(search: $search, first: 10) { kind id name postTitle unitName } }';
    var timer = null, seq = 0;
    var say = function (text) {
      results.textContent = '';
      var p = document.createElement('p');
      p.className = 'hint'; p.setAttribute('role', 'status'); p.textContent = text;
      results.appendChild(p);
      return p;
    };
    var box = function (name, value, label, unit, checked) {
      var div = document.createElement('div'); div.className = 'choice';
      var input = document.createElement('input');
      input.type = 'checkbox'; input.name = name; input.id = name + '-box'; input.value = value; input.checked = checked;
      var l = document.createElement('label'); l.className = 'inline'; l.htmlFor = input.id;
      if (unit) { var tag = document.createElement('span'); tag.className = 'tag'; tag.textContent = 'Đơn vị'; l.appendChild(tag); l.appendChild(document.createTextNode(' ')); }
      l.appendChild(document.createTextNode(label));
      div.appendChild(input); div.appendChild(l);
      return div;
    };
    var keepTicked = function () {
      var n = chosen.querySelectorAll('input[type=checkbox]').length, taken = {};
      chosen.querySelectorAll('input[type=checkbox]').forEach(function (b) { taken[b.value.split('|')[1]] = true; });
      results.querySelectorAll('input[type=checkbox]:checked').forEach(function (b) {
        var id = b.value.split('|')[1];
        if (taken[id]) return;
        taken[id] = true;
        chosen.appendChild(box('chosen-' + (n++), b.value, b.value.split('|').slice(2).join('|'), b.value.indexOf('UNIT|') === 0, true));
      });
      return taken;
    };
    var render = function (term, entries) {
      var taken = keepTicked();
      results.textContent = '';
      if (!entries.length) { say('Không tìm thấy ai hoặc đơn vị nào có tên “' + term + '”. Hãy thử cách viết khác, hoặc mô tả ở ô bên dưới.'); return; }
      var set = document.createElement('fieldset'); set.className = 'results';
      var legend = document.createElement('legend');
      legend.textContent = 'Kết quả cho “' + term + '”: đánh dấu người hoặc đơn vị đơn của bạn nói đến';
      set.appendChild(legend);
      var status = document.createElement('p'); status.className = 'hint'; status.setAttribute('role', 'status');
      status.textContent = 'Tìm thấy ' + entries.length + ' kết quả.';
      set.appendChild(status);
      entries.forEach(function (e, i) {
        if (taken[e.id]) return;
        var where = [e.postTitle, e.unitName].filter(Boolean).join(', ');
        var label = where ? e.name + ' — ' + where : e.name;
        set.appendChild(box('pick-' + i, e.kind + '|' + e.id + '|' + label, label, e.kind === 'UNIT', false));
      });
      results.appendChild(set);
    };
    var run = function () {
      clearTimeout(timer);
      var term = search.value.trim();
      if (term.length < 3) { say('Hãy nhập ít nhất 3 ký tự của tên cần tìm.'); return; }
      var mine = ++seq;
      fetch('/graphql', {
        method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY, variables: { search: term } })
      }).then(function (r) { return r.json(); }).then(function (body) {
        if (mine !== seq) return;
        if (body.errors || !body.data) {
          var ext = (body.errors && body.errors[0] && body.errors[0].extensions) || {};
          say(ext.code === 'RATE_LIMITED'
            ? 'Bạn đã tìm quá nhiều lần từ mạng này. Hãy thử lại sau khoảng ' + Math.max(1, Math.ceil((ext.retryAfterSeconds || 60) / 60)) + ' phút, hoặc mô tả ở ô bên dưới.'
            : 'Chưa tìm được; hãy bấm “Tìm” để thử lại.');
          return;
        }
        render(term, body.data.publicDirectory);
      }).catch(function () { if (mine === seq) say('Không kết nối được; hãy bấm “Tìm” để thử lại.'); });
    };
    find.addEventListener('click', function (e) { e.preventDefault(); run(); });
    search.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); run(); } });
    search.addEventListener('input', function () {
      clearTimeout(timer);
      if (search.value.trim().length >= 3) timer = setTimeout(run, 400);
    });
  }
  document.querySelectorAll('button[data-print]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  });
})();
`;

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Asset paths with their content hash, as the pages link them. */
export const ASSET_PATHS = {
  css: `/gui-don/assets/citizen-${hashOf(CITIZEN_CSS)}.css`,
  js: `/gui-don/assets/citizen-${hashOf(CITIZEN_JS)}.js`,
};
