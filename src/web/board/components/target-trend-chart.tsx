import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { TargetTrendPoint } from './targets-data';
import { formatPercent } from './targets-data';

const HEIGHT = 132;
const MET = '#15803d';
const NOT_MET = '#c62828';
const NO_DATA = '#94a3b8';

/**
 * The range shown: the values and the target with some room, in steps of 10, within 0-100, so
 * a move of a few points is visible and 100% still reads as the top.
 */
function yRange(values: Array<number | null>, target: number | null): [number, number] {
  const all = [...values, target].filter((v): v is number => v !== null);
  if (!all.length) return [0, 100];
  const lo = Math.max(0, Math.floor((Math.min(...all) - 8) / 10) * 10);
  const hi = Math.min(100, Math.ceil((Math.max(...all) + 8) / 10) * 10);
  return hi - lo >= 20 ? [lo, hi] : [Math.max(0, hi - 20), Math.max(hi, 20)];
}

/**
 * A target's value each year since 2025 (a line with a point per year, green where that year met
 * the target, red where not, its value written above it) and the target as a dashed line.
 */
export function TargetTrendChart({ trend, target, label }: { trend: TargetTrendPoint[]; target: number | null; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const years = trend.map((p) => p.year);
    const values = trend.map((p) => p.value);
    const first = years[0] ?? 2025;
    const last = years[years.length - 1] ?? first;
    const [lo, hi] = yRange(values, target);
    const width = () => Math.max(el.clientWidth, 180);

    // Each year's point in its colour with its value above it (uPlot colours a series' points alike).
    const drawPoints = (u: uPlot) => {
      const ctx = u.ctx;
      const ratio = devicePixelRatio || 1;
      ctx.save();
      ctx.font = `600 ${11 * ratio}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      trend.forEach((p, i) => {
        if (p.value === null) return;
        const x = u.valToPos(years[i]!, 'x', true);
        const y = u.valToPos(p.value, 'y', true);
        ctx.beginPath();
        ctx.arc(x, y, 5 * ratio, 0, 2 * Math.PI);
        ctx.fillStyle = p.met === true ? MET : p.met === false ? NOT_MET : NO_DATA;
        ctx.fill();
        ctx.lineWidth = 1.5 * ratio;
        ctx.strokeStyle = '#fff';
        ctx.stroke();
        ctx.fillStyle = '#1f2328';
        const above = y - 9 * ratio;
        ctx.fillText(formatPercent(p.value), x, above < 12 * ratio ? y + 18 * ratio : above);
      });
      ctx.restore();
    };

    const opts: uPlot.Options = {
      width: width(),
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      padding: [14, 22, 0, 10],
      scales: {
        x: { time: false, range: [first - 0.45, last + 0.45] },
        y: { range: [lo, hi] },
      },
      axes: [
        {
          stroke: '#57606a',
          grid: { show: false },
          ticks: { show: false },
          splits: () => years,
          values: (_u, splits) => splits.map((v) => String(v)),
          font: '11px system-ui, sans-serif',
          size: 26,
        },
        {
          stroke: '#57606a',
          grid: { stroke: '#eceef1', width: 1 },
          ticks: { show: false },
          size: 38,
          splits: () => [lo, (lo + hi) / 2, hi],
          values: (_u, splits) => splits.map((v) => `${Math.round(v)}%`),
          font: '11px system-ui, sans-serif',
        },
      ],
      series: [
        {},
        { label: 'Kết quả', stroke: '#1d4ed8', width: 2, points: { show: false }, spanGaps: true },
        { label: 'Mục tiêu', stroke: '#b45309', width: 1.5, dash: [6, 4], points: { show: false } },
      ],
      hooks: { draw: [drawPoints] },
    };
    // The target line runs across the whole chart, not only between the first and last year.
    const data: uPlot.AlignedData = [
      [first - 0.45, ...years, last + 0.45],
      [null, ...values, null],
      [target, ...years.map(() => target), target],
    ];
    plot.current?.destroy();
    plot.current = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: width(), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [trend, target]);

  const summary = trend.map((p) => `${p.year}: ${p.value === null ? 'chưa có số liệu' : formatPercent(p.value)}`).join('; ');
  return (
    <div
      class="trend-chart"
      ref={host}
      role="img"
      aria-label={`${label}, ${summary}`}
      data-testid="target-trend"
      data-points={trend.length}
    />
  );
}
