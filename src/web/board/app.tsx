import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  BOARD,
  type Board,
  type BoardEvent,
  DEADLINES,
  type Deadlines,
  gql,
  LATEST_EVENTS,
  LOGIN,
  ME_PERSON,
  type MePerson,
  type PresenceEntry,
  REPORT_DETAIL,
  type ReportDetail,
  type Session,
  session as sessionStore,
} from './api';
import { pageAccess } from './access';
import { IntakeDesk } from './components/intake-desk';
import { ItemDrawer, type OpenItem } from './components/item-drawer';
import { ReportsChart } from './components/reports-chart';
import { TargetsView } from './components/targets-view';
import { type BoardView, useBoardView, ViewTabs } from './components/view-tabs';
import {
  Breakdown,
  ConnectionIndicator,
  Counters,
  DeadlineList,
  ErrorNote,
  Feed,
  type FeedTarget,
  FindingsByArea,
  Panel,
  PresenceList,
} from './components/panels';
import { type LinkState, LiveLink } from './live';
import {
  formatDate,
  formatNumber,
  formatTime,
  label,
  REPORT_CHANNEL,
  REPORT_FIELD,
  REPORT_KIND,
  REPORT_SOURCE,
  REPORT_STATUS,
  ROLE,
} from './labels';

const FEED_SIZE = 50;
/** Events arrive in bursts (a replay after reconnecting): the counters are asked for once per burst. */
const REFRESH_DEBOUNCE_MS = 250;
/** "Today" and "due soon" move with the clock, not only with events. */
const REFRESH_EVERY_MS = 60_000;

function message(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'FORBIDDEN':
        return 'Tài khoản này không có quyền xem mục này.';
      case 'UNAUTHENTICATED':
        return 'Phiên đăng nhập đã hết hạn.';
      case 'NETWORK':
        return 'Không kết nối được máy chủ.';
      default:
        return err.message;
    }
  }
  return err instanceof Error ? err.message : String(err);
}

export function App() {
  const [current, setCurrent] = useState<Session | null>(() => sessionStore.load());
  const [notice, setNotice] = useState<string | null>(null);
  const signOut = useCallback((why?: string) => {
    sessionStore.clear();
    setCurrent(null);
    setNotice(why ?? null);
  }, []);
  if (!current) {
    return (
      <LoginForm
        notice={notice}
        onSignedIn={(s) => {
          sessionStore.save(s);
          setNotice(null);
          setCurrent(s);
        }}
      />
    );
  }
  // The live board needs `board`; the roles without it see what they may: the targets.
  return pageAccess(current.role).board ? (
    <BoardScreen session={current} onSignOut={signOut} />
  ) : (
    <TargetsScreen session={current} onSignOut={signOut} />
  );
}

// ------------------------------------------------------------------ login

function LoginForm(props: { notice: string | null; onSignedIn(s: Session): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const data = await gql<{
        login: { token: string; expiresAt: string; account: { id: string; email: string; displayName: string; role: string } };
      }>(LOGIN, {
        email: email.trim(),
        password,
      });
      const { token, expiresAt, account } = data.login;
      // The person behind the account, for the header; an account without a cadre keeps its display name.
      const who = await gql<MePerson>(ME_PERSON, {}, token).catch(() => null);
      const cadre = who?.me.cadre ?? null;
      props.onSignedIn({
        token,
        expiresAt,
        accountId: account.id,
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        person: cadre?.fullName ?? null,
        post: cadre ? [cadre.post?.name, who?.me.unit?.name].filter(Boolean).join(', ') || null : (who?.me.unit?.name ?? null),
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') setError('Email hoặc mật khẩu không đúng.');
      else if (err instanceof ApiError && err.code === 'RATE_LIMITED') {
        const wait = err.errors[0]?.extensions?.retryAfterSeconds;
        setError(`Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait ?? 'ít'} giây.`);
      } else if (err instanceof ApiError && err.code === 'BAD_USER_INPUT') setError('Vui lòng nhập email và mật khẩu hợp lệ.');
      else setError(message(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login-page">
      <form class="login-card" onSubmit={submit} data-testid="login-form">
        <div class="brand brand-large">
          <Emblem />
          <div>
            <div class="brand-overline">Đảng ủy phường An Biên</div>
            <h1>Bảng giám sát trực tuyến</h1>
          </div>
        </div>
        <p class="login-lead">Dành cho Ủy ban Kiểm tra Đảng ủy và Ban Thường vụ Đảng ủy. Đăng nhập bằng tài khoản được cấp.</p>
        {props.notice ? <p class="note">{props.notice}</p> : null}
        <label class="field">
          <span>Email</span>
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Mật khẩu</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error ? (
          <p class="note note-error" role="alert" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <button class="primary" type="submit" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}

function Emblem() {
  return (
    <svg class="emblem" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#b91c1c" />
      <path d="M16 5l3.1 7.6 8.2.6-6.3 5.3 2 8L16 22.2 9 26.5l2-8-6.3-5.3 8.2-.6z" fill="#facc15" />
    </svg>
  );
}

// ------------------------------------------------------------------ the screens

const BOARD_VIEWS: readonly BoardView[] = ['board', 'targets'];
const TARGETS_VIEWS: readonly BoardView[] = ['targets'];
/** The desk's roles see it beside the others; for the intake staff it is the first view. */
const DESK_BOARD_VIEWS: readonly BoardView[] = ['board', 'desk', 'targets'];
const DESK_TARGETS_VIEWS: readonly BoardView[] = ['desk', 'targets'];

function Topbar(props: {
  session: Session;
  view: BoardView;
  views: readonly BoardView[];
  onView(v: BoardView): void;
  onSignOut(why?: string): void;
  children?: ComponentChildren;
}) {
  const { session } = props;
  return (
    <header class="topbar">
      <div class="brand">
        <Emblem />
        <div>
          <div class="brand-overline">Đảng ủy phường An Biên</div>
          <h1>Bảng giám sát trực tuyến</h1>
        </div>
      </div>
      <ViewTabs view={props.view} views={props.views} onChange={props.onView} />
      <div class="topbar-right">
        {props.children}
        <div class="who">
          <div class="who-name" data-testid="signed-in-as">
            {session.person || session.displayName || session.email}
          </div>
          <div class="who-role" data-testid="signed-in-role">
            {whoRole(session)}
          </div>
        </div>
        <button type="button" class="ghost" onClick={() => props.onSignOut()}>
          Đăng xuất
        </button>
      </div>
    </header>
  );
}

/**
 * The header's second line: the role, with the post and unit of the person when the account is
 * linked to a cadre; for an account named after its body (the role's own name), its email.
 */
function whoRole(session: Session): string {
  const role = label(ROLE, session.role);
  if (session.post) return `${role} · ${session.post}`;
  return !session.person && session.displayName === role ? session.email : role;
}

/** An error handler that signs out on UNAUTHENTICATED (an expired token) and says whether it did. */
function useAuthFailed(onSignOut: (why?: string) => void): (err: unknown) => boolean {
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
        onSignOut('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
        return true;
      }
      return false;
    },
    [onSignOut],
  );
}

/** For the roles without the live board: the targets, and no live connection. */
function TargetsScreen({ session, onSignOut }: { session: Session; onSignOut(why?: string): void }) {
  const access = pageAccess(session.role);
  const views = access.desk ? DESK_TARGETS_VIEWS : TARGETS_VIEWS;
  const [view, setView, opened] = useBoardView(views);
  const authFailed = useAuthFailed(onSignOut);
  return (
    <div class="board">
      <Topbar session={session} view={view} views={views} onView={setView} onSignOut={onSignOut} />
      {opened.has('desk') ? (
        <IntakeDesk token={session.token} access={access} hidden={view !== 'desk'} onAuthFailed={authFailed} />
      ) : null}
      {opened.has('targets') ? (
        <TargetsView token={session.token} role={session.role} hidden={view !== 'targets'} onAuthFailed={authFailed} />
      ) : null}
    </div>
  );
}

// ------------------------------------------------------------------ the board

function BoardScreen({ session, onSignOut }: { session: Session; onSignOut(why?: string): void }) {
  const [board, setBoard] = useState<Board | null>(null);
  const [boardError, setBoardError] = useState<string | null>(null);
  const [deadlines, setDeadlines] = useState<Deadlines | null>(null);
  const [deadlinesError, setDeadlinesError] = useState<string | null>(null);
  const [events, setEvents] = useState<BoardEvent[]>([]);
  const [feedError, setFeedError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [presence, setPresence] = useState<PresenceEntry[]>([]);
  const [presenceError, setPresenceError] = useState<string | null>(null);
  const [link, setLink] = useState<{ state: LinkState; retryInMs?: number }>({ state: 'connecting' });
  const [openReport, setOpenReport] = useState<string | null>(null);
  const [openItem, setOpenItem] = useState<OpenItem | null>(null);
  const openTarget = useCallback((target: FeedTarget) => {
    if (target.type === 'REPORT') setOpenReport(target.id);
    else setOpenItem({ type: target.type, id: target.id });
  }, []);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const liveRef = useRef<LiveLink | null>(null);
  // The live board and "Mục tiêu 2030" share this screen, so switching keeps the live link.
  const access = pageAccess(session.role);
  const views = access.desk ? DESK_BOARD_VIEWS : BOARD_VIEWS;
  const [view, setView, opened] = useBoardView(views);
  // The due-soon threshold is the server's (board.dueSoonDays): the list waits for the first board.
  const [dueSoonDays, setDueSoonDays] = useState<number | null>(null);
  const dueSoonRef = useRef<number | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const token = session.token;

  const authFailed = useAuthFailed(onSignOut);

  const loadBoard = useCallback(async () => {
    try {
      const data = await gql<{ board: Board }>(BOARD, {}, token);
      setBoard(data.board);
      setBoardError(null);
      setUpdatedAt(data.board.generatedAt);
      dueSoonRef.current = data.board.dueSoonDays;
      setDueSoonDays(data.board.dueSoonDays);
    } catch (err) {
      if (!authFailed(err)) setBoardError(`Không tải được số liệu: ${message(err)}`);
    }
  }, [token, authFailed]);

  const loadDeadlines = useCallback(async () => {
    const days = dueSoonRef.current;
    if (days === null) return;
    try {
      setDeadlines(await gql<Deadlines>(DEADLINES, { dueWithinDays: days }, token));
      setDeadlinesError(null);
    } catch (err) {
      if (!authFailed(err)) setDeadlinesError(`Không tải được danh sách: ${message(err)}`);
    }
  }, [token, authFailed]);

  const refreshSoon = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      void loadBoard();
      void loadDeadlines();
    }, REFRESH_DEBOUNCE_MS);
  }, [loadBoard, loadDeadlines]);

  // The feed: the newest events first, then the live subscription from the cursor after them,
  // so nothing falls between the page and the stream.
  useEffect(() => {
    let cancelled = false;
    let resyncTimer: ReturnType<typeof setTimeout> | undefined;

    const begin = async (): Promise<void> => {
      let cursor: string;
      let initial: BoardEvent[];
      try {
        const data = await gql<{ latestBoardEvents: { cursor: string; events: BoardEvent[] } }>(
          LATEST_EVENTS,
          { count: 20 },
          token,
        );
        if (cancelled) return;
        cursor = data.latestBoardEvents.cursor;
        initial = data.latestBoardEvents.events;
        setEvents(initial.slice(0, FEED_SIZE));
        setFeedError(null);
      } catch (err) {
        if (cancelled || authFailed(err)) return;
        setFeedError(`Không tải được diễn biến: ${message(err)}`);
        setLink({ state: 'reconnecting' });
        resyncTimer = setTimeout(() => void begin(), 5_000);
        return;
      }
      const live = new LiveLink(
        token,
        cursor,
        {
          onEvent: (event) => {
            setEvents((list) => [event, ...list.filter((e) => e.id !== event.id)].slice(0, FEED_SIZE));
            setFresh((s) => new Set([...s, event.id].slice(-FEED_SIZE)));
            setTimeout(() => setFresh((s) => new Set([...s].filter((id) => id !== event.id))), 4_000);
            refreshSoon();
          },
          onPresence: (entries) => {
            setPresence(entries);
            setPresenceError(null);
          },
          onState: (state, detail) => {
            setLink({ state, retryInMs: detail.retryInMs });
            if (state === 'connected') setFeedError(null);
          },
          onAuthLost: () => onSignOut('Phiên đăng nhập đã hết hạn hoặc tài khoản bị khóa. Vui lòng đăng nhập lại.'),
          onResync: (errors) => {
            // The cursor was refused: start again from the newest events after a short pause.
            setFeedError(`Luồng diễn biến báo lỗi: ${errors[0]?.message ?? 'không rõ'}. Đang tải lại…`);
            live.stop();
            liveRef.current = null;
            setLink({ state: 'reconnecting' });
            resyncTimer = setTimeout(() => void begin(), 3_000);
          },
          onSideError: (what, errors) => {
            if (what === 'presence')
              setPresenceError(`Không theo dõi được: ${(errors as Array<{ message?: string }>)[0]?.message ?? 'lỗi'}`);
          },
        },
        access.presence,
      );
      for (const e of initial) live.markSeen(e.id);
      liveRef.current?.stop();
      liveRef.current = live;
      live.start();
    };
    void begin();
    return () => {
      cancelled = true;
      clearTimeout(resyncTimer);
      liveRef.current?.stop();
      liveRef.current = null;
    };
  }, [token, refreshSoon, authFailed, onSignOut, access.presence]);

  useEffect(() => {
    void loadBoard();
    const every = setInterval(() => {
      void loadBoard();
      void loadDeadlines();
    }, REFRESH_EVERY_MS);
    return () => {
      clearInterval(every);
      clearTimeout(refreshTimer.current);
    };
  }, [loadBoard, loadDeadlines]);

  // The first deadline lists once the board has told the threshold (and again if it changes).
  useEffect(() => {
    void loadDeadlines();
  }, [loadDeadlines, dueSoonDays]);

  // Back from a dropped connection: the replayed events refresh the counters; this catches the
  // changes that write no event.
  const wasConnected = useRef(false);
  useEffect(() => {
    if (link.state === 'connected') {
      if (wasConnected.current) refreshSoon();
      wasConnected.current = true;
    }
  }, [link.state, refreshSoon]);

  return (
    <div class="board">
      <Topbar session={session} view={view} views={views} onView={setView} onSignOut={onSignOut}>
        <ConnectionIndicator state={link.state} retryInMs={link.retryInMs} />
      </Topbar>
      <main class="content" hidden={view !== 'board'}>
        <ErrorNote error={boardError} />
        <Counters board={board} />
        <div class="grid">
          <Feed events={events} fresh={fresh} error={feedError} onOpen={openTarget} />
          <div class="col">
            <Panel
              title="Đơn thư tiếp nhận 30 ngày qua"
              testid="per-day"
              aside={
                board ? (
                  <span class="muted">tổng {formatNumber(board.reportsPerDay.reduce((s, d) => s + d.count, 0))} đơn</span>
                ) : null
              }
            >
              {board ? <ReportsChart days={board.reportsPerDay} /> : <div class="chart chart-empty" />}
            </Panel>
            <div class="pair">
              <DeadlineList deadlines={deadlines} dueSoonDays={dueSoonDays} error={deadlinesError} onOpen={setOpenReport} />
              <FindingsByArea board={board} />
            </div>
            <div class="pair">
              <Breakdown board={board} />
              {access.presence ? (
                <PresenceList
                  entries={presence}
                  error={presenceError}
                  onOpen={(type, id) => openTarget({ type: type === 'INSPECTION' ? 'INSPECTION' : 'REPORT', id })}
                />
              ) : null}
            </div>
          </div>
        </div>
        <footer class="footnote">
          {updatedAt ? (
            <>
              Số liệu lúc {formatTime(updatedAt)} ngày {formatDate(updatedAt)}.{' '}
            </>
          ) : null}
          Số liệu tự cập nhật khi có diễn biến mới.
        </footer>
      </main>
      {opened.has('targets') ? (
        <TargetsView token={token} role={session.role} hidden={view !== 'targets'} onAuthFailed={authFailed} />
      ) : null}
      {opened.has('desk') ? (
        <IntakeDesk token={token} access={access} hidden={view !== 'desk'} onAuthFailed={authFailed} />
      ) : null}
      {openItem ? <ItemDrawer item={openItem} token={token} onClose={() => setOpenItem(null)} /> : null}
      {openReport ? (
        <ReportDrawer
          id={openReport}
          token={token}
          live={liveRef.current}
          onClose={() => setOpenReport(null)}
          me={session.accountId}
        />
      ) : null}
    </div>
  );
}

// ------------------------------------------------------------------ one report, with presence

function ReportDrawer(props: {
  id: string;
  token: string;
  live: LiveLink | null;
  /** The signed-in account's id. */ me: string;
  onClose(): void;
}) {
  const [report, setReport] = useState<ReportDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [others, setOthers] = useState<PresenceEntry[]>([]);

  useEffect(() => {
    let cancelled = false;
    setReport(null);
    setError(null);
    gql<{ report: ReportDetail }>(REPORT_DETAIL, { id: props.id }, props.token)
      .then((d) => !cancelled && setReport(d.report))
      .catch((err: unknown) => !cancelled && setError(message(err)));
    // While this is open, the others see "Đang xử lý" on this report.
    props.live?.open('REPORT', props.id, (entries) => setOthers(entries));
    return () => {
      cancelled = true;
      props.live?.leave();
    };
  }, [props.id, props.token, props.live]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.onClose]);

  // Everyone on it but this account (the list includes the caller).
  const working = others.filter((p) => p.accountId !== props.me);
  return (
    <div class="drawer-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="drawer" role="dialog" aria-label="Đơn thư" data-testid="report-drawer">
        <header class="drawer-head">
          <h2>{report ? report.title : 'Đơn thư'}</h2>
          <button type="button" class="ghost" onClick={props.onClose} aria-label="Đóng">
            ✕
          </button>
        </header>
        <ErrorNote error={error} />
        {working.length ? (
          <p class="note note-warn" data-testid="working-on">
            Đang xử lý: {working.map((p) => p.who).join(', ')}
          </p>
        ) : null}
        {report ? (
          <dl class="facts">
            <dt>Loại</dt>
            <dd>{label(REPORT_KIND, report.kind)}</dd>
            <dt>Lĩnh vực</dt>
            <dd>{label(REPORT_FIELD, report.field)}</dd>
            <dt>Nguồn</dt>
            <dd>
              {label(REPORT_SOURCE, report.source)} · {label(REPORT_CHANNEL, report.channel)}
            </dd>
            <dt>Bước xử lý</dt>
            <dd>{label(REPORT_STATUS, report.status)}</dd>
            <dt>Tiếp nhận</dt>
            <dd>
              {formatTime(report.receivedAt)} {formatDate(report.receivedAt)}
            </dd>
            <dt>Hạn</dt>
            <dd class={report.overdue ? 'text-danger' : ''}>
              {report.dueAt ? formatDate(report.dueAt) : '—'}
              {report.daysLeft !== null
                ? report.daysLeft < 0
                  ? ` (quá ${-report.daysLeft} ngày)`
                  : ` (còn ${report.daysLeft} ngày)`
                : ''}
            </dd>
            <dt>Người xử lý</dt>
            <dd>{report.handler ? report.handler.displayName || report.handler.email : 'Chưa phân công'}</dd>
          </dl>
        ) : null}
      </div>
    </div>
  );
}
