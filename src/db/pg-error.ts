/**
 * The SQLSTATE and constraint of a PostgreSQL error, as `pg` raises it or as TypeORM wraps it
 * (its QueryFailedError copies the driver's fields and keeps the original as `driverError`);
 * both undefined for any other error.
 */
export function pgErrorFields(err: unknown): { code: string | undefined; constraint: string | undefined } {
  const e = (err ?? {}) as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    code: text(e.driverError?.code) ?? text(e.code),
    constraint: text(e.driverError?.constraint) ?? text(e.constraint),
  };
}
