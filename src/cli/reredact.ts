import 'reflect-metadata';
import { createDataSource } from '../../ormconfig';
import { resolveReportSecrets } from '../app';
import { loadConfig } from '../config/config';
import { createLogger } from '../common/logger';
import { IdentityCipher, Keyring } from '../modules/reports/identity-cipher';
import { SealedReportSecrets } from '../modules/reports/reports.policies';
import { reredactReports } from '../modules/reports/reports.reredact';
import { runTool, toolDatabase } from './tool-database';

/**
 * `npm run reredact`: recomputes the redacted copies of every report and timeline note from the
 * texts as written and the reporter's stored identity (reports stored before redaction existed,
 * an identity corrected by an operator, better rules). Safe beside a running server; a second
 * run changes nothing.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const db = await toolDatabase(config, createLogger('warn'));
  const ds = createDataSource({ url: db.url, poolSize: 2 });
  await ds.initialize();
  try {
    const { identityKeys, receiptSecret } = await resolveReportSecrets(config);
    const secrets = new SealedReportSecrets(new IdentityCipher(Keyring.fromConfig(identityKeys)), receiptSecret);
    const r = await reredactReports(ds, secrets);
    process.stdout.write(
      `đã che lại thông tin ${r.reportsChanged} trên ${r.reports} đơn thư và ${r.notesChanged} ghi chú diễn biến` +
        (r.skipped ? `; ${r.skipped} đơn thay đổi trong lúc chạy, hãy chạy lại` : '') +
        '\n',
    );
    return 0;
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

runTool(main, (err) => `che lại thông tin không thành: ${err instanceof Error ? err.message : String(err)}`);
