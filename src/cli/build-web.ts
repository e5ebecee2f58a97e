import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Bundles the browser code (src/web/board and src/web/graphiql) with Vite into dist/web/, each
 * page with its own base path, every script, style sheet and font as a file of its own (nothing
 * inlined as data: URIs, nothing loaded from another host). Skipped when neither the sources,
 * the lock file nor this script changed since the last build (npm test builds every time).
 */
const root = path.resolve(__dirname, '..', '..', '..');
const sourceDir = path.join(root, 'src', 'web');
const outDir = path.join(root, 'dist', 'web');
const stampFile = path.join(outDir, '.build-stamp');

/** Each page and the path the server serves it under (see src/http/web-pages.ts). */
const PAGES = [
  { name: 'board', base: '/board/' },
  { name: 'graphiql', base: '/graphiql/' },
] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

function sourceStamp(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(sourceDir), path.join(root, 'package-lock.json'), __filename]) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

async function main() {
  const force = process.argv.includes('--force');
  const stamp = sourceStamp();
  const built = PAGES.every((p) => existsSync(path.join(outDir, p.name, 'index.html')));
  if (!force && built && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    process.stdout.write('web: dist/web đã mới nhất\n');
    return;
  }
  const vite = await import('vite');
  for (const page of PAGES) {
    const started = Date.now();
    await vite.build({
      configFile: false,
      root: path.join(sourceDir, page.name),
      base: page.base,
      logLevel: 'warn',
      publicDir: false,
      oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
      worker: { format: 'es' },
      build: {
        outDir: path.join(outDir, page.name),
        emptyOutDir: true,
        // Fonts and images as files, so the CSP needs no data: source.
        assetsInlineLimit: 0,
        modulePreload: { polyfill: false },
        // GraphiQL's editor (Monaco) is large by nature; it is only served outside production.
        chunkSizeWarningLimit: 6000,
        reportCompressedSize: false,
        rolldownOptions: {
          // React libraries mark modules "use client" for server components; meaningless in a bundle.
          onwarn(warning, warn) {
            if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
          },
        },
      },
    });
    process.stdout.write(`web: đã dựng ${page.name} trong ${((Date.now() - started) / 1000).toFixed(1)} giây\n`);
  }
  writeFileSync(stampFile, stamp);
}

main().catch((err: unknown) => {
  process.stderr.write(`web: dựng trang không thành: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
