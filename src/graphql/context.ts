import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Logger } from '../common/logger';
import type { Account } from '../modules/accounts/account.entity';
import type { CadreLoaders } from '../modules/cadres/cadres.loaders';
import type { UnitLoaders } from '../modules/units/units.loaders';
import type { ReportLoaders } from '../modules/reports/reports.loaders';
import type { InspectionLoaders } from '../modules/inspections/inspections.loaders';
import type { DisciplineLoaders } from '../modules/discipline/discipline.loaders';
import type { CommendationLoaders } from '../modules/commendations/commendations.loaders';
import type { CorrectionLoaders } from '../modules/corrections/corrections.loaders';
import type { QualityLoaders } from '../modules/quality/quality.loaders';

/** Per-request DataLoaders, built fresh for every HTTP request and every subscription operation. */
export interface Loaders
  extends
    UnitLoaders,
    CadreLoaders,
    ReportLoaders,
    InspectionLoaders,
    DisciplineLoaders,
    CommendationLoaders,
    CorrectionLoaders,
    QualityLoaders {
  accountById: DataLoader<string, Account | null>;
  [name: string]: DataLoader<unknown, unknown>;
}

/**
 * What every resolver and service receives first. `manager` is transaction-bound during a
 * mutation, so everything a mutation writes commits or rolls back together.
 */
export interface RequestContext {
  readonly requestId: string;
  /** The signed-in caller, or null for a public caller. */
  readonly account: Account | null;
  manager: EntityManager;
  readonly loaders: Loaders;
  readonly logger: Logger;
  /** Client address as seen through `TRUST_PROXY` hops. */
  readonly clientAddress: string;
  /** Run after the mutation's transaction commits (never after a rollback). */
  readonly afterCommit: Array<() => void | Promise<void>>;
  /**
   * Rings the board's doorbell; `recordEvent` adds it to `afterCommit` once. Undefined when the
   * database rings it (the PostgreSQL doorbell's trigger), see src/events/delivery.ts.
   */
  readonly ringDoorbell?: (() => void) | undefined;
}
