import type { Logger } from '../common/logger';
import type { LoaderFactory } from '../graphql/request-context';
import type { PasswordHasher } from '../modules/accounts/password-hasher';
import type { ReportsService } from '../modules/reports/reports.service';
import type { InspectionSeedServices } from './inspections.seed';
import type { QualitySeedServices } from './quality.seed';

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
