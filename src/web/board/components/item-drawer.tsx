import { useEffect, useState } from 'preact/hooks';
import { ApiError, gql } from '../api';
import { DISCIPLINE_STATUS, DISCIPLINE_SUBJECT, INSPECTION_STATUS, label } from '../labels';
import { ErrorNote } from './panels';

/** An inspection or a discipline case opened from the feed (reports open in the report drawer). */
export interface OpenItem {
  type: 'INSPECTION' | 'DISCIPLINE_CASE';
  id: string;
}

const INSPECTION = /* GraphQL */ `
  query BoardInspection($id: ID!) {
    inspection(id: $id) {
      id
      title
      status
      periodFrom
      periodTo
      decisionNumber
      decisionDate
      conclusion
      subjectUnit {
        name
      }
      subjectCadre {
        fullName
      }
    }
  }
`;

const DISCIPLINE_CASE = /* GraphQL */ `
  query BoardDisciplineCase($id: ID!) {
    disciplineCase(id: $id) {
      id
      subjectType
      status
      violationSummary
      violationDate
      decisionNumber
      decisionDate
      cadre {
        fullName
      }
      unit {
        name
      }
    }
  }
`;

interface Fact {
  term: string;
  value: string;
}

const day = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '—');

async function loadItem(item: OpenItem, token: string): Promise<{ title: string; facts: Fact[] }> {
  if (item.type === 'INSPECTION') {
    const { inspection: i } = await gql<{
      inspection: {
        title: string;
        status: string;
        periodFrom: string;
        periodTo: string;
        decisionNumber: string | null;
        decisionDate: string | null;
        conclusion: string | null;
        subjectUnit: { name: string } | null;
        subjectCadre: { fullName: string } | null;
      };
    }>(INSPECTION, { id: item.id }, token);
    return {
      title: i.title,
      facts: [
        { term: 'Đối tượng', value: i.subjectCadre ? `Đồng chí ${i.subjectCadre.fullName}` : (i.subjectUnit?.name ?? '—') },
        { term: 'Bước', value: label(INSPECTION_STATUS, i.status) },
        { term: 'Thời kỳ kiểm tra', value: `${day(i.periodFrom)} – ${day(i.periodTo)}` },
        { term: 'Quyết định', value: i.decisionNumber ? `Số ${i.decisionNumber}, ngày ${day(i.decisionDate)}` : 'Chưa có' },
        ...(i.conclusion ? [{ term: 'Kết luận', value: i.conclusion }] : []),
      ],
    };
  }
  const { disciplineCase: c } = await gql<{
    disciplineCase: {
      subjectType: string;
      status: string;
      violationSummary: string;
      violationDate: string;
      decisionNumber: string | null;
      decisionDate: string | null;
      cadre: { fullName: string } | null;
      unit: { name: string } | null;
    };
  }>(DISCIPLINE_CASE, { id: item.id }, token);
  const who = c.cadre ? `Đồng chí ${c.cadre.fullName}` : (c.unit?.name ?? '—');
  return {
    title: `Hồ sơ kỷ luật: ${who}`,
    facts: [
      { term: 'Đối tượng', value: `${who} (${label(DISCIPLINE_SUBJECT, c.subjectType)})` },
      { term: 'Bước', value: label(DISCIPLINE_STATUS, c.status) },
      { term: 'Vi phạm', value: `${c.violationSummary} (${day(c.violationDate)})` },
      { term: 'Quyết định', value: c.decisionNumber ? `Số ${c.decisionNumber}, ngày ${day(c.decisionDate)}` : 'Chưa có' },
    ],
  };
}

/** The inspection or discipline case a feed line is about. */
export function ItemDrawer(props: { item: OpenItem; token: string; onClose(): void }) {
  const { item, token, onClose } = props;
  const [shown, setShown] = useState<{ title: string; facts: Fact[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setShown(null);
    setError(null);
    loadItem(item, token)
      .then((d) => !cancelled && setShown(d))
      .catch(
        (err: unknown) =>
          !cancelled && setError(err instanceof ApiError || err instanceof Error ? err.message : 'Không tải được hồ sơ'),
      );
    return () => {
      cancelled = true;
    };
  }, [item.type, item.id, token]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div class="drawer-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        class="drawer"
        role="dialog"
        aria-label={item.type === 'INSPECTION' ? 'Cuộc kiểm tra' : 'Hồ sơ kỷ luật'}
        data-testid="item-drawer"
      >
        <header class="drawer-head">
          <h2>{shown ? shown.title : item.type === 'INSPECTION' ? 'Cuộc kiểm tra' : 'Hồ sơ kỷ luật'}</h2>
          <button type="button" class="ghost" onClick={onClose} aria-label="Đóng">
            ✕
          </button>
        </header>
        <ErrorNote error={error} />
        {shown ? (
          <dl class="facts">
            {shown.facts.map((f) => (
              <>
                <dt>{f.term}</dt>
                <dd>{f.value}</dd>
              </>
            ))}
          </dl>
        ) : null}
      </div>
    </div>
  );
}
