import '../targets.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql } from '../api';
import { label, ROLE } from '../labels';
import { ErrorNote } from './panels';
import { TargetTrendChart } from './target-trend-chart';
import {
  countText,
  formatCount,
  formatPercent,
  goalText,
  MET_TEXT,
  metKey,
  TARGET_TITLE,
  TARGETS,
  type TargetBreakdownRow,
  type TargetEntry,
  targetYears,
  UNITS_FIRST,
} from './targets-data';

/** Units shown before "Xem tất cả". */
const UNITS_SHOWN = 5;

function errorText(err: unknown, role: string, year: number): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'FORBIDDEN':
        return `Tài khoản với vai trò “${label(ROLE, role)}” không được xem các chỉ tiêu Mục tiêu 2030. Đề nghị liên hệ Văn phòng Đảng ủy nếu cần được cấp quyền.`;
      case 'BAD_USER_INPUT':
        return `Chưa có số liệu năm ${year}: các chỉ tiêu được tính từ năm 2025 đến năm hiện tại.`;
      case 'NETWORK':
        return 'Không kết nối được máy chủ. Vui lòng thử lại.';
      default:
        return `Không tải được các chỉ tiêu: ${err.message}`;
    }
  }
  return `Không tải được các chỉ tiêu: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * "Mục tiêu 2030": the resolution's seven targets for a year from `targets(year)`, each with its
 * value, target, met or not, trend since 2025 and breakdowns by body and unit. Asked again each
 * time the view is shown (quality records write no board event to refresh it by).
 */
export function TargetsView(props: { token: string; role: string; hidden: boolean; onAuthFailed(err: unknown): boolean }) {
  const years = targetYears();
  const [year, setYear] = useState(years[years.length - 1]!);
  const [entries, setEntries] = useState<TargetEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const request = useRef(0);
  const { token, role, hidden, onAuthFailed } = props;

  useEffect(() => {
    if (hidden) return;
    const mine = ++request.current;
    setLoading(true);
    gql<{ targets: TargetEntry[] }>(TARGETS, { year, unitsFirst: UNITS_FIRST }, token)
      .then((d) => {
        if (mine !== request.current) return;
        setEntries(d.targets);
        setError(null);
      })
      .catch((err: unknown) => {
        if (mine !== request.current || onAuthFailed(err)) return;
        setEntries(null);
        setError(errorText(err, role, year));
      })
      .finally(() => mine === request.current && setLoading(false));
  }, [year, token, role, hidden, onAuthFailed]);

  // While another year loads, the last one stays on screen, dimmed.
  const shown = entries;
  const shownYear = shown?.[0]?.year ?? year;
  const met = shown?.filter((e) => e.met === true).length ?? 0;
  return (
    <main class="content targets" hidden={hidden} data-testid="targets-view" aria-busy={loading}>
      <div class="targets-head">
        <div>
          <h2 class="targets-title">Mục tiêu cụ thể đến năm 2030</h2>
          <p class="targets-lead">
            Bảy chỉ tiêu của Nghị quyết về xây dựng đội ngũ cán bộ phường An Biên, nhiệm kỳ 2025 - 2030 (mục II.3)
          </p>
        </div>
        <div class="targets-controls">
          {shown ? (
            <div class="targets-score" data-testid="targets-score">
              Năm {shownYear}: đạt <b>{met}</b>/{shown.length} chỉ tiêu
            </div>
          ) : null}
          <div class="year-picker" role="group" aria-label="Năm">
            <span class="year-picker-label">Năm</span>
            {years.map((y) => (
              <button
                key={y}
                type="button"
                class={`year-button ${y === year ? 'is-active' : ''}`}
                aria-pressed={y === year}
                data-testid={`year-${y}`}
                onClick={() => setYear(y)}
              >
                {y}
              </button>
            ))}
          </div>
        </div>
      </div>
      {role === 'UNIT_HEAD' ? (
        <p class="note" data-testid="targets-scope">
          Số liệu trong phạm vi đơn vị của tài khoản và các đơn vị trực thuộc.
        </p>
      ) : null}
      {error ? (
        <div role="alert" data-testid="targets-error">
          <ErrorNote error={error} />
        </div>
      ) : null}
      {!shown && !error ? <p class="empty">Đang tải số liệu…</p> : null}
      {shown ? (
        <>
          <Overview entries={shown} />
          <div class={`target-list ${loading ? 'is-loading' : ''}`} data-testid="target-list" data-year={shownYear}>
            {shown.map((e) => (
              <TargetCard key={e.code} entry={e} />
            ))}
          </div>
          <footer class="footnote">
            Tỷ lệ tính trên cán bộ, công chức làm việc tại phường trong năm (chỉ tiêu 7: trên thủ tục hành chính đã giải quyết).
            Chỉ tiêu 3 và 4 không có mức cụ thể trong Nghị quyết: so với kết quả năm 2025 của cùng phạm vi. Danh sách hồ sơ của
            từng số liệu: truy vấn <code>targetRecords</code>.
          </footer>
        </>
      ) : null}
    </main>
  );
}

// ------------------------------------------------------------------ the seven at a glance

function Overview({ entries }: { entries: TargetEntry[] }) {
  return (
    <ol class="targets-overview" aria-label="Tóm tắt">
      {entries.map((e) => (
        <li key={e.code}>
          <button
            type="button"
            class={`overview-tile met-${metKey(e.met)}`}
            onClick={() => document.getElementById(`target-${e.code}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
          >
            <span class="overview-number">{e.number}</span>
            <span class="overview-title">{TARGET_TITLE[e.code] ?? e.code}</span>
            <span class="overview-value">{e.value === null ? '—' : formatPercent(e.value)}</span>
            <MetMark met={e.met} small />
          </button>
        </li>
      ))}
    </ol>
  );
}

function MetMark({ met, small }: { met: boolean | null; small?: boolean }) {
  const key = metKey(met);
  return (
    <span class={`met-mark met-${key} ${small ? 'met-small' : ''}`} data-testid="target-met" data-met={key}>
      <span aria-hidden="true">{met === true ? '✓' : met === false ? '✗' : '–'}</span> {MET_TEXT[key]}
    </span>
  );
}

// ------------------------------------------------------------------ one target

function Progress({ value, target, met }: { value: number | null; target: number | null; met: boolean | null }) {
  return (
    <div class="progress" aria-hidden="true">
      <span class={`progress-fill met-${metKey(met)}`} style={{ width: `${Math.min(100, value ?? 0)}%` }} />
      {target !== null ? <span class="progress-goal" style={{ left: `${Math.min(100, target)}%` }} /> : null}
    </div>
  );
}

function TargetCard({ entry: e }: { entry: TargetEntry }) {
  return (
    <article
      class={`target-card met-${metKey(e.met)}`}
      id={`target-${e.code}`}
      data-testid="target-card"
      data-code={e.code}
      data-number={e.number}
      data-value={e.value ?? ''}
      data-target={e.target ?? ''}
    >
      <div class="target-main">
        <header class="target-head">
          <span class="target-number">{e.number}</span>
          <h3 class="target-name">{TARGET_TITLE[e.code] ?? e.code}</h3>
          <MetMark met={e.met} />
        </header>
        <p class="target-text" data-testid="target-text">
          {e.text}
        </p>
        <div class="target-figures">
          <div>
            <div class="figure-label">Kết quả năm {e.year}</div>
            <div class="figure-value" data-testid="target-value">
              {e.value === null ? '—' : formatPercent(e.value)}
            </div>
          </div>
          <div>
            <div class="figure-label">Mục tiêu</div>
            <div class="figure-goal" data-testid="target-goal">
              {goalText(e)}
            </div>
          </div>
        </div>
        <Progress value={e.value} target={e.target} met={e.met} />
        <div class="target-count">{countText(e)}</div>
        {e.parts.length ? (
          <ul class="target-parts" data-testid="target-parts">
            {e.parts.map((p) => (
              <li key={p.label}>
                <span>{p.label}</span>
                <b>{p.value === null ? '—' : formatPercent(p.value)}</b>
                <span class="muted">
                  {formatCount(p.numerator)}/{formatCount(p.denominator)}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div class="target-trend">
        <h4 class="target-sub">Diễn biến từ năm {e.baselineYear}</h4>
        <TargetTrendChart trend={e.trend} target={e.target} label={`Chỉ tiêu ${e.number}`} />
        <div class="trend-legend">
          <span class="legend-line" /> Kết quả <span class="legend-line legend-goal" /> Mục tiêu{' '}
          <span class="legend-dot met-true" /> Đạt <span class="legend-dot met-false" /> Chưa đạt
        </div>
      </div>
      <Breakdowns entry={e} />
    </article>
  );
}

function BreakdownRows({ rows, testid }: { rows: TargetBreakdownRow[]; testid: string }) {
  return (
    <ul class="breakdown" data-testid={testid}>
      {rows.map((r) => (
        <li
          key={r.key}
          class={`breakdown-row met-${metKey(r.met)}`}
          data-testid="breakdown-row"
          data-key={r.key}
          data-met={metKey(r.met)}
        >
          <span class="breakdown-label" title={r.label}>
            {r.label}
          </span>
          <span class="breakdown-bar">
            <span class="breakdown-fill" style={{ width: `${Math.min(100, r.value ?? 0)}%` }} />
            {r.target !== null ? <span class="breakdown-goal" style={{ left: `${Math.min(100, r.target)}%` }} /> : null}
          </span>
          <span class="breakdown-value" title={`${formatCount(r.numerator)}/${formatCount(r.denominator)}`}>
            {r.value === null ? '—' : formatPercent(r.value)}
          </span>
          <span class="breakdown-met" aria-label={MET_TEXT[metKey(r.met)]} title={MET_TEXT[metKey(r.met)]}>
            {r.met === true ? '✓' : r.met === false ? '✗' : '–'}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Breakdowns({ entry: e }: { entry: TargetEntry }) {
  const [all, setAll] = useState(false);
  const units = all ? e.byUnit : e.byUnit.slice(0, UNITS_SHOWN);
  const hiddenUnits = e.byUnit.length - units.length;
  return (
    <div class="target-breakdowns">
      <h4 class="target-sub">Theo khối</h4>
      {e.byBody.length ? <BreakdownRows rows={e.byBody} testid="by-body" /> : <p class="empty">Chưa có số liệu.</p>}
      <h4 class="target-sub">
        Theo đơn vị <span class="muted">({formatCount(e.unitCount)} đơn vị, thấp nhất ở trên)</span>
      </h4>
      {e.byUnit.length ? <BreakdownRows rows={units} testid="by-unit" /> : <p class="empty">Chưa có số liệu.</p>}
      {hiddenUnits > 0 ? (
        <button type="button" class="link-button more-units" onClick={() => setAll(true)} data-testid="more-units">
          Xem thêm {formatCount(hiddenUnits)} đơn vị
        </button>
      ) : all && e.byUnit.length > UNITS_SHOWN ? (
        <button type="button" class="link-button more-units" onClick={() => setAll(false)}>
          Thu gọn
        </button>
      ) : null}
      {e.unitCount > e.byUnit.length ? (
        <p class="muted">Còn {formatCount(e.unitCount - e.byUnit.length)} đơn vị khác không hiển thị.</p>
      ) : null}
    </div>
  );
}
