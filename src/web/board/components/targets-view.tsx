import '../targets.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { pageAccess } from '../access';
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
  TARGETS,
  type TargetBreakdownRow,
  type TargetEntry,
  type TargetPart,
  type TargetVerdict,
  targetYears,
  UNITS_FIRST,
  VERDICT_TEXT,
  verdictKey,
} from './targets-data';
import { type RecordsRequest, TargetRecordsDrawer } from './target-records';

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
  const [records, setRecords] = useState<RecordsRequest | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const { token, role, hidden, onAuthFailed } = props;
  const canOpen = pageAccess(role).targetRecords;
  const open = canOpen ? setRecords : undefined;

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
  const met = shown?.filter((e) => e.verdict === 'MET').length ?? 0;
  const partly = shown?.filter((e) => e.verdict === 'PARTLY_MET').length ?? 0;
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
              {partly ? (
                <>
                  , đạt một phần <b>{partly}</b>
                </>
              ) : null}
            </div>
          ) : null}
          {shown ? (
            <button
              type="button"
              class="link-button export-button"
              data-testid="targets-export"
              onClick={() => {
                setExportError(null);
                downloadExport(token, shownYear).catch((err: unknown) =>
                  setExportError(`Không tải được tệp XLSX: ${err instanceof Error ? err.message : String(err)}`),
                );
              }}
            >
              Tải bảng số liệu (XLSX)
            </button>
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
      {exportError ? <ErrorNote error={exportError} /> : null}
      {!shown && !error ? <p class="empty">Đang tải số liệu…</p> : null}
      {shown ? (
        <>
          <Overview entries={shown} />
          <div class={`target-list ${loading ? 'is-loading' : ''}`} data-testid="target-list" data-year={shownYear}>
            {shown.map((e) => (
              <TargetCard key={e.code} entry={e} onOpen={open} />
            ))}
          </div>
          <footer class="footnote">
            Mỗi chỉ tiêu được đánh giá theo từng nội dung Nghị quyết nêu: đạt khi mọi nội dung đều đạt, đạt một phần khi chỉ một
            số nội dung đạt. Tỷ lệ tính trên cán bộ, công chức làm việc tại phường trong năm (chỉ tiêu 7: trên hồ sơ thủ tục hành
            chính đã giải quyết). Nội dung nào Nghị quyết chỉ yêu cầu “tăng” được so với kết quả năm 2025 của cùng phạm vi.
            {canOpen ? ' Bấm vào một số liệu để xem danh sách hồ sơ được tính.' : null}
          </footer>
        </>
      ) : null}
      {records ? <TargetRecordsDrawer token={token} request={records} onClose={() => setRecords(null)} /> : null}
    </main>
  );
}

// ------------------------------------------------------------------ the seven at a glance

/** Fetches the year's XLSX with the session's token (a plain link would not send it) and saves it. */
async function downloadExport(token: string, year: number): Promise<void> {
  const res = await fetch(`/exports/targets.xlsx?year=${year}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { errors?: Array<{ message?: string }> } | null;
    throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `chi-tieu-2030-nam-${year}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Overview({ entries }: { entries: TargetEntry[] }) {
  return (
    <ol class="targets-overview" aria-label="Tóm tắt">
      {entries.map((e) => (
        <li key={e.code}>
          <button
            type="button"
            class={`overview-tile met-${metKey(e.met)} verdict-${verdictKey(e.verdict)}`}
            onClick={() => document.getElementById(`target-${e.code}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
          >
            <span class="overview-number">{e.number}</span>
            <span class="overview-title">{e.title}</span>
            <span class="overview-value">
              {e.parts.filter((p) => p.judged && p.met === true).length}/{e.parts.filter((p) => p.judged).length}
              <span class="overview-unit"> nội dung đạt</span>
            </span>
            <VerdictMark verdict={e.verdict} small />
          </button>
        </li>
      ))}
    </ol>
  );
}

const VERDICT_SIGN = { MET: '✓', PARTLY_MET: '◐', NOT_MET: '✗', null: '–' } as const;

/** Đạt, Đạt một phần or Chưa đạt (data-met keeps met: true only when every part is met). */
function VerdictMark({ verdict, small }: { verdict: TargetVerdict | null; small?: boolean }) {
  const key = verdictKey(verdict);
  const met = verdict === null ? 'null' : verdict === 'MET' ? 'true' : 'false';
  return (
    <span
      class={`met-mark met-${met} verdict-${key} ${small ? 'met-small' : ''}`}
      data-testid="target-met"
      data-met={met}
      data-verdict={key}
    >
      <span aria-hidden="true">{VERDICT_SIGN[key]}</span> {VERDICT_TEXT[key]}
    </span>
  );
}

function PartMark({ part }: { part: TargetPart }) {
  if (!part.judged)
    return (
      <span class="part-met met-null" data-testid="part-met" data-met="reference">
        Để tham khảo
      </span>
    );
  const key = metKey(part.met);
  return (
    <span class={`part-met met-${key}`} data-testid="part-met" data-met={key}>
      <span aria-hidden="true">{part.met === true ? '✓' : part.met === false ? '✗' : '–'}</span> {MET_TEXT[key]}
    </span>
  );
}

/** A figure that opens the records it counts, for the roles that may read them. */
function FigureLink(props: { text: string; title: string; onOpen?: (() => void) | undefined; testid: string }) {
  return props.onOpen ? (
    <button type="button" class="figure-link" title={props.title} onClick={props.onOpen} data-testid={props.testid}>
      {props.text}
    </button>
  ) : (
    <span data-testid={props.testid}>{props.text}</span>
  );
}

function PartRow({
  entry: e,
  part: p,
  onOpen,
}: {
  entry: TargetEntry;
  part: TargetPart;
  onOpen?: ((r: RecordsRequest) => void) | undefined;
}) {
  const open = onOpen
    ? () => onOpen({ target: e.code, targetNumber: e.number, year: e.year, part: p.key, title: p.label, measure: p.measure })
    : undefined;
  return (
    <li
      class={`target-part met-${metKey(p.met)}`}
      data-testid="target-part"
      data-key={p.key}
      data-met={p.judged ? metKey(p.met) : 'reference'}
    >
      <div class="part-head">
        <span class="part-label">{p.label}</span>
        <PartMark part={p} />
      </div>
      <div class="part-figures">
        <span class="part-value">
          <FigureLink
            text={p.value === null ? '—' : formatPercent(p.value)}
            title="Xem danh sách hồ sơ được tính"
            onOpen={open}
            testid="part-value"
          />
          <span class="muted">
            {' '}
            ({formatCount(p.numerator)}/{formatCount(p.denominator)})
          </span>
        </span>
        <span class="part-goal" data-testid="part-goal">
          Mục tiêu:{' '}
          {p.judged ? goalText({ comparison: p.comparison, target: p.target, baselineYear: p.baselineYear }) : 'không đặt mức'}
        </span>
        <span class="part-baseline" data-testid="part-baseline">
          Năm {p.baselineYear}: {p.baselineValue === null ? '—' : formatPercent(p.baselineValue)}{' '}
          <span class="muted">
            ({formatCount(p.baselineNumerator)}/{formatCount(p.baselineDenominator)})
          </span>
        </span>
      </div>
      <p class="part-measure" data-testid="part-measure">
        {p.proxy ? (
          <span class="proxy-badge" title="Số liệu thay thế: hệ thống chưa đo trực tiếp nội dung này">
            Đo gián tiếp
          </span>
        ) : null}{' '}
        Cách tính: {p.measure}
        {p.targetNote ? ` ${p.targetNote}.` : null}
      </p>
    </li>
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

function TargetCard({ entry: e, onOpen }: { entry: TargetEntry; onOpen?: ((r: RecordsRequest) => void) | undefined }) {
  const openAll = onOpen
    ? () => onOpen({ target: e.code, targetNumber: e.number, year: e.year, part: null, title: e.title, measure: countText(e) })
    : undefined;
  return (
    <article
      class={`target-card met-${metKey(e.met)} verdict-${verdictKey(e.verdict)}`}
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
          <h3 class="target-name">{e.title}</h3>
          <VerdictMark verdict={e.verdict} />
        </header>
        <blockquote class="target-text" data-testid="target-text">
          {e.text}
        </blockquote>
        <div class="target-figures">
          <div>
            <div class="figure-label">Kết quả năm {e.year}</div>
            <div class="figure-value">
              <FigureLink
                text={e.value === null ? '—' : formatPercent(e.value)}
                title="Xem danh sách hồ sơ được tính"
                onOpen={openAll}
                testid="target-value"
              />
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
        {e.resolutionStates ? (
          <p class="stated-count" data-testid="stated-count">
            Năm {e.resolutionStates.year}: hồ sơ có {formatCount(e.resolutionStates.countedCadres)} cán bộ, công chức (
            {formatCount(e.resolutionStates.countedManagers)} cán bộ quản lý); Nghị quyết nêu{' '}
            <b>{formatCount(e.resolutionStates.statedCadres)}</b> ({formatCount(e.resolutionStates.statedManagers)} cán bộ quản
            lý). {e.resolutionStates.note}
          </p>
        ) : null}
        <h4 class="target-sub">Đánh giá theo từng nội dung</h4>
        <ul class="target-parts" data-testid="target-parts">
          {e.parts.map((p) => (
            <PartRow key={p.key} entry={e} part={p} onOpen={onOpen} />
          ))}
        </ul>
      </div>
      <div class="target-trend">
        <h4 class="target-sub">Diễn biến từ năm {e.baselineYear}</h4>
        <TargetTrendChart trend={e.trend} target={e.target} label={`Chỉ tiêu ${e.number}`} />
        <div class="trend-legend">
          <span class="legend-line" /> Kết quả <span class="legend-line legend-goal" /> Mục tiêu{' '}
          <span class="legend-dot met-true" /> Đạt mọi nội dung <span class="legend-dot met-false" /> Chưa đạt hết
        </div>
      </div>
      <Breakdowns entry={e} onOpen={onOpen} />
    </article>
  );
}

function BreakdownRows({
  entry: e,
  rows,
  testid,
  onOpen,
}: {
  entry: TargetEntry;
  rows: TargetBreakdownRow[];
  testid: string;
  onOpen?: ((r: RecordsRequest) => void) | undefined;
}) {
  // A row opens the records it counts, like the figures above (for the roles that may read them).
  const open = (r: TargetBreakdownRow) =>
    onOpen
      ? () =>
          onOpen({
            target: e.code,
            targetNumber: e.number,
            year: e.year,
            part: null,
            row: r.key,
            rowLabel: r.label,
            title: e.title,
            measure: countText(e),
          })
      : undefined;
  return (
    <ul class="breakdown" data-testid={testid}>
      {rows.map((r) => (
        <li
          key={r.key}
          class={`breakdown-row met-${metKey(r.met)}`}
          data-testid="breakdown-row"
          data-key={r.key}
          data-met={metKey(r.met)}
          data-verdict={verdictKey(r.verdict)}
        >
          <span class="breakdown-label" title={r.label}>
            {r.label}
          </span>
          <span class="breakdown-bar">
            <span class="breakdown-fill" style={{ width: `${Math.min(100, r.value ?? 0)}%` }} />
            {r.target !== null ? <span class="breakdown-goal" style={{ left: `${Math.min(100, r.target)}%` }} /> : null}
          </span>
          <span class="breakdown-value" title={`${formatCount(r.numerator)}/${formatCount(r.denominator)}`}>
            <FigureLink
              text={r.value === null ? '—' : formatPercent(r.value)}
              title={`Xem hồ sơ được tính: ${r.label} (${formatCount(r.numerator)}/${formatCount(r.denominator)})`}
              onOpen={open(r)}
              testid="breakdown-value"
            />
          </span>
          <span
            class="breakdown-met"
            aria-label={VERDICT_TEXT[verdictKey(r.verdict)]}
            title={VERDICT_TEXT[verdictKey(r.verdict)]}
          >
            {VERDICT_SIGN[verdictKey(r.verdict)]}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Breakdowns({ entry: e, onOpen }: { entry: TargetEntry; onOpen?: ((r: RecordsRequest) => void) | undefined }) {
  const [all, setAll] = useState(false);
  const units = all ? e.byUnit : e.byUnit.slice(0, UNITS_SHOWN);
  const hiddenUnits = e.byUnit.length - units.length;
  return (
    <div class="target-breakdowns">
      <h4 class="target-sub">Theo khối</h4>
      {e.byBody.length ? (
        <BreakdownRows entry={e} rows={e.byBody} testid="by-body" onOpen={onOpen} />
      ) : (
        <p class="empty">Chưa có số liệu.</p>
      )}
      <h4 class="target-sub">
        Theo đơn vị <span class="muted">({formatCount(e.unitCount)} đơn vị, thấp nhất ở trên)</span>
      </h4>
      {e.byUnit.length ? (
        <BreakdownRows entry={e} rows={units} testid="by-unit" onOpen={onOpen} />
      ) : (
        <p class="empty">Chưa có số liệu.</p>
      )}
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
