import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildServices, resolveSecrets } from '../app';
import { AppError } from '../common/errors';
import { createLogger } from '../common/logger';
import { Role } from '../common/role.enum';
import { loadConfig } from '../config/config';
import { MutationTransaction, newContext } from '../graphql/request-context';
import { Account } from '../modules/accounts/account.entity';
import { RuleDataKind, type RuleDataVersion } from '../modules/rules/rule-data.entity';
import type { ChangeHolidayCalendarInput } from '../modules/rules/rules.inputs';
import { openToolDataSource, runTool } from './tool-database';

const KINDS = Object.values(RuleDataKind).join(', ');
const USAGE = `usage: npm run rules -- <command> …
  show <kind> [--version N]                 print a version of rule data (the current one by default) as JSON
  history <kind>                            list every version: when, who, why, what changed
  add-deadline-rule-set <set.json>   --reason "…" --as <admin email>   add a dated deadline rule set
  add-discipline-rule-set <set.json> --reason "…" --as <admin email>   add a dated discipline rule set
  add-retention-rule-set <set.json>  --reason "…" --as <admin email>   add a dated retention rule set
  holidays <change.json>             --reason "…" --as <admin email>   change the holiday calendar:
                                            { "set": [{ "date", "name", "type", "unsure"?, "note"? }], "remove": ["YYYY-MM-DD"], "addYears": [2028] }
  kind: ${KINDS}
Changes are the same as the ADMIN mutations (same checks, same audit, same recomputation of due
dates), written to DATABASE_URL or the embedded database of npm start; running instances hear of
them through the outbox. Exit code: 0 done, 1 refused (the reason is printed), 2 usage.`;

function line(v: RuleDataVersion): string {
  const who = v.changedByEmail ?? 'seed';
  return `v${v.version}  ${v.changedAt.toISOString()}  ${who}  ${v.summary}${v.effectiveFrom ? ` (hiệu lực ${v.effectiveFrom})` : ''}  — ${v.reason}`;
}

async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { version: { type: 'string' }, reason: { type: 'string' }, as: { type: 'string' } },
    });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const [command, arg] = parsed.positionals;
  const { values } = parsed;
  const reads = command === 'show' || command === 'history';
  const writes = ['add-deadline-rule-set', 'add-discipline-rule-set', 'add-retention-rule-set', 'holidays'].includes(
    command ?? '',
  );
  if (parsed.positionals.length !== 2 || (!reads && !writes)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (reads && !Object.values(RuleDataKind).includes(arg as RuleDataKind)) {
    process.stderr.write(`unknown kind "${arg}" (one of ${KINDS})\n`);
    return 2;
  }
  if (writes && (!values.reason || !values.as)) {
    process.stderr.write(`${command} needs --reason and --as <admin email>\n${USAGE}\n`);
    return 2;
  }

  const { ds, close } = await openToolDataSource(config, logger, 'giamsat-rules');
  try {
    const services = buildServices(ds, config, await resolveSecrets(config));
    await services.ruleCatalog.seed(ds.manager);
    await services.ruleCatalog.refresh(ds.manager);
    let account: Account | null = null;
    if (writes) {
      account = await ds.manager.findOne(Account, { where: { email: values.as!.trim().toLowerCase() } });
      if (!account || account.disabled) throw new Error(`no active account ${values.as}`);
      if (account.role !== Role.ADMIN) throw new Error(`${values.as} is ${account.role}; rule data is changed by ADMIN`);
    }
    const ctx = newContext(ds, services.makeLoaders, { requestId: 'rules-cli', logger, clientAddress: 'cli', account });
    if (command === 'show') {
      const v = await services.rules.version(ctx, arg as RuleDataKind, values.version ? Number(values.version) : null);
      process.stdout.write(`${JSON.stringify(v.data, null, 2)}\n`);
      process.stderr.write(`${line(v)}\n`);
      return 0;
    }
    if (command === 'history') {
      for (const v of await services.rules.history(ctx, arg as RuleDataKind)) process.stdout.write(`${line(v)}\n`);
      return 0;
    }
    const text = await readFile(arg!, 'utf8');
    const tx = await MutationTransaction.begin(ds, ctx);
    let ok = false;
    let saved: RuleDataVersion;
    try {
      if (command === 'holidays') {
        const change = JSON.parse(text) as Omit<ChangeHolidayCalendarInput, 'reason'>;
        saved = await services.rules.changeHolidayCalendar(ctx, { ...change, reason: values.reason! });
      } else {
        const input = { ruleSet: text, reason: values.reason! };
        saved =
          command === 'add-deadline-rule-set'
            ? await services.rules.addDeadlineRuleSet(ctx, input)
            : command === 'add-retention-rule-set'
              ? await services.rules.addRetentionRuleSet(ctx, input)
              : await services.rules.addDisciplineRuleSet(ctx, input);
      }
      ok = true;
    } finally {
      await tx.finish(ok);
    }
    process.stdout.write(`${line(saved)}\n`);
    if (saved.recomputedReports) process.stdout.write(`  tính lại hạn của ${saved.recomputedReports} đơn\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`${err.message} (${String(err.details['reason'] ?? err.code)})\n`);
      return 1;
    }
    throw err;
  } finally {
    await close();
  }
}

runTool(main, (err) => (err instanceof AppError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)));
