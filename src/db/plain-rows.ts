import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { UUID_TEXT } from '../common/validation';

interface Reader<T> {
  /**
   * `alias."column" AS "column"` for every column of the entity; with a prefix `AS "<prefix>column"`,
   * so several entities can share one row.
   */
  columns(alias: string, prefix?: string): string;
  /** Entities from rows selected with `columns` (and the same prefix): the driver's own value conversions, no query builder. */
  read(rows: Array<Record<string, unknown>>, prefix?: string): T[];
}

const readers = new WeakMap<object, Reader<unknown>>();

/**
 * Hand-written SQL with TypeORM's entities: the columns to select and the row mapping, learned once
 * per entity from its metadata. On hot read paths (a page of 50 cadres, their units and posts)
 * TypeORM's query building and its result transformer cost more than the statement itself; this
 * keeps the entity classes and the driver's value conversion (dates, booleans) and skips the rest.
 */
export function plainRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>): Reader<T> {
  const meta = manager.connection.getMetadata(entity);
  const known = readers.get(meta.target as object);
  if (known) return known as Reader<T>;
  const driver = manager.connection.driver;
  // As `find` does: columns declared `select: false` stay out.
  const columns: ColumnMetadata[] = meta.columns.filter((c) => c.isSelect && !c.isVirtual && !c.relationMetadata?.isOneToMany);
  const prototype = (meta.target as { prototype: object }).prototype;
  // Values the driver's conversion would hand back unchanged (text, uuid, a date read as its
  // text, without a transformer or array) are copied as they come: per row and column of a page,
  // TypeORM's conversion tests the column type a dozen times to do nothing.
  const plainTypes = new Set<unknown>(['uuid', 'text', 'varchar', 'character varying', String, 'date']);
  const fields = columns.map((c) => ({
    column: c,
    property: c.propertyName,
    name: c.databaseName,
    plain: plainTypes.has(c.type) && !c.transformer && !c.isArray,
  }));
  // Rows are built by a constructor whose prototype is the entity's (so they are instances of
  // it, without running its constructor): V8 then lays each row out with its properties in the
  // object, instead of growing a property store for every column of every row.
  // The row's key of each column, per prefix, made once: a key concatenated per row and column
  // is a new string that V8 must flatten and hash for every lookup (20 µs a row of 45 columns).
  const keysByPrefix = new Map<string, string[]>();
  const keysFor = (prefix: string): string[] => {
    let keys = keysByPrefix.get(prefix);
    if (!keys) {
      keys = fields.map((f) => prefix + f.name);
      keysByPrefix.set(prefix, keys);
    }
    return keys;
  };
  function Row(this: Record<string, unknown>, row: Record<string, unknown>, keys: string[]) {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const value = row[keys[i]!];
      this[f.property] =
        f.plain && (typeof value === 'string' || value === null) ? value : driver.prepareHydratedValue(value, f.column);
    }
  }
  Row.prototype = prototype;
  const construct = Row as unknown as new (row: Record<string, unknown>, keys: string[]) => T;
  const reader: Reader<T> = {
    // A `date` column comes as its text: pg would parse it into a Date at local midnight only for
    // the driver to format it back to YYYY-MM-DD, per row and column (a page of 50 cadres has 150).
    columns: (alias, prefix = '') =>
      columns
        .map((c) => `${alias}."${c.databaseName}"${c.type === 'date' ? '::text' : ''} AS "${prefix}${c.databaseName}"`)
        .join(', '),
    read: (rows, prefix = '') => {
      const keys = keysFor(prefix);
      return rows.map((row) => new construct(row, keys));
    },
  };
  readers.set(meta.target as object, reader);
  return reader;
}

/**
 * Entities whose uuid `column` (its database name) is one of `keys`, in one `= ANY($1)`
 * statement through `plainRows`, in the order of `orderBy` (database column names) when given:
 * a DataLoader batch. A key that is not a uuid (an `ID` argument as a client typed it) has no
 * row, as an unknown uuid has none; PostgreSQL would refuse the whole batch for it.
 */
export async function findByColumn<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  column: string,
  keys: readonly string[],
  orderBy: readonly string[] = [],
): Promise<T[]> {
  const uuids = keys.filter((k) => UUID_TEXT.test(k));
  if (!uuids.length) return [];
  const meta = manager.connection.getMetadata(entity);
  const reader = plainRows(manager, entity);
  const order = orderBy.length ? ` ORDER BY ${orderBy.map((c) => `x.${c}`).join(', ')}` : '';
  const rows = (await manager.query(
    `SELECT ${reader.columns('x')} FROM "${meta.tableName}" x WHERE x.${column} = ANY($1::uuid[])${order}`,
    [uuids],
  )) as Array<Record<string, unknown>>;
  return reader.read(rows);
}

/** Entities by id, in one `= ANY($1)` statement, through `plainRows`. */
export function findByIds<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  ids: readonly string[],
): Promise<T[]> {
  return findByColumn(manager, entity, 'id', ids);
}
