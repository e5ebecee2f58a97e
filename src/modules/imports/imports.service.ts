import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { MutationTransaction } from '../../graphql/request-context';
import { type Cell, cellText, columnLetter, fold } from './cells';
import type { ColumnSpec, ImportKind, ImportProblem, ParsedRow, RowOutcome } from './import-kind';
import { ImportRun } from './import-run.entity';
import { ImportErrors } from './imports.errors';
import { detectFormat, readSheet, type SheetFormat } from './sheet-reader';

/** A row of any kind, as the service handles them. */
type AnyRow = Record<string, unknown>;

/** Rows applied per savepoint. */
const APPLY_CHUNK = 1000;

export interface ImportLimits {
  /** Largest file accepted, in bytes; a larger one is refused before it is read. */
  maxFileBytes: number;
  /** Most data rows in one file. */
  maxRows: number;
}

export interface ImportOptions {
  /** Import the valid rows even when others have errors. */
  validOnly?: boolean;
  /** Do everything, then roll back: the report says what would happen. */
  dryRun?: boolean;
  onProgress?: (phase: 'read' | 'write', done: number, total: number) => void;
}

export type ImportOutcome = 'IMPORTED' | 'IMPORTED_VALID_ROWS' | 'REJECTED' | 'DRY_RUN';

/** The answer to an import, the same from the command and the upload endpoint. */
export interface ImportReport {
  kind: string;
  fileName: string;
  format: SheetFormat;
  sizeBytes: number;
  sha256: string;
  outcome: ImportOutcome;
  /** Whether anything was committed. */
  imported: boolean;
  dryRun: boolean;
  validOnly: boolean;
  /** Data rows read (blank rows are not counted). */
  rows: number;
  /** Rows with at least one problem. */
  invalidRows: number;
  /** Done (or, in a dry run or a rejected file, that would have been done). */
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
  /** The same file (same SHA-256) was imported before. */
  previousImport: { at: string; fileName: string } | null;
  /** One sentence in Vietnamese for the user. */
  message: string;
  /** Where the time went, in ms: reading and parsing the file, the checks against the database, the writes. */
  timings: { readMs: number; checkMs: number; writeMs: number };
}

interface BoundColumn<R> {
  spec: ColumnSpec<R>;
  /** 0-based index of the column in the sheet. */
  index: number;
  /** The header as the file writes it. */
  header: string;
}

/**
 * Runs imports: reads the file, validates every row (cells, duplicate keys, then the kind's
 * checks against the database), and only then writes, all in one transaction.
 */
export class ImportsService {
  private readonly kinds: Map<string, ImportKind<AnyRow>>;

  constructor(
    kinds: ReadonlyArray<ImportKind<never>>,
    readonly limits: ImportLimits,
  ) {
    this.kinds = new Map(kinds.map((k) => [k.name, k as unknown as ImportKind<AnyRow>]));
  }

  /** The kinds, for the README, the command's usage and the endpoint's 404. */
  kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  kind(name: string): ImportKind<AnyRow> {
    const kind = this.kinds.get(name);
    if (!kind) throw ImportErrors.unknownKind(name, this.kindNames());
    return kind;
  }

  /** Refuses a file over the size limit before anything reads it. */
  checkSize(sizeBytes: number): void {
    if (sizeBytes > this.limits.maxFileBytes) throw ImportErrors.tooLarge(sizeBytes, this.limits.maxFileBytes);
  }

  /**
   * Imports one file. `ctx` is the caller's context (not yet in a transaction): the import opens
   * its own and binds `ctx.manager` to it while it runs. File-level refusals (size, format, row
   * limit) throw; everything about rows and cells is in the report.
   */
  async run(
    dataSource: DataSource,
    ctx: RequestContext,
    kindName: string,
    file: { name: string; data: Buffer },
    opts: ImportOptions = {},
  ): Promise<ImportReport> {
    const kind = this.kind(kindName);
    this.checkSize(file.data.length);
    const format = detectFormat(file.name, file.data);
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const validOnly = opts.validOnly ?? false;
    const dryRun = opts.dryRun ?? false;
    const problems: ImportProblem[] = [];
    const badRows = new Set<number>();
    const timings = { readMs: 0, checkMs: 0, writeMs: 0 };
    let phaseStart = performance.now();
    const phase = (name: keyof typeof timings) => {
      const now = performance.now();
      timings[name] = Math.round(now - phaseStart);
      phaseStart = now;
    };
    const report = (
      outcome: ImportOutcome,
      counts: Record<RowOutcome, number>,
      rows: number,
      previous: ImportReport['previousImport'],
    ): ImportReport => ({
      kind: kind.name,
      fileName: file.name,
      format,
      sizeBytes: file.data.length,
      sha256,
      outcome,
      imported: outcome === 'IMPORTED' || outcome === 'IMPORTED_VALID_ROWS',
      dryRun,
      validOnly,
      rows,
      invalidRows: badRows.size,
      ...counts,
      problems: problems.sort(byRowThenColumn),
      previousImport: previous,
      message: summary(outcome, counts, problems.length, badRows.size, rows),
      timings,
    });

    // 1. Read and parse every row; no database yet.
    const { rows, total, columns } = await this.parse(kind, format, file.data, problems, badRows, opts.onProgress);
    phase('readMs');
    const noCounts = { created: 0, updated: 0, unchanged: 0 };
    if (!columns) return report('REJECTED', noCounts, 0, null);

    const byField = new Map(columns.map((c) => [c.spec.key, c]));
    const addProblem = (row: ParsedRow<AnyRow>, field: string | null, message: string): void => {
      const col = field ? byField.get(field) : undefined;
      const cellValue = col ? (row as ParsedRow<AnyRow> & { cells?: Cell[] }).cells?.[col.index] : undefined;
      problems.push({
        row: row.rowNumber,
        column: col ? columnLetter(col.index + 1) : null,
        header: col?.header ?? null,
        value: cellValue ? cellText(cellValue) : null,
        message,
      });
      badRows.add(row.rowNumber);
    };

    // 2. Check against the database and write, in one transaction.
    const tx = await MutationTransaction.begin(dataSource, ctx);
    let commit = false;
    try {
      const [previous] = (await ctx.manager.query(
        `SELECT at, file_name AS "fileName" FROM import_run WHERE kind = $1 AND sha256 = $2 ORDER BY at DESC LIMIT 1`,
        [kind.name, sha256],
      )) as Array<{ at: Date; fileName: string }>;
      const previousImport = previous ? { at: previous.at.toISOString(), fileName: previous.fileName } : null;
      const applier = await kind.prepare(ctx, rows, { add: addProblem });
      phase('checkMs');
      if (badRows.size && !validOnly && !dryRun) return report('REJECTED', noCounts, total, previousImport);

      const counts = { created: 0, updated: 0, unchanged: 0 };
      const note = `Nhập từ tệp ${file.name}`.slice(0, 1000);
      const valid = rows.filter((r) => !badRows.has(r.rowNumber));
      const toApply = applier.compare ? [...valid].sort((a, b) => applier.compare!(a, b)) : valid;
      for (let start = 0; start < toApply.length; start += APPLY_CHUNK) {
        const pending = toApply.slice(start, start + APPLY_CHUNK);
        // Each chunk in a savepoint: a row the register refuses is reported, the chunk rolled
        // back and applied again without it, so what is written never includes half a row.
        while (pending.length) {
          await ctx.manager.query('SAVEPOINT import_chunk');
          try {
            const outcomes = await applier.apply(ctx, pending, note);
            await ctx.manager.query('RELEASE SAVEPOINT import_chunk');
            for (const o of outcomes) counts[o]++;
            break;
          } catch (err) {
            await ctx.manager.query('ROLLBACK TO SAVEPOINT import_chunk');
            const index = err instanceof AppError ? err.details['index'] : undefined;
            // Anything but a refusal of one row (a failure of the database, a bug) ends the import, rolled back.
            if (!(err instanceof AppError) || typeof index !== 'number' || !pending[index]) throw err;
            const fields = (err.details['fields'] as Array<{ path: string }> | undefined) ?? [];
            const path = fields[0]?.path ?? (typeof err.details['field'] === 'string' ? err.details['field'] : undefined);
            addProblem(
              pending[index],
              path ? (applier.fieldOfPath?.(path) ?? null) : null,
              `hồ sơ từ chối dòng này: ${err.message}`,
            );
            pending.splice(index, 1);
          }
        }
        opts.onProgress?.('write', Math.min(start + APPLY_CHUNK, toApply.length), toApply.length);
      }
      phase('writeMs');
      const hasProblems = badRows.size > 0;
      if (dryRun) return report('DRY_RUN', counts, total, previousImport);
      if (hasProblems && !validOnly) return report('REJECTED', noCounts, total, previousImport);
      await ctx.manager.insert(ImportRun, {
        kind: kind.name,
        fileName: file.name.slice(0, 255),
        format,
        sha256,
        sizeBytes: file.data.length,
        accountId: ctx.account?.id ?? null,
        validOnly,
        rows: total,
        ...counts,
        skipped: badRows.size,
      });
      commit = true;
      return report(hasProblems ? 'IMPORTED_VALID_ROWS' : 'IMPORTED', counts, total, previousImport);
    } finally {
      await tx.finish(commit);
    }
  }

  /** Header, then every row's cells; problems go to the report. `columns` null: the header is wrong, nothing else was read. */
  private async parse(
    kind: ImportKind<AnyRow>,
    format: SheetFormat,
    data: Buffer,
    problems: ImportProblem[],
    badRows: Set<number>,
    onProgress: ImportOptions['onProgress'],
  ): Promise<{ rows: Array<ParsedRow<AnyRow> & { cells: Cell[] }>; total: number; columns: BoundColumn<AnyRow>[] | null }> {
    const rows: Array<ParsedRow<AnyRow> & { cells: Cell[] }> = [];
    let total = 0;
    const firstOfKey = new Map<string, number>();
    let columns: BoundColumn<AnyRow>[] | null = null;
    let headerSeen = false;
    for await (const { rowNumber, cells } of readSheet(format, data, (done) => onProgress?.('read', done, data.length))) {
      if (cells.every((c) => c.kind === 'empty' || (c.kind === 'text' && c.text.trim() === ''))) continue;
      if (!headerSeen) {
        headerSeen = true;
        columns = this.bindHeader(kind, rowNumber, cells, problems);
        if (!columns) {
          badRows.add(rowNumber);
          return { rows, total, columns: null };
        }
        continue;
      }
      if (++total > this.limits.maxRows) throw ImportErrors.tooManyRows(this.limits.maxRows);
      const values: AnyRow = {};
      const problem = (index: number | null, header: string | null, message: string) => {
        problems.push({
          row: rowNumber,
          column: index === null ? null : columnLetter(index + 1),
          header,
          value: index === null || !cells[index] ? null : cellText(cells[index]),
          message,
        });
        badRows.add(rowNumber);
      };
      for (const col of columns!) {
        const parsed = col.spec.parse(cells[col.index] ?? { kind: 'empty' });
        if (parsed.ok) values[col.spec.key] = parsed.value;
        else problem(col.index, col.header, parsed.error);
      }
      const bound = new Set(columns!.map((c) => c.index));
      cells.forEach((c, i) => {
        if (!bound.has(i) && c.kind !== 'empty' && !(c.kind === 'text' && c.text.trim() === ''))
          problem(i, null, 'ô có dữ liệu ở cột không có tiêu đề: xóa ô hoặc thêm tiêu đề của mẫu');
      });
      if (badRows.has(rowNumber)) continue;
      const key = kind.key(values);
      const first = firstOfKey.get(key);
      if (first !== undefined) {
        const keyCols = kind.keyFields.map((f) => columns!.find((c) => c.spec.key === f)).filter((c) => !!c);
        problem(
          keyCols[0]?.index ?? null,
          keyCols[0]?.header ?? null,
          `trùng với dòng ${first} (cùng ${keyCols.map((c) => c.header).join(', ')}): mỗi ${kind.title.toLowerCase()} chỉ một dòng`,
        );
        continue;
      }
      firstOfKey.set(key, rowNumber);
      rows.push({ rowNumber, values, key, cells });
    }
    if (!headerSeen) {
      problems.push({
        row: 1,
        column: null,
        header: null,
        value: null,
        message: 'tệp không có dòng tiêu đề nào: dòng đầu tiên phải là tiêu đề cột của mẫu',
      });
      badRows.add(1);
      return { rows, total, columns: null };
    }
    return { rows, total, columns };
  }

  /** Matches the header row to the kind's columns: unknown, repeated and missing columns are problems. */
  private bindHeader(
    kind: ImportKind<AnyRow>,
    rowNumber: number,
    cells: Cell[],
    problems: ImportProblem[],
  ): BoundColumn<AnyRow>[] | null {
    const byName = new Map<string, ColumnSpec<AnyRow>>();
    for (const spec of kind.columns) for (const name of [spec.header, ...(spec.aliases ?? [])]) byName.set(fold(name), spec);
    const bound: BoundColumn<AnyRow>[] = [];
    const before = problems.length;
    const expected = kind.columns.map((c) => `"${c.header}"`).join(', ');
    cells.forEach((cell, index) => {
      if (cell.kind === 'empty') return;
      const column = columnLetter(index + 1);
      if (cell.kind === 'formula') {
        problems.push({
          row: rowNumber,
          column,
          header: null,
          value: cellText(cell),
          message: 'tiêu đề cột là công thức: ghi tiêu đề bằng chữ',
        });
        return;
      }
      const header = cellText(cell) ?? '';
      const spec = byName.get(fold(header));
      if (!spec) {
        problems.push({
          row: rowNumber,
          column,
          header,
          value: header,
          message: `tiêu đề "${header}" không có trong mẫu ${kind.title}; các cột của mẫu: ${expected}`,
        });
        return;
      }
      const twice = bound.find((b) => b.spec === spec);
      if (twice) {
        problems.push({
          row: rowNumber,
          column,
          header,
          value: header,
          message: `cột "${spec.header}" đã có ở cột ${columnLetter(twice.index + 1)}`,
        });
        return;
      }
      bound.push({ spec, index, header });
    });
    for (const spec of kind.columns) {
      if (spec.required && !bound.some((b) => b.spec === spec))
        problems.push({
          row: rowNumber,
          column: null,
          header: spec.header,
          value: null,
          message: `thiếu cột bắt buộc "${spec.header}" (${spec.hint})`,
        });
    }
    return problems.length > before ? null : bound;
  }
}

/** Row order, then column order (A … Z, AA …), problems of no column last in their row. */
function byRowThenColumn(a: ImportProblem, b: ImportProblem): number {
  if (a.row !== b.row) return a.row - b.row;
  if (a.column === b.column) return 0;
  if (a.column === null) return 1;
  if (b.column === null) return -1;
  return a.column.length - b.column.length || (a.column < b.column ? -1 : 1);
}

function summary(outcome: ImportOutcome, c: Record<RowOutcome, number>, problems: number, badRows: number, rows: number): string {
  const counts = `${c.created} thêm mới, ${c.updated} cập nhật, ${c.unchanged} không đổi`;
  switch (outcome) {
    case 'IMPORTED':
      return `Đã nhập ${rows} dòng: ${counts}.`;
    case 'IMPORTED_VALID_ROWS':
      return `Đã nhập các dòng hợp lệ: ${counts}; bỏ qua ${badRows} dòng có lỗi (${problems} lỗi).`;
    case 'DRY_RUN':
      return problems
        ? `Chạy thử, không ghi gì: ${problems} lỗi ở ${badRows} dòng; các dòng hợp lệ sẽ cho ${counts}.`
        : `Chạy thử, không ghi gì: tệp hợp lệ, sẽ cho ${counts}.`;
    case 'REJECTED':
      return `Không nhập gì: ${problems} lỗi ở ${badRows} dòng. Sửa tệp rồi nhập lại, hoặc chỉ nhập các dòng hợp lệ (validOnly).`;
  }
}
