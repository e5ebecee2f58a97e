import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's `chromium` package (apt-get install chromium) puts the browser, and its usual alternatives. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/usr/bin/google-chrome'];

/**
 * The browser the tests drive: CHROMIUM_PATH, or the first installed candidate. Missing, it fails
 * the test with what to do: the browser test is never skipped (CI installs chromium, .ci/run).
 */
export function chromiumPath(): string {
  const configured = process.env['CHROMIUM_PATH'];
  for (const file of configured ? [configured] : CANDIDATES) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    configured
      ? `CHROMIUM_PATH=${configured} is not an executable file`
      : `No chromium found (looked at ${CANDIDATES.join(', ')}). Install Debian's browser: apt-get install -y chromium, or set CHROMIUM_PATH.`,
  );
}

/** Headless chromium through playwright-core (no browser download; Debian's binary). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // As root (CI containers) chromium refuses to start with its sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}
