import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql } from '../api';
import { ErrorNote } from './panels';
import { formatCount } from './targets-data';

/** Which figure's records to list: a target's headline figure (part null) or one of its parts. */
export interface RecordsRequest {
  target: string;
  targetNumber: number;
  year: number;
  part: string | null;
  /** One breakdown row's records (TargetBreakdownRow.key: a body or a unit id); null: the whole figure. */
  row?: string | null;
  /** The row's name, shown under the title. */
  rowLabel?: string;
  title: string;
  measure: string;
}

interface TargetRecord {
  kind: string;
  id: string;
  label: string;
  counted: boolean;
  flags: string[];
}

const RECORDS = /* GraphQL */ `
  query BoardTargetRecords($target: TargetCode!, $year: Int!, $part: String, $row: String, $counted: Boolean, $after: String) {
    targetRecords(target: $target, year: $year, part: $part, row: $row, counted: $counted, first: 50, after: $after) {
      totalCount
      nodes {
        kind
        id
        label
        counted
        flags
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const FLAG: Record<string, string> = {
  EXCELLENT: 'Hoàn thành xuất sắc',
  WELL: 'Hoàn thành tốt',
  COMPLETED: 'Hoàn thành',
  NOT_COMPLETED: 'Không hoàn thành',
  YOUNG: 'Cán bộ trẻ',
  FEMALE: 'Nữ',
  POSTGRADUATE: 'Sau đại học',
  CITIZEN_RECEPTION: 'Đã tập huấn tiếp dân',
  GOVERNANCE_AND_DIGITAL: 'Đã bồi dưỡng quản trị, công nghệ số',
  MANAGER: 'Lãnh đạo, quản lý',
};
const flagText = (f: string) => FLAG[f] ?? (/^\d$/.test(f) ? `mức ${f}` : f);

type Filter = 'all' | 'counted' | 'rest';
const FILTERS: Array<[Filter, string]> = [
  ['all', 'Tất cả'],
  ['counted', 'Được tính'],
  ['rest', 'Chưa được tính'],
];

/** The records one figure of "Mục tiêu 2030" counts (`targetRecords`), fifty at a time. */
export function TargetRecordsDrawer(props: { token: string; request: RecordsRequest; onClose(): void }) {
  const { token, request, onClose } = props;
  const [filter, setFilter] = useState<Filter>('all');
  const [nodes, setNodes] = useState<TargetRecord[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = (after: string | null, into: TargetRecord[]) =>
    gql<{
      targetRecords: { totalCount: number; nodes: TargetRecord[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    }>(
      RECORDS,
      {
        target: request.target,
        year: request.year,
        part: request.part,
        row: request.row ?? null,
        counted: filter === 'all' ? null : filter === 'counted',
        after,
      },
      token,
    )
      .then((d) => {
        setNodes([...into, ...d.targetRecords.nodes]);
        setTotal(d.targetRecords.totalCount);
        setNext(d.targetRecords.pageInfo.hasNextPage ? d.targetRecords.pageInfo.endCursor : null);
        setError(null);
      })
      .catch((err: unknown) =>
        setError(`Không tải được danh sách: ${err instanceof ApiError || err instanceof Error ? err.message : String(err)}`),
      );

  useEffect(() => {
    setNodes([]);
    setTotal(null);
    void load(null, []);
  }, [request, filter, token]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div class="drawer-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="drawer" role="dialog" aria-label="Hồ sơ được tính" data-testid="target-records">
        <header class="drawer-head">
          <h2>
            Chỉ tiêu {request.targetNumber}: {request.title} — năm {request.year}
          </h2>
          <button type="button" class="ghost" onClick={onClose} aria-label="Đóng">
            ✕
          </button>
        </header>
        {request.rowLabel ? (
          <p class="records-row" data-testid="records-row">
            {request.rowLabel}
          </p>
        ) : null}
        <p class="muted">{request.measure}</p>
        <div class="year-picker" role="group" aria-label="Lọc">
          {FILTERS.map(([key, text]) => (
            <button
              key={key}
              type="button"
              class={`year-button ${filter === key ? 'is-active' : ''}`}
              aria-pressed={filter === key}
              data-testid={`records-${key}`}
              onClick={() => setFilter(key)}
            >
              {text}
            </button>
          ))}
        </div>
        <ErrorNote error={error} />
        {total !== null ? (
          <p data-testid="records-total">
            {formatCount(total)} hồ sơ{filter === 'counted' ? ' được tính' : filter === 'rest' ? ' chưa được tính' : ''}
          </p>
        ) : (
          <p class="empty">Đang tải…</p>
        )}
        <ol class="target-records-list">
          {nodes.map((r) => (
            <li key={r.id} data-testid="target-record" data-counted={String(r.counted)}>
              <span aria-hidden="true">{r.counted ? '✓' : '✗'}</span> {r.label}
              {r.flags.length ? <span class="muted"> · {r.flags.map(flagText).join(', ')}</span> : null}
            </li>
          ))}
        </ol>
        {next ? (
          <button type="button" class="link-button" onClick={() => void load(next, nodes)}>
            Xem thêm
          </button>
        ) : null}
      </div>
    </div>
  );
}
