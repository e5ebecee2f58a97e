import 'reflect-metadata';
import { createDataSource } from '../../ormconfig';
import { resolveReportSecrets } from '../app';
import { loadConfig } from '../config/config';
import { createLogger } from '../common/logger';
import { IdentityCipher, Keyring } from '../modules/reports/identity-cipher';
import { reencryptIdentities } from '../modules/reports/reports.reencrypt';
import { runTool, toolDatabase } from './tool-database';

/**
 * `npm run reencrypt`: re-wraps every report's data key and re-seals receipt codes under the
 * active key of IDENTITY_KEYS (put the new key first, keep the old ones after it until this
 * reports nothing left to do), and moves identities still sealed `v1` under their report's own
 * data key, so they can be crypto-shredded on retention.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const db = await toolDatabase(config, createLogger('warn'));
  const ds = createDataSource({ url: db.url, poolSize: 2 });
  await ds.initialize();
  try {
    const keyring = Keyring.fromConfig((await resolveReportSecrets(config)).identityKeys);
    const { scanned, rotated, migrated } = await reencryptIdentities(ds, new IdentityCipher(keyring));
    process.stdout.write(
      `đã mã hóa lại ${rotated} trên ${scanned} giá trị bằng khóa ${keyring.activeKeyId}${migrated ? ` (${migrated} giá trị danh tính chuyển từ dạng v1 sang khóa dữ liệu riêng của đơn)` : ''}\n`,
    );
    return 0;
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

runTool(main, (err) => `mã hóa lại không thành: ${err instanceof Error ? err.message : String(err)}`);
