import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildServices, resolveSecrets } from '../app';
import { AppError, badInput, forbidden, withReason } from '../common/errors';
import { createLogger } from '../common/logger';
import { Role } from '../common/role.enum';
import { loadConfig } from '../config/config';
import { MutationTransaction, newContext } from '../graphql/request-context';
import { ROLE_WORDS } from '../common/role.enum';
import { Account } from '../modules/accounts/account.entity';
import { RuleDataKind, type RuleDataVersion } from '../modules/rules/rule-data.entity';
import type { ChangeHolidayCalendarInput } from '../modules/rules/rules.inputs';
import { openToolDataSource, runTool } from './tool-database';

const KINDS = Object.values(RuleDataKind).join(', ');
const USAGE = `cách dùng: npm run rules -- <lệnh> …
  show <loại> [--version N]                 in một phiên bản dữ liệu quy tắc (mặc định là phiên bản hiện hành) dạng JSON
  history <loại>                            liệt kê mọi phiên bản: khi nào, ai, vì sao, thay đổi gì
  add-deadline-rule-set <set.json>   --reason "…" --as <email quản trị>   thêm một bộ quy tắc thời hạn có ngày hiệu lực
  add-discipline-rule-set <set.json> --reason "…" --as <email quản trị>   thêm một bộ quy tắc kỷ luật có ngày hiệu lực
  add-retention-rule-set <set.json>  --reason "…" --as <email quản trị>   thêm một bộ thời hạn lưu trữ có ngày hiệu lực
  holidays <change.json>             --reason "…" --as <email quản trị>   sửa lịch nghỉ lễ, Tết:
                                            { "set": [{ "date", "name", "type", "unsure"?, "note"? }], "remove": ["YYYY-MM-DD"], "addYears": [2028] }
  loại: ${KINDS}
Thay đổi giống hệt các mutation của ADMIN (cùng kiểm tra, cùng nhật ký, cùng tính lại thời hạn),
ghi vào DATABASE_URL hoặc cơ sở dữ liệu nhúng của npm start; các tiến trình đang chạy nhận biết qua
outbox. Mã thoát: 0 xong, 1 bị từ chối (in lý do), 2 sai cách dùng.`;

function line(v: RuleDataVersion): string {
  const who = v.changedByEmail ?? 'khởi tạo';
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
    process.stderr.write(`không có loại dữ liệu "${arg}" (một trong: ${KINDS})\n`);
    return 2;
  }
  if (writes && (!values.reason || !values.as)) {
    process.stderr.write(`lệnh ${command} cần --reason (lý do) và --as <email quản trị>\n${USAGE}\n`);
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
      if (!account || account.disabled)
        throw withReason(forbidden(`Không có tài khoản đang hoạt động ${values.as}`), 'ACCOUNT_NOT_ACTIVE');
      if (account.role !== Role.ADMIN)
        throw forbidden(
          `Tài khoản ${values.as} có vai trò ${ROLE_WORDS[account.role]}; chỉ Quản trị hệ thống được thay đổi dữ liệu quy tắc`,
        );
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
    let text: string;
    try {
      text = await readFile(arg!, 'utf8');
    } catch {
      throw badInput(`Không đọc được tệp ${arg}`, [], 'FILE_UNREADABLE');
    }
    const tx = await MutationTransaction.begin(ds, ctx);
    let ok = false;
    let saved: RuleDataVersion;
    try {
      if (command === 'holidays') {
        let change: Omit<ChangeHolidayCalendarInput, 'reason'>;
        try {
          change = JSON.parse(text) as Omit<ChangeHolidayCalendarInput, 'reason'>;
        } catch {
          throw badInput(`Tệp ${arg} không phải JSON hợp lệ`, [], 'RULE_DATA_MALFORMED');
        }
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
