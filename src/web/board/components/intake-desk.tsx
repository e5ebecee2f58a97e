import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  DESK_ASSIGN,
  DESK_CADRES,
  DESK_CORRECT,
  DESK_HANDLERS,
  DESK_PRESS_CHECK,
  DESK_QUEUE,
  DESK_RECORD,
  DESK_RECORD_PRESS,
  DESK_TRANSITION,
  DESK_UNITS,
  type DeskCadre,
  type DeskReport,
  gql,
} from '../api';
import type { PageAccess } from '../access';
import { formatDate, label, REPORT_CHANNEL, REPORT_FIELD, REPORT_KIND, REPORT_SOURCE, REPORT_STATUS } from '../labels';
import { ErrorNote, Panel } from './panels';

// The intake desk ("Tiếp nhận"): record what arrives (a press article, a phone call, a letter, a
// reception visit) and work the queue of new reports (classify, assign), through the same
// GraphQL operations as any frontend. The server decides who may do what; the desk only leaves
// out the actions the account's role would be refused (see access.ts).

type Intake = 'PRESS' | 'PHONE' | 'MAIL' | 'RECEPTION';

const INTAKES: Array<{ key: Intake; label: string }> = [
  { key: 'PRESS', label: 'Bài báo' },
  { key: 'PHONE', label: 'Điện thoại' },
  { key: 'MAIL', label: 'Thư' },
  { key: 'RECEPTION', label: 'Tiếp công dân' },
];

/** The keys of the frequent steps, listed on screen. */
const SHORTCUTS: Array<[string, string]> = [
  ['j / k', 'Đơn kế tiếp / đơn trước'],
  ['c', 'Phân loại đơn đang chọn'],
  ['a', 'Phân công người xử lý'],
  ['l', 'Gắn cán bộ, đơn vị bị phản ánh'],
  ['n', 'Ghi nhận đơn mới'],
  ['r', 'Tải lại hàng đợi'],
];

function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'FORBIDDEN':
        return 'Tài khoản này không có quyền làm việc này.';
      case 'CONFLICT':
        return 'Đơn vừa được người khác thay đổi hoặc đã được ghi nhận trước đó. Hàng đợi đã được tải lại.';
      case 'BAD_USER_INPUT':
        return `Thông tin chưa hợp lệ: ${err.errors[0]?.message ?? ''}`;
      case 'NETWORK':
        return 'Không kết nối được máy chủ.';
      default:
        return err.message;
    }
  }
  return err instanceof Error ? err.message : String(err);
}

function deadlineText(r: DeskReport): string {
  if (!r.dueAt) return 'Không có hạn';
  const days = r.daysLeft ?? 0;
  return `Hạn ${formatDate(r.dueAt)} · ${days < 0 ? `quá ${-days} ngày` : days === 0 ? 'đến hạn hôm nay' : `còn ${days} ngày`}`;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function IntakeDesk(props: { token: string; access: PageAccess; hidden: boolean; onAuthFailed(err: unknown): boolean }) {
  const { token, access, onAuthFailed } = props;
  const [queue, setQueue] = useState<DeskReport[] | null>(null);
  const [total, setTotal] = useState(0);
  const [queueError, setQueueError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [linking, setLinking] = useState(false);
  const [linkConcerns, setLinkConcerns] = useState<Concerns>(NO_CONCERNS);
  const [linkReason, setLinkReason] = useState('');
  const [handlers, setHandlers] = useState<Array<{ id: string; displayName: string; email: string }>>([]);
  const [handlerId, setHandlerId] = useState('');
  const [intake, setIntake] = useState<Intake>(access.deskPress ? 'PRESS' : 'PHONE');
  const formRef = useRef<HTMLDivElement>(null);
  const assignRef = useRef<HTMLSelectElement>(null);
  const linkRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    try {
      const data = await gql<{ reports: { totalCount: number; edges: Array<{ node: DeskReport }> } }>(DESK_QUEUE, {}, token);
      setQueue(data.reports.edges.map((e) => e.node));
      setTotal(data.reports.totalCount);
      setQueueError(null);
    } catch (err) {
      if (!onAuthFailed(err)) setQueueError(`Không tải được hàng đợi: ${errorText(err)}`);
    }
  }, [token, onAuthFailed]);

  useEffect(() => {
    void load();
    const every = setInterval(() => void load(), 30_000);
    return () => clearInterval(every);
  }, [load]);

  useEffect(() => {
    if (!access.deskHandle) return;
    gql<{ reportHandlers: typeof handlers }>(DESK_HANDLERS, {}, token)
      .then((d) => {
        setHandlers(d.reportHandlers);
        setHandlerId((cur) => cur || d.reportHandlers[0]?.id || '');
      })
      .catch((err: unknown) => !onAuthFailed(err) && setActionError(errorText(err)));
  }, [token, access.deskHandle, onAuthFailed]);

  const current = queue?.[Math.min(selected, (queue?.length ?? 1) - 1)] ?? null;

  const replace = (r: DeskReport) => setQueue((q) => q?.map((x) => (x.id === r.id ? r : x)) ?? null);

  const classify = useCallback(async () => {
    if (!current || !access.deskHandle) return;
    if (current.status !== 'RECEIVED') {
      setActionError('Đơn này đã được phân loại.');
      return;
    }
    setActionError(null);
    try {
      const d = await gql<{ transitionReport: DeskReport }>(
        DESK_TRANSITION,
        { input: { id: current.id, version: current.version, to: 'CLASSIFIED' } },
        token,
      );
      replace(d.transitionReport);
      setNotice(`Đã phân loại: ${d.transitionReport.title}`);
    } catch (err) {
      if (onAuthFailed(err)) return;
      setActionError(errorText(err));
      void load();
    }
  }, [current, access.deskHandle, token, onAuthFailed, load]);

  const assign = useCallback(async () => {
    if (!current || !handlerId) return;
    setActionError(null);
    try {
      const d = await gql<{ assignReport: DeskReport }>(
        DESK_ASSIGN,
        { input: { id: current.id, version: current.version, handlerId } },
        token,
      );
      replace(d.assignReport);
      setAssigning(false);
      setNotice(`Đã phân công ${d.assignReport.handler?.displayName ?? ''} xử lý: ${d.assignReport.title}`);
    } catch (err) {
      if (onAuthFailed(err)) return;
      setActionError(errorText(err));
      void load();
    }
  }, [current, handlerId, token, onAuthFailed, load]);

  // Linking adds to what the report already names: correctReport takes the complete new lists.
  const link = useCallback(async () => {
    if (!current) return;
    setActionError(null);
    const cadreIds = [...new Set([...current.concernedCadreIds, ...linkConcerns.cadres.map((c) => c.id)])];
    const unitIds = [...new Set([...current.concernedUnitIds, ...linkConcerns.units.map((u) => u.id)])];
    try {
      const d = await gql<{ correctReport: DeskReport }>(
        DESK_CORRECT,
        {
          input: {
            id: current.id,
            version: current.version,
            reason: linkReason.trim(),
            concernedCadreIds: cadreIds,
            concernedUnitIds: unitIds,
          },
        },
        token,
      );
      replace(d.correctReport);
      setLinking(false);
      setLinkConcerns(NO_CONCERNS);
      setLinkReason('');
      setNotice(`Đã gắn cán bộ, đơn vị vào đơn: ${d.correctReport.title}`);
    } catch (err) {
      if (onAuthFailed(err)) return;
      setActionError(errorText(err));
      void load();
    }
  }, [current, linkConcerns, linkReason, token, onAuthFailed, load]);

  // What the shortcuts act on, as of the latest render: a key pressed right after another (j then
  // c) must act on the newly selected report, before the effect below would have re-registered.
  const latest = useRef({ queue, classify, current, load });
  latest.current = { queue, classify, current, load };

  // The shortcuts, while the desk is shown and no field has the focus.
  useEffect(() => {
    if (props.hidden) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const { queue, classify, current, load } = latest.current;
      const count = queue?.length ?? 0;
      switch (e.key) {
        case 'j':
          setSelected((i) => Math.min(i + 1, Math.max(count - 1, 0)));
          break;
        case 'k':
          setSelected((i) => Math.max(i - 1, 0));
          break;
        case 'c':
          void classify();
          break;
        case 'a':
          if (!access.deskHandle || !current) return;
          setAssigning(true);
          setTimeout(() => assignRef.current?.focus(), 0);
          break;
        case 'l':
          if (!current) return;
          setLinking(true);
          setTimeout(() => linkRef.current?.querySelector<HTMLElement>('input')?.focus(), 0);
          break;
        case 'n':
          formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
          break;
        case 'r':
          void load();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.hidden, access.deskHandle]);

  const recorded = (what: string) => {
    setNotice(what);
    void load();
  };

  return (
    <main class="content desk" hidden={props.hidden} data-testid="desk">
      <p class="note" role="status" data-testid="desk-notice" hidden={!notice}>
        {notice}
      </p>
      <div class="desk-grid">
        <Panel title="Ghi nhận đơn thư" testid="desk-intake">
          <div class="view-tabs desk-intakes" role="tablist" aria-label="Nguồn tiếp nhận">
            {INTAKES.filter((i) => i.key !== 'PRESS' || access.deskPress).map((i) => (
              <button
                key={i.key}
                type="button"
                role="tab"
                aria-selected={intake === i.key}
                class={`view-tab ${intake === i.key ? 'is-active' : ''}`}
                data-testid={`intake-${i.key}`}
                onClick={() => setIntake(i.key)}
              >
                {i.label}
              </button>
            ))}
          </div>
          <div ref={formRef}>
            {intake === 'PRESS' ? (
              <PressForm token={token} onAuthFailed={onAuthFailed} onRecorded={recorded} />
            ) : (
              <CallForm key={intake} channel={intake} token={token} onAuthFailed={onAuthFailed} onRecorded={recorded} />
            )}
          </div>
        </Panel>
        <div class="col">
          <Panel
            title="Hàng đợi đơn mới"
            testid="desk-queue"
            aside={<span class="muted" data-testid="desk-total">{`${total} đơn chờ thụ lý`}</span>}
          >
            <ErrorNote error={queueError} />
            {actionError ? (
              <p class="note note-error" role="alert" data-testid="desk-error">
                {actionError}
              </p>
            ) : null}
            {queue && !queue.length ? <p class="empty">Không có đơn mới.</p> : null}
            <ul class="deadlines desk-queue">
              {(queue ?? []).map((r, i) => (
                <li key={r.id} data-testid="desk-item" data-report-id={r.id} data-status={r.status}>
                  <button
                    type="button"
                    class={`deadline-button ${current?.id === r.id ? 'is-selected' : ''}`}
                    aria-current={current?.id === r.id ? 'true' : undefined}
                    onClick={() => setSelected(i)}
                  >
                    <span class="deadline-title">{r.title}</span>
                    <span class="deadline-meta">
                      {label(REPORT_KIND, r.kind)} · {label(REPORT_SOURCE, r.source)} · {label(REPORT_CHANNEL, r.channel)} ·{' '}
                      {label(REPORT_STATUS, r.status)}
                    </span>
                    <span class={`deadline-meta ${r.overdue ? 'text-danger' : ''}`} data-testid="desk-deadline">
                      {deadlineText(r)}
                    </span>
                    <span class="deadline-meta" data-testid="desk-handler">
                      {r.handler ? `Xử lý: ${r.handler.displayName || r.handler.email}` : 'Chưa phân công'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title="Đơn đang chọn" testid="desk-actions">
            {current ? (
              <>
                <p class="deadline-title" data-testid="desk-current">
                  {current.title}
                </p>
                <p class="muted">
                  {label(REPORT_FIELD, current.field)} · tiếp nhận {formatDate(current.receivedAt)} · {deadlineText(current)}
                </p>
                {access.deskHandle ? (
                  <div class="desk-buttons">
                    <button
                      type="button"
                      class="primary"
                      data-testid="desk-classify"
                      disabled={current.status !== 'RECEIVED'}
                      onClick={() => void classify()}
                    >
                      Phân loại (c)
                    </button>
                    <button type="button" class="ghost" data-testid="desk-assign" onClick={() => setAssigning((v) => !v)}>
                      Phân công (a)
                    </button>
                  </div>
                ) : (
                  <p class="muted">Phân loại và phân công do Ủy ban Kiểm tra thực hiện.</p>
                )}
                {assigning && access.deskHandle ? (
                  <form
                    class="desk-assign"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void assign();
                    }}
                  >
                    <label class="field">
                      <span>Người xử lý</span>
                      <select
                        ref={assignRef}
                        data-testid="desk-handler-select"
                        value={handlerId}
                        onChange={(e) => setHandlerId(e.currentTarget.value)}
                      >
                        {handlers.map((h) => (
                          <option key={h.id} value={h.id}>
                            {h.displayName || h.email}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button type="submit" class="primary" data-testid="desk-assign-confirm">
                      Giao xử lý
                    </button>
                  </form>
                ) : null}
                <button type="button" class="ghost" data-testid="desk-link" onClick={() => setLinking((v) => !v)}>
                  Gắn cán bộ, đơn vị (l)
                </button>
                {linking ? (
                  <div ref={linkRef}>
                    <form
                      class="desk-link"
                      data-testid="desk-link-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void link();
                      }}
                    >
                      <ConcernsPicker
                        token={token}
                        value={linkConcerns}
                        onChange={setLinkConcerns}
                        onAuthFailed={onAuthFailed}
                        hideText
                      />
                      <label class="field">
                        <span>Lý do (ghi vào tiến trình của đơn)</span>
                        <input
                          data-testid="desk-link-reason"
                          value={linkReason}
                          minLength={5}
                          maxLength={2000}
                          required
                          onInput={(e) => setLinkReason(e.currentTarget.value)}
                        />
                      </label>
                      <button type="submit" class="primary" data-testid="desk-link-confirm">
                        Gắn vào đơn
                      </button>
                    </form>
                  </div>
                ) : null}
              </>
            ) : (
              <p class="empty">Chọn một đơn trong hàng đợi.</p>
            )}
          </Panel>
          <Panel title="Phím tắt" testid="desk-shortcuts">
            <dl class="facts">
              {SHORTCUTS.flatMap(([key, what]) => [
                <dt key={`k-${key}`}>
                  <kbd>{key}</kbd>
                </dt>,
                <dd key={`d-${key}`}>{what}</dd>,
              ])}
            </dl>
          </Panel>
        </div>
      </div>
    </main>
  );
}

// ------------------------------------------------------------------ who or what the report concerns

interface Concerns {
  cadres: Array<{ id: string; name: string }>;
  units: Array<{ id: string; name: string }>;
  text: string;
}

const NO_CONCERNS: Concerns = { cadres: [], units: [], text: '' };

function concernsInput(c: Concerns) {
  return { cadreIds: c.cadres.map((x) => x.id), unitIds: c.units.map((x) => x.id), text: c.text.trim() || undefined };
}

function ConcernsPicker(props: {
  token: string;
  value: Concerns;
  onChange(c: Concerns): void;
  onAuthFailed(err: unknown): boolean;
  /** Without the free-text description (linking a recorded report takes ids only). */
  hideText?: boolean;
}) {
  const { token, value, onChange, onAuthFailed } = props;
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<DeskCadre[]>([]);
  const [units, setUnits] = useState<Array<{ id: string; name: string }>>([]);
  const [unitId, setUnitId] = useState('');

  useEffect(() => {
    gql<{ units: Array<{ id: string; name: string }> }>(DESK_UNITS, {}, token)
      .then((d) => setUnits(d.units))
      .catch((err: unknown) => void onAuthFailed(err));
  }, [token, onAuthFailed]);

  useEffect(() => {
    const words = search.trim();
    if (words.length < 2) {
      setFound([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      gql<{ cadres: { edges: Array<{ node: DeskCadre }> } }>(DESK_CADRES, { search: words }, token)
        .then((d) => !cancelled && setFound(d.cadres.edges.map((e) => e.node)))
        .catch((err: unknown) => void onAuthFailed(err));
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [search, token, onAuthFailed]);

  return (
    <fieldset class="desk-concerns">
      <legend>Cán bộ, đơn vị bị phản ánh</legend>
      <label class="field">
        <span>Tìm cán bộ theo tên (gõ không dấu cũng được)</span>
        <input type="search" data-testid="concern-search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      </label>
      {found.length ? (
        <ul class="chips" aria-label="Cán bộ tìm thấy">
          {found.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                class="ghost"
                data-testid="concern-found"
                onClick={() => {
                  if (!value.cadres.some((x) => x.id === c.id))
                    onChange({ ...value, cadres: [...value.cadres, { id: c.id, name: c.fullName }] });
                  setSearch('');
                }}
              >
                {c.fullName} — {c.post.name}, {c.unit.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="desk-row">
        <label class="field">
          <span>Đơn vị</span>
          <select data-testid="concern-unit" value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
            <option value="">— Chọn đơn vị —</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="ghost"
          data-testid="concern-unit-add"
          disabled={!unitId}
          onClick={() => {
            const u = units.find((x) => x.id === unitId);
            if (u && !value.units.some((x) => x.id === u.id)) onChange({ ...value, units: [...value.units, u] });
            setUnitId('');
          }}
        >
          Thêm đơn vị
        </button>
      </div>
      {value.cadres.length || value.units.length ? (
        <ul class="chips" aria-label="Đã chọn" data-testid="concern-chosen">
          {[
            ...value.cadres.map((c) => ({ ...c, kind: 'cadres' as const })),
            ...value.units.map((u) => ({ ...u, kind: 'units' as const })),
          ].map((x) => (
            <li key={x.id} class="chip">
              {x.name}{' '}
              <button
                type="button"
                class="link-button"
                aria-label={`Bỏ ${x.name}`}
                onClick={() => onChange({ ...value, [x.kind]: value[x.kind].filter((y) => y.id !== x.id) })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {props.hideText ? null : (
        <label class="field">
          <span>Hoặc mô tả (khi không rõ tên)</span>
          <input value={value.text} maxLength={500} onInput={(e) => onChange({ ...value, text: e.currentTarget.value })} />
        </label>
      )}
    </fieldset>
  );
}

function KindAndField(props: { kind: string; field: string; onKind(k: string): void; onField(f: string): void; prefix: string }) {
  return (
    <div class="desk-row">
      <label class="field">
        <span>Loại đơn</span>
        <select data-testid={`${props.prefix}-kind`} value={props.kind} onChange={(e) => props.onKind(e.currentTarget.value)}>
          {Object.entries(REPORT_KIND).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Lĩnh vực</span>
        <select data-testid={`${props.prefix}-field`} value={props.field} onChange={(e) => props.onField(e.currentTarget.value)}>
          {Object.entries(REPORT_FIELD).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

const todayInVietnam = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

// ------------------------------------------------------------------ a press article

function PressForm(props: { token: string; onAuthFailed(err: unknown): boolean; onRecorded(what: string): void }) {
  const { token, onAuthFailed } = props;
  const [outlet, setOutlet] = useState('');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [publishedOn, setPublishedOn] = useState(todayInVietnam);
  const [excerpt, setExcerpt] = useState('');
  const [kind, setKind] = useState('FEEDBACK');
  const [field, setField] = useState('OTHER');
  const [concerns, setConcerns] = useState<Concerns>(NO_CONCERNS);
  const [duplicate, setDuplicate] = useState<{ id: string; title: string; receivedAt: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The duplicate check, as the address is typed or pasted: the server compares canonical forms.
  useEffect(() => {
    const raw = url.trim();
    setDuplicate(null);
    if (!/^https?:\/\/[^/\s]+\.[^/\s]+/i.test(raw)) return;
    let cancelled = false;
    setChecking(true);
    const timer = setTimeout(() => {
      gql<{ pressArticleByUrl: { id: string; title: string; receivedAt: string } | null }>(DESK_PRESS_CHECK, { url: raw }, token)
        .then((d) => !cancelled && setDuplicate(d.pressArticleByUrl))
        .catch((err: unknown) => void onAuthFailed(err))
        .finally(() => !cancelled && setChecking(false));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [url, token, onAuthFailed]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (duplicate) return;
    setBusy(true);
    setError(null);
    try {
      const d = await gql<{ recordPressReport: { id: string; title: string } }>(
        DESK_RECORD_PRESS,
        {
          input: {
            outlet: outlet.trim(),
            articleTitle: title.trim(),
            url: url.trim(),
            publishedOn,
            excerpt: excerpt.trim(),
            kind,
            field,
            concerns: concernsInput(concerns),
          },
        },
        token,
      );
      props.onRecorded(`Đã ghi nhận bài báo: ${d.recordPressReport.title}`);
      setOutlet('');
      setTitle('');
      setUrl('');
      setExcerpt('');
      setConcerns(NO_CONCERNS);
    } catch (err) {
      if (onAuthFailed(err)) return;
      const existing = err instanceof ApiError ? err.errors[0]?.extensions?.['existingReportId'] : undefined;
      setError(typeof existing === 'string' ? 'Bài báo này đã được ghi nhận trước đó (cùng địa chỉ bài viết).' : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} data-testid="press-form">
      <label class="field">
        <span>Cơ quan báo chí</span>
        <input
          name="outlet"
          required
          minLength={2}
          maxLength={200}
          value={outlet}
          onInput={(e) => setOutlet(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>Tiêu đề bài báo</span>
        <input
          name="articleTitle"
          required
          minLength={3}
          maxLength={500}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>Địa chỉ bài báo (URL)</span>
        <input name="url" type="url" required maxLength={2000} value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      </label>
      {duplicate ? (
        <p class="note note-warn" role="alert" data-testid="press-duplicate" data-report-id={duplicate.id}>
          Bài báo này đã được ghi nhận ngày {formatDate(duplicate.receivedAt)}: “{duplicate.title}”. Không ghi nhận lại.
        </p>
      ) : null}
      <div class="desk-row">
        <label class="field">
          <span>Ngày đăng</span>
          <input
            name="publishedOn"
            type="date"
            required
            max={todayInVietnam()}
            value={publishedOn}
            onInput={(e) => setPublishedOn(e.currentTarget.value)}
          />
        </label>
      </div>
      <label class="field">
        <span>Trích đoạn</span>
        <textarea
          name="excerpt"
          required
          minLength={10}
          rows={4}
          value={excerpt}
          onInput={(e) => setExcerpt(e.currentTarget.value)}
        />
      </label>
      <KindAndField prefix="press" kind={kind} field={field} onKind={setKind} onField={setField} />
      <ConcernsPicker token={token} value={concerns} onChange={setConcerns} onAuthFailed={onAuthFailed} />
      {error ? (
        <p class="note note-error" role="alert" data-testid="press-error">
          {error}
        </p>
      ) : null}
      <button type="submit" class="primary" data-testid="press-submit" disabled={busy || checking || !!duplicate}>
        {busy ? 'Đang ghi nhận…' : 'Ghi nhận bài báo'}
      </button>
    </form>
  );
}

// ------------------------------------------------------------------ a call, a letter, a visit

const CALL_SOURCES = ['CITIZEN', 'FATHERLAND_FRONT', 'HIGHER_LEVEL', 'INTERNAL'];

function CallForm(props: {
  channel: Exclude<Intake, 'PRESS'>;
  token: string;
  onAuthFailed(err: unknown): boolean;
  onRecorded(what: string): void;
}) {
  const { token, onAuthFailed } = props;
  const [source, setSource] = useState('CITIZEN');
  const [kind, setKind] = useState('FEEDBACK');
  const [field, setField] = useState('OTHER');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [fullName, setFullName] = useState('');
  const [phone, setPhone] = useState('');
  const [concerns, setConcerns] = useState<Concerns>(NO_CONCERNS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per report being written: a retry after a lost answer records it once.
  const [idempotencyKey, setKey] = useState(() => crypto.randomUUID());

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const reporter =
      fullName.trim() || phone.trim() ? { fullName: fullName.trim() || undefined, phone: phone.trim() || undefined } : undefined;
    try {
      const d = await gql<{ recordReport: { receiptCode: string } }>(
        DESK_RECORD,
        {
          input: {
            source,
            channel: props.channel,
            kind,
            field,
            title: title.trim(),
            content: content.trim(),
            reporter,
            concerns: concernsInput(concerns),
            idempotencyKey,
          },
        },
        token,
      );
      props.onRecorded(`Đã ghi nhận đơn “${title.trim()}”. Mã tra cứu cho người gửi: ${d.recordReport.receiptCode}`);
      setTitle('');
      setContent('');
      setFullName('');
      setPhone('');
      setConcerns(NO_CONCERNS);
      setKey(crypto.randomUUID());
    } catch (err) {
      if (!onAuthFailed(err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} data-testid="call-form">
      <label class="field">
        <span>Nguồn</span>
        <select data-testid="call-source" value={source} onChange={(e) => setSource(e.currentTarget.value)}>
          {CALL_SOURCES.map((s) => (
            <option key={s} value={s}>
              {label(REPORT_SOURCE, s)}
            </option>
          ))}
        </select>
      </label>
      <KindAndField prefix="call" kind={kind} field={field} onKind={setKind} onField={setField} />
      <label class="field">
        <span>Tiêu đề</span>
        <input
          name="title"
          required
          minLength={5}
          maxLength={200}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>Nội dung</span>
        <textarea
          name="content"
          required
          minLength={10}
          rows={4}
          value={content}
          onInput={(e) => setContent(e.currentTarget.value)}
        />
      </label>
      <div class="desk-row">
        <label class="field">
          <span>Họ tên người phản ánh (không bắt buộc)</span>
          <input name="fullName" maxLength={200} value={fullName} onInput={(e) => setFullName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Số điện thoại</span>
          <input name="phone" type="tel" maxLength={20} value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        </label>
      </div>
      <ConcernsPicker token={token} value={concerns} onChange={setConcerns} onAuthFailed={onAuthFailed} />
      {error ? (
        <p class="note note-error" role="alert" data-testid="call-error">
          {error}
        </p>
      ) : null}
      <button type="submit" class="primary" data-testid="call-submit" disabled={busy}>
        {busy ? 'Đang ghi nhận…' : `Ghi nhận (${label(REPORT_CHANNEL, props.channel)})`}
      </button>
    </form>
  );
}
