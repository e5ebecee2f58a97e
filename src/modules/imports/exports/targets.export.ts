import type { RequestContext } from '../../../graphql/context';
import type { TargetPartView, TargetsService, TargetView } from '../../quality/targets/targets.service';
import type { WorkbookBuilder } from '../xlsx-writer';

/** Units of the whole ward or province listed per target: every unit, not only the worst. */
const ALL_UNITS = 100_000;

const share = (v: number | null) => (v === null ? null : v / 100);
const VERDICT: Record<string, string> = { MET: 'Đạt', PARTLY_MET: 'Đạt một phần', NOT_MET: 'Chưa đạt' };
const verdict = (v: string | null) => (v === null ? 'Chưa đo được' : (VERDICT[v] ?? v));
const partMet = (p: TargetPartView) =>
  !p.judged ? 'Để tham khảo' : p.met === null ? 'Chưa đo được' : p.met ? 'Đạt' : 'Chưa đạt';
const percent = (v: number) => `${String(v).replace('.', ',')}%`;
/** The level in words, as the resolution writes it: "100%", "từ 95% trở lên", "trên 90%", "không thấp hơn năm 2025 (22,22%)". */
const goal = (t: Pick<TargetView, 'comparison' | 'target'>) => {
  if (t.comparison === 'NOT_BELOW_BASELINE')
    return t.target === null ? 'không thấp hơn năm 2025' : `không thấp hơn năm 2025 (${percent(t.target)})`;
  if (t.target === null) return '';
  if (t.comparison === 'ABOVE') return `trên ${percent(t.target)}`;
  return t.target === 100 ? '100%' : `từ ${percent(t.target)} trở lên`;
};

/**
 * The seven 2030 indicators of `year` as XLSX, for the Party Committee Office's periodic report:
 * "Chỉ tiêu" (each target: text, measured value, target, met, the counts behind it and its
 * parts), "Xu hướng" (each year since 2025), "Theo khối" and "Theo đơn vị" (the breakdowns,
 * every unit). Shares are written as numbers in a percent format, so they can be summed and
 * charted. The figures are `TargetsService.targets`' own (the same as the GraphQL `targets`), its
 * checks first (year, scope), before any byte is sent.
 */
export async function targetsExport(
  ctx: RequestContext,
  targets: TargetsService,
  year: number,
  unitId: string | null,
): Promise<(book: WorkbookBuilder) => Promise<void>> {
  const entries = await targets.targets(ctx, year, unitId, ALL_UNITS);
  return async (book) => {
    const main = book.sheet(`Chỉ tiêu ${year}`, [
      { header: 'STT', width: 5 },
      { header: 'Chỉ tiêu', width: 70 },
      { header: 'Năm', width: 7 },
      { header: 'Kết quả', width: 10, numFmt: '0.0%' },
      { header: 'Mục tiêu', width: 22 },
      { header: 'Đánh giá', width: 12 },
      { header: 'Tử số', width: 9 },
      { header: 'Mẫu số', width: 9 },
      { header: 'Thành phần', width: 40 },
      { header: 'Kết quả thành phần', width: 12, numFmt: '0.0%' },
      { header: 'Tử số thành phần', width: 10 },
      { header: 'Mẫu số thành phần', width: 10 },
      { header: 'Mục tiêu thành phần', width: 22 },
      { header: 'Đánh giá thành phần', width: 14 },
      { header: 'Năm 2025', width: 10, numFmt: '0.0%' },
      { header: 'Cách tính', width: 70 },
    ]);
    for (const t of entries) {
      main.row(
        [
          t.number,
          t.text,
          t.year,
          share(t.value),
          goal(t),
          verdict(t.verdict),
          t.numerator,
          t.denominator,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        { bold: true },
      );
      for (const p of t.parts)
        main.row([
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          p.label,
          share(p.value),
          p.numerator,
          p.denominator,
          p.judged ? goal(p) : '',
          partMet(p),
          share(p.baselineValue),
          [p.measure, p.targetNote].filter(Boolean).join(' '),
        ]);
      if (t.resolutionStates)
        main.row([
          null,
          t.resolutionStates.note,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
        ]);
    }
    main.done();

    const trend = book.sheet('Xu hướng', [
      { header: 'STT', width: 5 },
      { header: 'Chỉ tiêu', width: 50 },
      { header: 'Năm', width: 7 },
      { header: 'Kết quả', width: 10, numFmt: '0.0%' },
      { header: 'Đánh giá', width: 12 },
      { header: 'Tử số', width: 9 },
      { header: 'Mẫu số', width: 9 },
    ]);
    for (const t of entries)
      for (const p of t.trend)
        trend.row([t.number, t.text, p.year, share(p.value), verdict(p.verdict), p.numerator, p.denominator]);
    trend.done();

    for (const [name, pick] of [
      ['Theo khối', (t: TargetView) => t.byBody],
      ['Theo đơn vị', (t: TargetView) => t.byUnit],
    ] as const) {
      const sheet = book.sheet(name, [
        { header: 'STT', width: 5 },
        { header: 'Chỉ tiêu', width: 50 },
        { header: name === 'Theo khối' ? 'Khối' : 'Đơn vị', width: 40 },
        { header: 'Kết quả', width: 10, numFmt: '0.0%' },
        { header: 'Đánh giá', width: 12 },
        { header: 'Tử số', width: 9 },
        { header: 'Mẫu số', width: 9 },
      ]);
      for (const t of entries)
        for (const b of pick(t))
          sheet.row([t.number, t.text, b.label, share(b.value), verdict(b.verdict), b.numerator, b.denominator]);
      sheet.done();
    }
  };
}
