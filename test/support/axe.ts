import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

// Browser globals used inside page.evaluate (the project's TypeScript has no DOM library).
declare const axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
declare const document: unknown;
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the current page: its serious and critical violations (expect none). The context must bypass the page's CSP to inject it. */
export async function audit(page: Page, where: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}
