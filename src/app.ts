import type { DataSource } from 'typeorm';
import { createDataSource } from '../ormconfig';
import type { Config } from './config/config';
import { localSecret } from './config/local-secrets';
import { createLogger, type Logger } from './common/logger';
import { runMigrations, withMigrationLock } from './db/migrate';
import { QueryLogger } from './db/query-logger';
import { seedDemo } from './demo/demo-seed';
import type { LoaderFactory } from './graphql/request-context';
import { lazyLoaders } from './graphql/lazy-loaders';
import { buildAppSchema, ResolverContainer } from './graphql/schema';
import { databaseReadiness } from './http/health';
import { Metrics } from './http/metrics';
import { outboxLag } from './events/outbox-lag';
import { type RunningServer, startServer } from './http/server';
import { boardRoutes, defaultWebDir, graphiqlRoutes } from './http/web-pages';
import { accountLoaders } from './modules/accounts/accounts.loaders';
import { AccountsResolver } from './modules/accounts/accounts.resolver';
import { AccountsService } from './modules/accounts/accounts.service';
import { AuthService } from './modules/accounts/auth.service';
import { PasswordHasher } from './modules/accounts/password-hasher';
import { TokenService } from './modules/accounts/token.service';
import { cadreLoaders } from './modules/cadres/cadres.loaders';
import { CadreHistoryResolver, CadresResolver } from './modules/cadres/cadres.resolver';
import { CadresQueryService } from './modules/cadres/cadres.query';
import { PublicDirectoryResolver } from './modules/cadres/public-directory.resolver';
import { PublicDirectoryService } from './modules/cadres/public-directory.service';
import { CadresService } from './modules/cadres/cadres.service';
import { unitLoaders } from './modules/units/units.loaders';
import { UnitsResolver } from './modules/units/units.resolver';
import { UnitsService } from './modules/units/units.service';
import { CursorCodec } from './graphql/cursor';
import { RateLimiter } from './db/rate-limiter';
import { evidenceRoutes } from './http/evidence.routes';
import { citizenRoutes } from './http/citizen.routes';
import { InProcessGraphql } from './http/in-process-graphql';
import { IdentityCipher, Keyring } from './modules/reports/identity-cipher';
import { reportLoaders } from './modules/reports/reports.loaders';
import { RuleBasedDeadlines, SealedReportSecrets } from './modules/reports/reports.policies';
import { ReportsQueryService } from './modules/reports/reports.query';
import { ReportExtensionResolver, ReportsResolver, ReportTimelineEntryResolver } from './modules/reports/reports.resolver';
import { ReportsService } from './modules/reports/reports.service';
import { IdentityCustodianService } from './modules/reports/identity-custodian.service';
import { ReportRedactionResolver, TimelineRedactionResolver } from './modules/reports/report-redaction.resolver';
import { EvidenceFileResolver } from './modules/reports/evidence-access';
import {
  IdentityAccessLogEntryResolver,
  IdentityAccessRequestResolver,
  IdentityCustodianResolver,
} from './modules/reports/identity-custodian.resolver';
import { inspectionLoaders } from './modules/inspections/inspections.loaders';
import { InspectionsQueryService } from './modules/inspections/inspections.query';
import { FindingsResolver, FollowUpItemResolver, InspectionsResolver } from './modules/inspections/inspections.resolver';
import { InspectionsService } from './modules/inspections/inspections.service';
import { PlanItemResolver, PlansResolver } from './modules/inspections/plans.resolver';
import { PlansService } from './modules/inspections/plans.service';
import { RuleCatalog } from './modules/rules/rule-catalog';
import { RulesResolver } from './modules/rules/rules.resolver';
import { RetentionResolver } from './modules/reports/retention.resolver';
import { RetentionService } from './modules/reports/retention.service';
import { RulesService } from './modules/rules/rules.service';
import { disciplineLoaders } from './modules/discipline/discipline.loaders';
import { DisciplineQueryService } from './modules/discipline/discipline.query';
import {
  DisciplineNotificationResolver,
  DisciplineResolver,
  FindingCasesResolver,
  ReportTraceResolver,
} from './modules/discipline/discipline.resolver';
import { SupervisionRecordService } from './modules/supervision/supervision-record.query';
import {
  CadreRecordResolver,
  SupervisionRecordEntryResolver,
  UnitRecordResolver,
} from './modules/supervision/supervision.resolver';
import { DisciplineService } from './modules/discipline/discipline.service';
import { commendationLoaders } from './modules/commendations/commendations.loaders';
import { correctionLoaders } from './modules/corrections/corrections.loaders';
import {
  CommendationCorrectionsResolver,
  CorrectionsResolver,
  DisciplineCaseCorrectionsResolver,
  FindingCorrectionsResolver,
  FollowUpCorrectionsResolver,
  InspectionCorrectionsResolver,
} from './modules/corrections/corrections.resolver';
import { CorrectionsService } from './modules/corrections/corrections.service';
import { CommendationsResolver } from './modules/commendations/commendations.resolver';
import { CommendationsService } from './modules/commendations/commendations.service';
import { createBoardModule } from './modules/board/board.module';
import { BoardRecentEventsResolver } from './modules/board/board-recent-events.resolver';
import { defaultQualityRuleSets } from './modules/quality/quality-rules';
import { qualityLoaders } from './modules/quality/quality.loaders';
import { createQualityModule } from './modules/quality/quality.module';
import { BoardEventsResolver, type SubscriptionRoot } from './modules/board/board-events.resolver';
import { buildDelivery, outboxSessionSettings } from './events/delivery';
import { boardEventOf } from './modules/board/board-event.types';
import { EVENT_INVOLVED_CADRES_SQL, guardRecusedFields } from './modules/recusal/recusal.policy';
import { ImportsService } from './modules/imports/imports.service';
import { importRoutes } from './http/imports.routes';
import { periodicReportRoutes } from './http/periodic-reports.routes';
import { PeriodicReportScheduler } from './modules/periodic-reports/periodic-report-scheduler';
import { PeriodicReportsResolver } from './modules/periodic-reports/periodic-reports.resolver';
import { PeriodicReportsService } from './modules/periodic-reports/periodic-reports.service';
import { defaultReportTemplates } from './modules/periodic-reports/report-templates';
import { ReminderMailer } from './modules/reminders/reminder-mailer';
import { ReminderScheduler } from './modules/reminders/reminder-scheduler';
import { RemindersResolver } from './modules/reminders/reminders.resolver';
import { RemindersService } from './modules/reminders/reminders.service';
import { cadresImport } from './modules/imports/kinds/cadres.import';
import { evaluationsImport } from './modules/imports/kinds/evaluations.import';
import { satisfactionImport } from './modules/imports/kinds/satisfaction.import';
import { trainingImport } from './modules/imports/kinds/training.import';

/** Keys and secrets the services need, from the configuration or (outside production) generated. */
export interface AppSecrets {
  jwtSecret: string;
  /** `id:base64key,...`, active key first. */
  identityKeys: string;
  receiptSecret: string;
}

/** Everything the GraphQL layer needs, built from a data source (initialised or not). */
/**
 * @param sideDataSource a small pool of its own for writes that must happen outside the
 *   request's transaction (rate limits, sign-in throttling): taken from the main pool, they would
 *   wait for a connection while the transaction holds one, and enough concurrent requests would
 *   hold every connection and wait for ever.
 */
export function buildServices(
  dataSource: DataSource,
  config: Config,
  secrets: AppSecrets,
  sideDataSource: DataSource = dataSource,
  logger: Logger = createLogger('silent'),
) {
  const { jwtSecret } = secrets;
  const hasher = new PasswordHasher();
  const tokens = new TokenService({
    secret: jwtSecret,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    ttlSeconds: config.jwtTtlSeconds,
  });
  const auth = new AuthService(sideDataSource, hasher, tokens, {
    maxFailures: config.loginMaxFailures,
    lockoutSeconds: config.loginLockoutSeconds,
    maxFailuresPerAddress: config.loginMaxFailuresPerAddress,
    accountSlowdownAfter: config.loginAccountSlowdownAfter,
  });
  const accounts = new AccountsService(hasher);
  const units = new UnitsService();
  const cursors = new CursorCodec(jwtSecret);
  const cadres = new CadresService();
  const rateLimiter = new RateLimiter(sideDataSource);
  const reportSecrets = new SealedReportSecrets(
    new IdentityCipher(Keyring.fromConfig(secrets.identityKeys)),
    secrets.receiptSecret,
  );
  // Rule data lives in the database; until startApp reads it, the catalog holds the bundled files.
  const ruleCatalog = new RuleCatalog(logger);
  const rules = new RulesService(ruleCatalog, () => ruleCatalog.refresh(dataSource.manager));
  const reports = new ReportsService(
    new RuleBasedDeadlines(
      () => ruleCatalog.deadlineRuleSets(),
      () => ruleCatalog.holidayCalendar(),
    ),
    reportSecrets,
    rateLimiter,
    { submitPerHour: config.reportSubmitsPerHour, trackPerHour: config.reportTracksPerHour },
  );
  const reportQueries = new ReportsQueryService(cursors);
  const retention = new RetentionService(() => ruleCatalog.retentionRuleSets());
  const custodian = new IdentityCustodianService((ctx, id) => reports.findReadable(ctx, id), reportSecrets, cursors);
  const plans = new PlansService();
  const inspections = new InspectionsService(plans);
  const inspectionQueries = new InspectionsQueryService(cursors);
  const discipline = new DisciplineService(() => ruleCatalog.disciplineRuleSets());
  const commendations = new CommendationsService(cursors);
  const corrections = new CorrectionsService(discipline);
  const records = new SupervisionRecordService(cursors);
  const qualityRules = defaultQualityRuleSets();
  const qualityModule = createQualityModule(qualityRules, {
    rateLimiter,
    satisfactionSubmitsPerHour: config.satisfactionSubmitsPerHour,
  });
  const quality = qualityModule.services;
  const makeLoaders: LoaderFactory = lazyLoaders([
    accountLoaders,
    unitLoaders,
    cadreLoaders,
    reportLoaders,
    inspectionLoaders,
    disciplineLoaders,
    commendationLoaders,
    correctionLoaders,
    qualityLoaders,
  ] as never);
  // Live-board delivery: built here, started by startApp (the schema is built without a database).
  const delivery = buildDelivery({
    dataSource,
    config,
    logger,
    cursorCodec: cursors,
    involvedCadresSql: EVENT_INVOLVED_CADRES_SQL,
    rootOf: boardEventOf,
  });
  const imports = new ImportsService(
    [
      cadresImport(cadres),
      trainingImport(quality.training),
      evaluationsImport(quality.evaluations),
      satisfactionImport(quality.satisfaction, qualityRules),
    ],
    {
      maxFileBytes: config.importMaxFileBytes,
      maxRows: config.importMaxRows,
    },
  );
  const board = createBoardModule(dataSource, config, {
    logger,
    reports,
    inspections,
    makeLoaders,
    ringDoorbell: delivery.ringAfterCommit,
  });
  const periodicReports = new PeriodicReportsService(defaultReportTemplates());
  const periodicReportScheduler = new PeriodicReportScheduler(dataSource, periodicReports, {
    intervalMs: config.board.periodicReportCheckIntervalMs,
    logger: logger.child({ module: 'periodic-reports' }),
    makeLoaders,
    ringDoorbell: delivery.ringAfterCommit,
  });
  const reminders = new RemindersService({
    daysAhead: config.board.reminders.daysAhead,
    calendar: () => ruleCatalog.holidayCalendar(),
  });
  const reminderScheduler = new ReminderScheduler(dataSource, reminders, {
    intervalMs: config.board.reminders.checkIntervalMs,
    hour: config.board.reminders.hour,
    logger: logger.child({ module: 'reminders' }),
    makeLoaders,
    mailer: config.board.reminders.smtpUrl
      ? new ReminderMailer(config.board.reminders.smtpUrl, config.board.reminders.mailFrom)
      : undefined,
    ringDoorbell: delivery.ringAfterCommit,
  });
  const container = new ResolverContainer()
    .register(new PeriodicReportsResolver(periodicReports, cursors))
    .register(new RemindersResolver(reminders, reminderScheduler))
    .register(new AccountsResolver(accounts, auth))
    .register(new UnitsResolver(units))
    .register(new CadresResolver(cadres, new CadresQueryService(units, cursors)))
    .register(new CadreHistoryResolver())
    .register(
      new PublicDirectoryResolver(new PublicDirectoryService(rateLimiter, { searchesPerHour: config.directorySearchesPerHour })),
    )
    .register(new ReportsResolver(reports, reportQueries))
    .register(new ReportTimelineEntryResolver())
    .register(new ReportExtensionResolver())
    .register(new IdentityCustodianResolver(custodian))
    .register(new ReportRedactionResolver())
    .register(new TimelineRedactionResolver())
    .register(new EvidenceFileResolver())
    .register(new IdentityAccessRequestResolver())
    .register(new IdentityAccessLogEntryResolver())
    .register(new InspectionsResolver(inspections, inspectionQueries))
    .register(new FindingsResolver(inspectionQueries))
    .register(new FollowUpItemResolver())
    .register(new PlansResolver(plans))
    .register(new PlanItemResolver())
    .register(new DisciplineResolver(discipline, new DisciplineQueryService(cursors)))
    .register(new DisciplineNotificationResolver())
    .register(new FindingCasesResolver())
    .register(new CadreRecordResolver(records))
    .register(new UnitRecordResolver(records))
    .register(new SupervisionRecordEntryResolver())
    .register(new ReportTraceResolver())
    .register(new CommendationsResolver(commendations))
    .register(new CorrectionsResolver(corrections))
    .register(new InspectionCorrectionsResolver())
    .register(new FindingCorrectionsResolver())
    .register(new FollowUpCorrectionsResolver())
    .register(new DisciplineCaseCorrectionsResolver())
    .register(new CommendationCorrectionsResolver())
    .register(new RulesResolver(rules))
    .register(new RetentionResolver(retention));
  for (const resolver of qualityModule.resolvers) container.register(resolver);
  container.register(new BoardEventsResolver(delivery)).register(new BoardRecentEventsResolver(delivery));
  for (const resolver of board.resolvers) container.register(resolver);
  const demoSeedServices = () => ({
    inspections,
    plans,
    discipline,
    commendations,
    corrections,
    reports,
    makeLoaders,
    quality,
  });
  return {
    hasher,
    tokens,
    auth,
    accounts,
    units,
    cadres,
    reports,
    custodian,
    inspections,
    discipline,
    quality,
    rateLimiter,
    ruleCatalog,
    rules,
    container,
    makeLoaders,
    demoSeedServices,
    board,
    delivery,
    imports,
    periodicReports,
    periodicReportScheduler,
    reminders,
    reminderScheduler,
  };
}

/** Every secret: configured, or (outside production, where the config requires them) generated once into the data folder. */
export async function resolveSecrets(config: Config): Promise<AppSecrets> {
  const identityKeys =
    config.identityKeys ??
    `demo1:${Buffer.from(await localSecret(config.dataDir, 'identity-demo1.key', 32), 'base64url').toString('base64')}`;
  return {
    jwtSecret: await resolveJwtSecret(config),
    identityKeys,
    receiptSecret: config.receiptSecret ?? (await localSecret(config.dataDir, 'receipt.key', 48)),
  };
}

/** The report-sealing secrets alone, for the re-encryption command. */
export async function resolveReportSecrets(config: Config): Promise<Pick<AppSecrets, 'identityKeys' | 'receiptSecret'>> {
  const { identityKeys, receiptSecret } = await resolveSecrets(config);
  return { identityKeys, receiptSecret };
}

/** The JWT key: configured, or (outside production) generated once into the data folder. */
export async function resolveJwtSecret(config: Config): Promise<string> {
  return config.jwtSecret ?? localSecret(config.dataDir, 'jwt.key', 48);
}

/** A TypeORM data source's pg pool: connections open, idle, and queries waiting for one. */
function poolFigures(dataSource: DataSource): { total: number; idle: number; waiting: number } {
  const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } })
    .master;
  return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0 };
}

export interface App {
  readonly config: Config;
  readonly dataSource: DataSource;
  readonly server: RunningServer;
  readonly services: ReturnType<typeof buildServices>;
  /** Stops the server (draining requests and sockets), then closes the pool. */
  stop(): Promise<void>;
}

/** Runs `fn` on a short-lived pool signed in as the schema's owner. */
async function withOwnerDataSource<T>(url: string, fn: (owner: DataSource) => Promise<T>): Promise<T> {
  const owner = createDataSource({ url, poolSize: 2, applicationName: 'giamsat-migrate' });
  await owner.initialize();
  try {
    return await fn(owner);
  } finally {
    await owner.destroy();
  }
}

/**
 * Row-level security binds the app only if its role is no superuser, has no BYPASSRLS and owns
 * none of the protected tables. Production refuses to start otherwise; elsewhere (a developer's
 * single superuser DATABASE_URL) it is a warning.
 */
async function checkAppRole(dataSource: DataSource, config: Config, logger: Logger): Promise<void> {
  const [role] = (await dataSource.query(
    `SELECT current_user AS name, r.rolsuper OR r.rolbypassrls AS bypasses,
            EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relrowsecurity AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
  )) as Array<{ name: string; bypasses: boolean; owns: boolean }>;
  if (!role || (!role.bypasses && !role.owns)) return;
  const message = `vai trò cơ sở dữ liệu ${role.name} ${role.bypasses ? 'vượt qua bảo mật theo dòng (superuser hoặc BYPASSRLS)' : 'sở hữu các bảng được bảo vệ'}: hãy cho API kết nối bằng giamsat_app và chạy migration bằng giamsat_owner (MIGRATION_DATABASE_URL), xem docs/operations.md`;
  if (config.isProduction) throw new Error(message);
  logger.warn(message);
}

/**
 * The composition root: connects, migrates, seeds the demo ward when asked, builds the schema
 * and serves it. Tests call it with their own config and database URL.
 */
export async function startApp(opts: {
  config: Config;
  logger: Logger;
  /** The app role's URL (`giamsat_app`): every request and background job runs on it. */
  databaseUrl: string;
  /** The owner role's URL, for the migrations and the demo seed; by default `databaseUrl`. */
  migrationDatabaseUrl?: string | undefined;
}): Promise<App> {
  const { config, logger } = opts;
  const queryLogger = new QueryLogger(logger);
  const sessionSettings = outboxSessionSettings(config);
  const dataSource = createDataSource({
    url: opts.databaseUrl,
    poolSize: config.dbPoolSize,
    logger: queryLogger,
    sessionSettings,
  });
  const sideDataSource = createDataSource({
    url: opts.databaseUrl,
    poolSize: 2,
    logger: queryLogger,
    applicationName: 'giamsat-side',
    sessionSettings,
  });
  await dataSource.initialize();
  let delivery: ReturnType<typeof buildServices>['delivery'] | undefined;
  try {
    await sideDataSource.initialize();
    const services = buildServices(dataSource, config, await resolveSecrets(config), sideDataSource, logger);
    if (config.runMigrations || config.demoSeed) {
      // The schema's owner migrates and seeds: the app role may change data, never the schema,
      // and the seed writes what no request could (accounts, identities of every kind of report).
      await withOwnerDataSource(opts.migrationDatabaseUrl ?? opts.databaseUrl, async (owner) => {
        if (config.runMigrations) await runMigrations(owner, logger);
        if (config.demoSeed) {
          await withMigrationLock(owner, () =>
            seedDemo(owner, {
              password: config.demoPassword,
              hasher: services.hasher,
              logger,
              reports: { service: services.reports, makeLoaders: services.makeLoaders },
              inspections: services.demoSeedServices(),
              quality: { ...services.quality, makeLoaders: services.makeLoaders },
            }),
          );
        }
      });
    }
    await checkAppRole(dataSource, config, logger);
    // Rule data: the bundled files on first start, then whatever ADMIN changed; other
    // instances' changes arrive as DATA_CHANGED rows through the event feed.
    await services.ruleCatalog.seed(dataSource.manager);
    await services.ruleCatalog.refresh(dataSource.manager);
    services.delivery.fanOut.notices.onChange(() => services.ruleCatalog.refresh(dataSource.manager));
    const schema = guardRecusedFields(await buildAppSchema(services.container));
    delivery = services.delivery;
    await delivery.start();
    // A change committed before the feed's starting position was not heard: read once more.
    await services.ruleCatalog.refresh(dataSource.manager);
    const subscriptionRoot: SubscriptionRoot = { board: services.delivery };
    const metrics = new Metrics();
    metrics.addSources({
      pools: () => [
        { pool: 'main', max: config.dbPoolSize, ...poolFigures(dataSource) },
        { pool: 'side', max: 2, ...poolFigures(sideDataSource) },
      ],
      subscriptions: () => ({ boardEvents: services.delivery.fanOut.size, presence: services.board.presence.subscribers }),
      feed: () => services.delivery.feed.stats,
      outboxLag: () => outboxLag(dataSource, services.delivery.feed.current),
      deadlineWatcher: () => services.board.watcher.stats,
      reminders: () => services.reminderScheduler.stats,
    });
    const server = await startServer({
      metrics,
      config,
      logger,
      dataSource,
      schema,
      auth: services.auth,
      makeLoaders: services.makeLoaders,
      readiness: [databaseReadiness(dataSource), services.delivery.readiness],
      live: { subscriptionRoot, ringDoorbell: services.delivery.ringAfterCommit, accounts: services.delivery.accounts },
      // GraphiQL exposes nothing introspection does not, and introspection is off in production.
      earlyRoutes: config.isProduction ? undefined : (app) => app.use(graphiqlRoutes({ webDir: defaultWebDir(), logger })),
      routes: (app) =>
        app
          .use(
            evidenceRoutes({
              dataSource,
              auth: services.auth,
              reports: services.reports,
              rateLimiter: services.rateLimiter,
              makeLoaders: services.makeLoaders,
              logger,
              publicUploadsPerHour: config.evidenceUploadsPerHour,
              uploadIdleTimeoutMs: config.uploadIdleTimeoutMs,
            }),
          )
          .use(boardRoutes({ webDir: defaultWebDir(), logger }))
          .use(
            citizenRoutes({
              graphql: new InProcessGraphql({
                schema,
                dataSource,
                makeLoaders: services.makeLoaders,
                logger,
                graphql: config.graphql,
                hideSuggestions: config.isProduction,
                ringDoorbell: services.delivery.ringAfterCommit,
              }),
              reports: services.reports,
              rateLimiter: services.rateLimiter,
              logger,
              publicUploadsPerHour: config.evidenceUploadsPerHour,
              uploadIdleTimeoutMs: config.uploadIdleTimeoutMs,
            }),
          )
          .use(
            periodicReportRoutes({
              dataSource,
              auth: services.auth,
              periodicReports: services.periodicReports,
              makeLoaders: services.makeLoaders,
              logger,
            }),
          )
          .use(
            importRoutes({
              dataSource,
              auth: services.auth,
              imports: services.imports,
              targets: services.quality.targets,
              makeLoaders: services.makeLoaders,
              logger,
              uploadIdleTimeoutMs: config.uploadIdleTimeoutMs,
            }),
          ),
    });
    logger.info({ url: `${server.url}/graphql` }, 'serving GraphQL');
    services.board.start();
    services.periodicReportScheduler.start();
    services.reminderScheduler.start();
    return {
      config,
      dataSource,
      server,
      services,
      async stop() {
        await Promise.all([
          services.board.stopWriters(),
          services.periodicReportScheduler.stop(),
          services.reminderScheduler.stop(),
        ]);
        await server.close();
        await services.board.stop();
        await services.delivery.stop();
        await Promise.all([dataSource.destroy(), sideDataSource.destroy()]);
      },
    };
  } catch (err) {
    await delivery?.stop().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    if (sideDataSource.isInitialized) await sideDataSource.destroy().catch(() => undefined);
    throw err;
  }
}
