import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { PasswordHasher } from '../modules/accounts/password-hasher';
import { seedDemoAccounts } from '../modules/accounts/accounts.seed';
import { Role } from '../modules/accounts/role.enum';
import { seedDemoWard } from '../modules/cadres/cadres.seed';
import { seedDemoReports } from '../modules/reports/reports.seed';
import type { ReportsService } from '../modules/reports/reports.service';
import type { LoaderFactory } from '../graphql/request-context';
import { type InspectionSeedServices, seedDemoInspections } from '../modules/inspections/inspections.seed';
import { type QualitySeedServices, seedDemoQuality } from '../modules/quality/quality.seed';

export interface SeedOptions {
  password: string;
  hasher: PasswordHasher;
  logger: Logger;
  /** The reports service and loaders; without them no reports are seeded. */
  reports?: { service: ReportsService; makeLoaders: LoaderFactory };
  /** The inspection, discipline and commendation services; without them no inspection work is seeded. */
  inspections?: InspectionSeedServices;
  /** The quality services; without them no training, evaluations, surveys or reception are seeded. */
  quality?: QualitySeedServices;
}

/**
 * Seeds the demo ward on an empty database, in one transaction: a database that already has
 * accounts is left alone, so a restart never duplicates or overwrites anything.
 */
export async function seedDemo(dataSource: DataSource, opts: SeedOptions): Promise<boolean> {
  const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM account')) as [{ n: number }];
  if (n > 0) return false;
  await dataSource.transaction(async (manager) => {
    const ward = await seedDemoWard(manager, opts.logger);
    // The demo unit head heads the People's Committee: it sees the committee and its offices.
    await seedDemoAccounts(manager, opts, (role) => (role === Role.UNIT_HEAD ? ward.unitIdByKey.get('UBND')! : null));
    if (opts.reports) await seedDemoReports(manager, opts.reports.service, opts.reports.makeLoaders, opts.logger);
    if (opts.inspections) await seedDemoInspections(manager, opts.inspections, opts.logger);
    if (opts.quality) await seedDemoQuality(manager, opts.quality, opts.logger);
  });
  opts.logger.info('demo data seeded');
  return true;
}
