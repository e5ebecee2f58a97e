import type { DataSource } from 'typeorm';
import { linkDemoAccountsToCadres, seedDemoAccounts, seedInvolvedCommitteeMember } from './accounts.seed';
import { Role } from '../common/role.enum';
import { seedDemoWard } from './cadres.seed';
import { seedDemoCorrectionStory, seedDemoHandlingStories, seedDemoReports } from './reports.seed';
import { seedDemoInspections } from './inspections.seed';
import { seedDemoQuality } from './quality.seed';
import type { SeedOptions } from './seed-options';

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
    if (opts.reports) {
      await seedDemoReports(manager, opts.reports.service, opts.reports.makeLoaders, opts.logger);
      await seedDemoHandlingStories(manager, opts.reports.service, opts.reports.makeLoaders, opts.logger);
      // Recusal, as the board shows it: a denunciation names a committee member in free text, then intake links her.
      const member = await seedInvolvedCommitteeMember(manager, opts);
      await seedDemoCorrectionStory(manager, opts.reports.service, opts.reports.makeLoaders, opts.logger, member);
    }
    if (opts.inspections) await seedDemoInspections(manager, opts.inspections, opts.logger);
    if (opts.quality) await seedDemoQuality(manager, opts.quality, opts.logger);
    // Every demo account is a person of the ward: the header names them, recusal applies to them.
    await linkDemoAccountsToCadres(manager, ward.unitIdByKey);
  });
  opts.logger.info('demo data seeded');
  return true;
}
