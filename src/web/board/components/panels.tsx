import type { ComponentChildren } from 'preact';
import type { Board, BoardEvent, CountByKey, DeadlineReport, Deadlines, PresenceEntry } from '../api';
import type { LinkState } from '../live';
import {
  DISCIPLINE_STATUS,
  EVENT_TONE,
  EVENT_TYPE,
  FINDING_AREAS,
  formatDate,
  formatDayMonth,
  formatNumber,
  formatTime,
  label,
  PRESENCE_SUBJECT,
  REPORT_KIND,
  REPORT_SOURCE,
  REPORT_STATUS,
} from '../labels';

export function Panel(props: {
  title: string;
  aside?: ComponentChildren;
  class?: string;
  testid?: string;
  children: ComponentChildren;
}) {
  return (
    <section class={`panel ${props.class ?? ''}`} data-testid={props.testid}>
      <header class="panel-head">
        <h2>{props.title}</h2>
        {props.aside ? <div class="panel-aside">{props.aside}</div> : null}
      </header>
      <div class="panel-body">{props.children}</div>
    </section>
  );
}

export function ErrorNote({ error }: { error: string | null }) {
  return error ? <p class="note note-error">{error}</p> : null;
}

const sum = (rows: CountByKey[] | undefined) => (rows ?? []).reduce((s, r) => s + r.count, 0);

// ------------------------------------------------------------------ connection

const LINK_TEXT: Record<LinkState, string> = {
  connecting: 'Đang kết nối…',
  connected: 'Đã kết nối',
  reconnecting: 'Đang kết nối lại…',
  lost: 'Mất kết nối',
};

export function ConnectionIndicator({ state, retryInMs }: { state: LinkState; retryInMs?: number }) {
  const title =
    state === 'connected'
      ? 'Nhận diễn biến trực tiếp'
      : state === 'lost'
        ? `Đang thử lại${retryInMs ? ` sau ${Math.ceil(retryInMs / 1000)} giây` : ''}; các diễn biến trong lúc mất kết nối sẽ hiện khi kết nối lại`
        : 'Các diễn biến trong lúc mất kết nối sẽ hiện khi kết nối lại';
  return (
    <div class={`link link-${state}`} data-testid="connection" data-state={state} role="status" aria-live="polite" title={title}>
      <span class="link-dot" aria-hidden="true" />
      {LINK_TEXT[state]}
    </div>
  );
}

// ------------------------------------------------------------------ counters

function Counter(props: { id: string; label: string; value: number | undefined; tone?: string; sub?: ComponentChildren }) {
  return (
    <div class={`counter ${props.tone ? `counter-${props.tone}` : ''}`} data-testid={`counter-${props.id}`}>
      <div class="counter-label">{props.label}</div>
      <div class="counter-value" data-testid={`counter-${props.id}-value`}>
        {props.value === undefined ? '—' : formatNumber(props.value)}
      </div>
      {props.sub ? <div class="counter-sub">{props.sub}</div> : null}
    </div>
  );
}

export function Counters({ board }: { board: Board | null }) {
  return (
    <div class="counters" data-testid="counters">
      <Counter id="open" label="Đơn thư đang giải quyết" value={board ? sum(board.openReportsByStatus) : undefined} />
      <Counter id="overdue" label="Quá hạn" value={board?.overdueCount} tone="danger" />
      <Counter
        id="information"
        label="Tố cáo nặc danh giữ làm thông tin"
        value={board?.informationCount}
        sub="không tính hạn giải quyết"
      />
      <Counter
        id="dueSoon"
        label="Sắp đến hạn"
        value={board?.dueSoonCount}
        tone="warn"
        sub={board ? `trong ${board.dueSoonDays} ngày tới` : null}
      />
      <Counter
        id="receivedToday"
        label="Tiếp nhận hôm nay"
        value={board?.receivedToday}
        tone="accent"
        sub={
          board ? (
            <>
              Tuần này <b data-testid="counter-receivedThisWeek-value">{formatNumber(board.receivedThisWeek)}</b> · Tháng này{' '}
              <b data-testid="counter-receivedThisMonth-value">{formatNumber(board.receivedThisMonth)}</b>
            </>
          ) : null
        }
      />
      <Counter id="inspections" label="Cuộc kiểm tra đang tiến hành" value={board?.inspectionsInProgress} />
      <Counter
        id="findings"
        label="Phát hiện trong tháng"
        value={board ? sum(board.findingsThisMonthBySeverity) : undefined}
        sub={board ? severitySummary(board.findingsThisMonthBySeverity) : null}
      />
    </div>
  );
}

function severitySummary(rows: CountByKey[]) {
  const serious = rows.filter((r) => r.key === 'VIOLATION' || r.key === 'SERIOUS_VIOLATION').reduce((s, r) => s + r.count, 0);
  return `trong đó vi phạm: ${formatNumber(serious)}`;
}

// ------------------------------------------------------------------ feed

/** What a feed line opens: its report, or its inspection (a finding's), or its discipline case. */
export type FeedTarget = { type: 'REPORT' | 'INSPECTION' | 'DISCIPLINE_CASE'; id: string };

function targetOf(e: BoardEvent): FeedTarget | null {
  if (e.reportId) return { type: 'REPORT', id: e.reportId };
  if (e.inspectionId) return { type: 'INSPECTION', id: e.inspectionId };
  if (e.disciplineCaseId) return { type: 'DISCIPLINE_CASE', id: e.disciplineCaseId };
  return null;
}

export function Feed(props: {
  events: BoardEvent[];
  fresh: ReadonlySet<string>;
  error: string | null;
  onOpen(target: FeedTarget): void;
}) {
  return (
    <Panel title="Diễn biến mới nhất" class="feed-panel" aside={<span class="muted">mới nhất ở trên</span>} testid="feed">
      <ErrorNote error={props.error} />
      {props.events.length === 0 && !props.error ? <p class="empty">Chưa có diễn biến nào.</p> : null}
      <ol class="feed" data-testid="feed-list">
        {props.events.map((e) => (
          <li
            key={e.id}
            class={`feed-item tone-${EVENT_TONE[e.type] ?? 'report'} ${props.fresh.has(e.id) ? 'is-fresh' : ''}`}
            data-testid="feed-item"
            data-event-id={e.id}
            data-event-type={e.type}
            data-report-id={e.reportId ?? undefined}
          >
            <time class="feed-time" dateTime={e.occurredAt} title={formatDate(e.occurredAt)}>
              {formatTime(e.occurredAt)}
              <span class="feed-date">{formatDayMonth(e.occurredAt)}</span>
            </time>
            <FeedLine event={e} onOpen={props.onOpen} />
          </li>
        ))}
      </ol>
    </Panel>
  );
}

function FeedLine({ event: e, onOpen }: { event: BoardEvent; onOpen(target: FeedTarget): void }) {
  const target = targetOf(e);
  const body = (
    <>
      <div class="feed-title" data-testid="feed-summary">
        {e.summary ?? label(EVENT_TYPE, e.type)}
      </div>
      <div class="feed-detail">{label(EVENT_TYPE, e.type)}</div>
    </>
  );
  return target ? (
    <button type="button" class="feed-main feed-open" onClick={() => onOpen(target)} title="Mở hồ sơ" data-testid="feed-open">
      {body}
    </button>
  ) : (
    <div class="feed-main">{body}</div>
  );
}

// ------------------------------------------------------------------ deadlines

function DeadlineRow({ r, onOpen }: { r: DeadlineReport; onOpen(id: string): void }) {
  const days = r.daysLeft;
  const badge = days === null ? '' : days < 0 ? `quá ${-days} ngày` : days === 0 ? 'hôm nay' : `còn ${days} ngày`;
  return (
    <li class="deadline" data-testid="deadline-item" data-report-id={r.id}>
      <button type="button" class="deadline-button" onClick={() => onOpen(r.id)}>
        <span class={`badge ${days !== null && days < 0 ? 'badge-danger' : 'badge-warn'}`}>{badge}</span>
        <span class="deadline-title">{r.title}</span>
        <span class="deadline-meta">
          {label(REPORT_KIND, r.kind)} · {label(REPORT_STATUS, r.status)}
          {r.dueAt ? ` · hạn ${formatDate(r.dueAt)}` : ''}
        </span>
      </button>
    </li>
  );
}

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? <li class="more">và {formatNumber(total - shown)} đơn khác (gấp nhất ở trên)</li> : null;
}

export function DeadlineList(props: {
  deadlines: Deadlines | null;
  /** The server's due-soon threshold the list was asked with (board.dueSoonDays). */
  dueSoonDays: number | null;
  error: string | null;
  onOpen(id: string): void;
}) {
  const d = props.deadlines;
  return (
    <Panel title="Quá hạn và sắp đến hạn" testid="deadlines" class="deadlines-panel">
      <ErrorNote error={props.error} />
      {d ? (
        <>
          <h3 class="sub-head">
            Quá hạn <span class="count count-danger">{formatNumber(d.overdue.totalCount)}</span>
          </h3>
          {d.overdue.edges.length ? (
            <ul class="deadlines" data-testid="overdue-list">
              {d.overdue.edges.map(({ node }) => (
                <DeadlineRow key={node.id} r={node} onOpen={props.onOpen} />
              ))}
              <More shown={d.overdue.edges.length} total={d.overdue.totalCount} />
            </ul>
          ) : (
            <p class="empty">Không có đơn thư quá hạn.</p>
          )}
          <h3 class="sub-head">
            Sắp đến hạn <span data-testid="due-soon-days">({props.dueSoonDays} ngày)</span>{' '}
            <span class="count count-warn">{formatNumber(d.dueSoon.totalCount)}</span>
          </h3>
          {d.dueSoon.edges.length ? (
            <ul class="deadlines" data-testid="due-soon-list">
              {d.dueSoon.edges.map(({ node }) => (
                <DeadlineRow key={node.id} r={node} onOpen={props.onOpen} />
              ))}
              <More shown={d.dueSoon.edges.length} total={d.dueSoon.totalCount} />
            </ul>
          ) : (
            <p class="empty">Không có đơn thư sắp đến hạn.</p>
          )}
        </>
      ) : null}
    </Panel>
  );
}

// ------------------------------------------------------------------ findings by area

export function FindingsByArea({ board }: { board: Board | null }) {
  const counts = new Map((board?.findingsThisMonthByArea ?? []).map((r) => [r.key, r.count]));
  const known = new Set(FINDING_AREAS.map((a) => a.key));
  const rows = [
    ...FINDING_AREAS.map((a) => ({ ...a, count: counts.get(a.key) ?? 0 })),
    ...[...counts].filter(([k]) => !known.has(k)).map(([key, count]) => ({ key, label: key, threeNo: undefined, count })),
  ];
  const max = Math.max(1, ...rows.map((r) => r.count));
  const threeNoTotal = rows.filter((r) => r.threeNo).reduce((s, r) => s + r.count, 0);
  return (
    <Panel
      title="Phát hiện theo lĩnh vực (tháng này)"
      testid="findings-by-area"
      aside={
        <span class="chip chip-three-no" title="Không tham nhũng, không xa dân, không trì trệ">
          3 không: <b data-testid="three-no-total">{formatNumber(threeNoTotal)}</b>
        </span>
      }
    >
      <ul class="bars">
        {rows
          .filter((r) => r.threeNo || r.count > 0)
          .map((r) => (
            <li key={r.key} class={`bar-row ${r.threeNo ? 'is-three-no' : ''}`} data-testid={`area-${r.key}`}>
              <span class="bar-label">
                {r.label}
                {r.threeNo ? <span class="tag-three-no">3 không</span> : null}
              </span>
              <span class="bar-track">
                <span class="bar-fill" style={{ width: `${(r.count / max) * 100}%` }} />
              </span>
              <span class="bar-value">{formatNumber(r.count)}</span>
            </li>
          ))}
      </ul>
      {board && rows.every((r) => r.count === 0) ? <p class="empty">Chưa có phát hiện nào trong tháng.</p> : null}
    </Panel>
  );
}

// ------------------------------------------------------------------ breakdowns

function Chips({ rows, labels, testid }: { rows: CountByKey[]; labels: Record<string, string>; testid: string }) {
  const shown = rows.filter((r) => r.count > 0);
  if (!shown.length) return <p class="empty">Không có.</p>;
  return (
    <ul class="chips" data-testid={testid}>
      {shown
        .sort((a, b) => b.count - a.count)
        .map((r) => (
          <li key={r.key} class="chip">
            {label(labels, r.key)} <b>{formatNumber(r.count)}</b>
          </li>
        ))}
    </ul>
  );
}

export function Breakdown({ board }: { board: Board | null }) {
  return (
    <Panel title="Đơn thư đang giải quyết" testid="breakdown">
      {board ? (
        <>
          <h3 class="sub-head">Theo loại</h3>
          <Chips rows={board.openReportsByKind} labels={REPORT_KIND} testid="open-by-kind" />
          <h3 class="sub-head">Theo nguồn</h3>
          <Chips rows={board.openReportsBySource} labels={REPORT_SOURCE} testid="open-by-source" />
          <h3 class="sub-head">Theo bước xử lý</h3>
          <Chips rows={board.openReportsByStatus} labels={REPORT_STATUS} testid="open-by-status" />
          <h3 class="sub-head">Hồ sơ kỷ luật</h3>
          <Chips rows={board.disciplineCasesByStatus} labels={DISCIPLINE_STATUS} testid="discipline-by-status" />
        </>
      ) : null}
    </Panel>
  );
}

// ------------------------------------------------------------------ presence

export function PresenceList(props: { entries: PresenceEntry[]; error: string | null; onOpen(type: string, id: string): void }) {
  return (
    <Panel title="Đang xử lý" testid="presence" aside={<span class="muted">ai đang mở hồ sơ nào</span>}>
      <ErrorNote error={props.error} />
      {props.entries.length === 0 && !props.error ? <p class="empty">Không ai đang mở hồ sơ.</p> : null}
      <ul class="presence">
        {props.entries.map((p) => (
          <li key={`${p.accountId}:${p.subjectType}:${p.subjectId}`} class="presence-item" data-testid="presence-item">
            <span class="avatar" aria-hidden="true">
              {p.who.slice(0, 1).toUpperCase()}
            </span>
            <span class="presence-who">{p.who}</span>
            <span class="presence-what">
              {label(PRESENCE_SUBJECT, p.subjectType)}{' '}
              <button
                type="button"
                class="link-button"
                data-testid="presence-open"
                onClick={() => props.onOpen(p.subjectType, p.subjectId)}
              >
                {p.subjectTitle ? `“${p.subjectTitle}”` : 'mở hồ sơ'}
              </button>
            </span>
            <span class="presence-since">từ {formatTime(p.since)}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
