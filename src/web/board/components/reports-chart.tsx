import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { DayCount } from '../api';
import { formatDay } from '../labels';

const HEIGHT = 190;

/** Reports received per day (Vietnam's calendar days), oldest first, as bars. */
export function ReportsChart({ days }: { days: DayCount[] }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const labels = days.map((d) => formatDay(d.day));
    const data: uPlot.AlignedData = [days.map((_, i) => i), days.map((d) => d.count)];
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: false, range: [-0.6, Math.max(days.length - 0.4, 0.4)] },
        y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
      },
      axes: [
        {
          stroke: '#57606a',
          grid: { show: false },
          ticks: { show: false },
          space: 44,
          values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (labels[i] ?? '') : '')),
          font: '11px system-ui, sans-serif',
        },
        {
          stroke: '#57606a',
          grid: { stroke: '#e5e7eb', width: 1 },
          ticks: { show: false },
          size: 36,
          values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')),
          font: '11px system-ui, sans-serif',
        },
      ],
      series: [
        {},
        {
          label: 'Đơn thư',
          fill: '#b91c1c',
          stroke: '#991b1b',
          width: 0,
          paths: uPlot.paths.bars!({ size: [0.72, 28], gap: 1 }),
          points: { show: false },
        },
      ],
    };
    plot.current?.destroy();
    plot.current = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [days]);

  const total = days.reduce((s, d) => s + d.count, 0);
  return (
    <div>
      <div
        class="chart"
        ref={host}
        role="img"
        aria-label={`Đơn thư tiếp nhận mỗi ngày trong ${days.length} ngày qua: tổng ${total}`}
        data-testid="reports-chart"
      />
    </div>
  );
}
