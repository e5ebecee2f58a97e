import { AppError } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import type { CellParser } from './cells';

/** One column of an import template. */
export interface ColumnSpec<R> {
  /** The field of the parsed row this column fills. */
  key: keyof R & string;
  /** The header as the template writes it (Vietnamese). */
  header: string;
  /** Other headers accepted for it (accents, case and spacing never matter). */
  aliases?: readonly string[];
  /** The column must be in the file (its cells may still be optional: the parser says). */
  required: boolean;
  parse: CellParser<unknown>;
  /** What the cells may hold, for the README and the template's notes. */
  hint: string;
  /** Read and checked for formulas, but not imported (e.g. a unit's name next to its code, as the export writes it). */
  informational?: boolean;
}

/** A row that passed its cells' parsers. */
export interface ParsedRow<R> {
  rowNumber: number;
  values: R;
  /** Natural key: the same key twice in a file is an error, and the key finds the existing record. */
  key: string;
}

/** One problem of the report: row and column as the spreadsheet shows them. */
export interface ImportProblem {
  row: number;
  /** Column letter (A, B, …); null for a problem of the whole row or a missing column. */
  column: string | null;
  /** The column's header in the file (or the template's, for a missing column). */
  header: string | null;
  /** The cell as read, shortened. */
  value: string | null;
  message: string;
}

export type RowOutcome = 'created' | 'updated' | 'unchanged';

/** Where a kind reports the problems it finds in rows: by the row and the row's field. */
export interface RowProblems<R> {
  add(row: ParsedRow<R>, field: (keyof R & string) | null, message: string): void;
}

/** What a kind prepared for a file: applies valid rows in the import's transaction. */
export interface RowApplier<R> {
  /**
   * Applies a chunk of rows (in file order) and returns each one's outcome, in order. A refusal
   * is an AppError with `details.index` naming the refused row of the chunk: the service rolls
   * the chunk back (a savepoint), reports that row and applies the chunk again without it. Kinds
   * whose service takes one record at a time use {@link oneByOne}.
   */
  apply(ctx: RequestContext, rows: ReadonlyArray<ParsedRow<R>>, note: string): Promise<RowOutcome[]>;
  /**
   * The row field an error of the kind's service concerns (from its `fields[].path`, such as
   * `input.dateOfBirth`), so a refusal at write time still names a column.
   */
  fieldOfPath?(path: string): (keyof R & string) | null;
  /** The order to apply the valid rows in, when it matters (default: file order; the sort is stable). */
  compare?(a: ParsedRow<R>, b: ParsedRow<R>): number;
}

/** An applier's `apply` from a function of one row: a refusal gets the row's index. */
export function oneByOne<R>(
  applyRow: (ctx: RequestContext, row: ParsedRow<R>, note: string) => Promise<RowOutcome>,
): RowApplier<R>['apply'] {
  return async (ctx, rows, note) => {
    const outcomes: RowOutcome[] = [];
    for (const [index, row] of rows.entries()) {
      try {
        outcomes.push(await applyRow(ctx, row, note));
      } catch (err) {
        if (err instanceof AppError) err.details['index'] = index;
        throw err;
      }
    }
    return outcomes;
  };
}

/**
 * A kind of import, declared: its columns, its natural key, and how it checks rows against the
 * database and applies them (through the module's own service, so its rules and history apply).
 */
export interface ImportKind<R> {
  /** Used in the command and the URL: `cadres`. */
  name: string;
  /** Vietnamese title: "Hồ sơ cán bộ". */
  title: string;
  columns: ReadonlyArray<ColumnSpec<R>>;
  /** The fields of the natural key, for the duplicate message. */
  keyFields: ReadonlyArray<keyof R & string>;
  key(values: R): string;
  /**
   * Checks every row against the database in bulk (references, the existing records, rules that
   * span rows), reporting problems by row and field, and returns the applier. Runs in the
   * import's transaction, before anything is written.
   */
  prepare(ctx: RequestContext, rows: ReadonlyArray<ParsedRow<R>>, problems: RowProblems<R>): Promise<RowApplier<R>>;
}

/** Helper to declare a kind with its row type inferred from the columns. */
export function defineImportKind<R>(kind: ImportKind<R>): ImportKind<R> {
  return kind;
}
