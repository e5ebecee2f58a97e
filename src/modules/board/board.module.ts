import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import type { Logger } from '../../common/logger';
import type { LoaderFactory } from '../../graphql/request-context';
import type { InspectionsService } from '../inspections/inspections.service';
import type { ReportsService } from '../reports/reports.service';
import { BoardEventFieldsResolver, PresenceEntryFieldsResolver } from './board-event-fields.resolver';
import { BoardResolver } from './board.resolver';
import { BoardService } from './board.service';
import { BoardCounterFolder } from './board-counters';
import { DeadlineWatcher } from './deadline-watcher';
import { DemoActivity } from './demo-activity';
import { PresenceHub } from './presence.hub';
import { PresenceResolver } from './presence.resolver';

/**
 * The board module's pieces for the composition root: the resolvers to register, and the
 * background work every instance runs (the deadline watcher, presence, the demo activity when
 * configured), started once the server listens and stopped before the pool closes.
 */
export function createBoardModule(
  dataSource: DataSource,
  config: Config,
  deps: {
    logger: Logger;
    reports: ReportsService;
    inspections: InspectionsService;
    makeLoaders: LoaderFactory;
    /** The delivery's after-commit ring (Redis doorbell), for the events the background writers commit. */
    ringDoorbell?: (() => void) | undefined;
  },
) {
  const logger = deps.logger.child({ module: 'board' });
  const service = new BoardService({ dueSoonDays: config.board.dueSoonDays });
  const presence = new PresenceHub(dataSource, {
    pollMs: config.board.presencePollMs,
    ttlMs: config.board.presenceTtlMs,
    logger,
  });
  const watcher = new DeadlineWatcher(dataSource, {
    dueSoonDays: config.board.dueSoonDays,
    intervalMs: config.board.deadlineWatchIntervalMs,
    lookbackDays: config.board.deadlineWatchLookbackDays,
    logger,
    makeLoaders: deps.makeLoaders,
    ringDoorbell: deps.ringDoorbell,
  });
  const folder = new BoardCounterFolder(dataSource, { intervalMs: 5000, logger });
  const demo = config.board.demoActivity
    ? new DemoActivity(dataSource, deps, {
        intervalMs: config.board.demoActivityIntervalMs,
        logger,
        ringDoorbell: deps.ringDoorbell,
      })
    : undefined;
  return {
    service,
    presence,
    watcher,
    folder,
    demo,
    resolvers: [
      new BoardResolver(service),
      new PresenceResolver(),
      new BoardEventFieldsResolver(),
      new PresenceEntryFieldsResolver(),
    ],
    start() {
      presence.start();
      folder.start();
      watcher.start();
      demo?.start();
    },
    /** The writers first (they use the pool), then presence once the sockets are closed. */
    async stopWriters() {
      await Promise.all([watcher.stop(), folder.stop(), demo?.stop()]);
    },
    async stop() {
      await this.stopWriters();
      await presence.stop();
    },
  };
}

export type BoardModule = ReturnType<typeof createBoardModule>;
