import '../targets.css';
import { useEffect, useState } from 'preact/hooks';

/** The board page's views: the live board, the resolution's 2030 targets, and the intake desk. */
export type BoardView = 'board' | 'targets' | 'desk';

/** The address of each view: a hash, so switching never reloads the page nor its live connection. */
const HASH: Record<BoardView, string> = { board: '', targets: '#muc-tieu-2030', desk: '#tiep-nhan' };

function viewOf(hash: string): BoardView {
  return hash === HASH.targets ? 'targets' : hash === HASH.desk ? 'desk' : 'board';
}

/**
 * The view shown, kept in the address (a reload or a shared link opens the same view, Back
 * returns to the previous one), and the views opened so far: those stay mounted, hidden, so
 * coming back keeps their state.
 */
export function useBoardView(
  views: readonly BoardView[] = ['board', 'targets'],
): [BoardView, (v: BoardView) => void, ReadonlySet<BoardView>] {
  // A view the account may not see is never shown, whatever the address says.
  const allowed = (v: BoardView) => (views.includes(v) ? v : views[0]!);
  const [view, setView] = useState<BoardView>(() => allowed(viewOf(location.hash)));
  const [opened, setOpened] = useState<ReadonlySet<BoardView>>(() => new Set([view]));
  useEffect(() => {
    const onHash = () => setView(allowed(viewOf(location.hash)));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    setOpened((s) => (s.has(view) ? s : new Set([...s, view])));
  }, [view]);
  const go = (v: BoardView) => {
    if (v === view || !views.includes(v)) return;
    // Setting the hash adds a history entry and fires hashchange; the board view has none.
    if (HASH[v]) location.hash = HASH[v];
    else history.pushState(null, '', location.pathname + location.search);
    setView(v);
  };
  return [view, go, opened];
}

const TABS: Array<{ view: BoardView; label: string }> = [
  { view: 'board', label: 'Bảng giám sát' },
  { view: 'desk', label: 'Tiếp nhận' },
  { view: 'targets', label: 'Mục tiêu 2030' },
];

export function ViewTabs({
  view,
  views,
  onChange,
}: {
  view: BoardView;
  views: readonly BoardView[];
  onChange(v: BoardView): void;
}) {
  return (
    <nav class="view-tabs" role="tablist" aria-label="Màn hình">
      {TABS.filter((t) => views.includes(t.view)).map((t) => (
        <a
          key={t.view}
          href={HASH[t.view] || location.pathname}
          role="tab"
          aria-selected={view === t.view}
          class={`view-tab ${view === t.view ? 'is-active' : ''}`}
          data-testid={`tab-${t.view}`}
          onClick={(e) => {
            e.preventDefault();
            onChange(t.view);
          }}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}
