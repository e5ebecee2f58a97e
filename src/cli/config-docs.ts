import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS } from '../config/config';

/**
 * Rewrites `.env.example` and the configuration table of docs/configuration.md from the
 * settings declared in src/config/config.ts, so the three never drift (a test checks they list
 * the same keys).
 */
const root = path.resolve(__dirname, '..', '..', '..');
const entries = Object.entries(SETTINGS) as Array<[string, { description: string; default: string | undefined }]>;

let env = '# Every variable the service reads, with its default. Copy to .env or set in the environment.\n';
env += '# (npm start does not read .env by itself: export the variables or use your process manager.)\n\n';
for (const [key, s] of entries) {
  env += `# ${s.description.replace(/`/g, '')}\n${s.default === undefined ? `# ${key}=` : `${key}=${s.default}`}\n\n`;
}
writeFileSync(path.join(root, '.env.example'), env);

let table = '| Variable | Default | Description |\n| --- | --- | --- |\n';
for (const [key, s] of entries) {
  table += `| \`${key}\` | ${s.default === undefined ? '(unset)' : `\`${s.default}\``} | ${s.description.replace(/\|/g, '\\|')} |\n`;
}
const docPath = path.join(root, 'docs', 'configuration.md');
const doc = readFileSync(docPath, 'utf8');
const start = '<!-- config-table:start -->';
const end = '<!-- config-table:end -->';
const i = doc.indexOf(start);
const j = doc.indexOf(end);
if (i < 0 || j < i) throw new Error(`docs/configuration.md lacks the ${start} … ${end} markers`);
writeFileSync(docPath, doc.slice(0, i + start.length) + '\n' + table + doc.slice(j));
process.stdout.write('wrote .env.example and the table of docs/configuration.md\n');
