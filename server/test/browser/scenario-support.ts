/**
 * What every browser scenario does: log to stderr with the time since start,
 * poll until something holds, open a page that reports its errors, start the
 * app on a free port, and print the one `RESULT <json>` line run-scenario.ts
 * reads. Scenarios run as their own process (run-scenario.ts), so these run
 * there, never in vitest.
 */
import type { Page } from 'playwright-core';
import { parseCommandLine, type ServerOptions } from '#server/app/options.ts';
import type { LaunchedChromium } from './chromium.ts';

const started = Date.now();

export function log(message: string): void {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

/** Milliseconds since the scenario process started. */
export function elapsedMs(): number {
  return Date.now() - started;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `npm start`'s options on 127.0.0.1 and free ports, plus `args`. */
export function appOptions(args: readonly string[]): ServerOptions {
  const parsed = parseCommandLine(['--host', '127.0.0.1', '--port', '0', ...args]);
  if (parsed.help) throw new Error('unreachable');
  return parsed.options;
}

/** Polls `probe` every `intervalMs` until it returns a value; throws naming `what` after `deadlineMs`. */
export async function waitFor<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>, intervalMs = 250): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * A new page at `url`; its console errors and warnings and uncaught
 * exceptions go to the log. `initScript` (JavaScript source) runs in it
 * before the page's own scripts, on every load.
 */
export async function openPage(browser: LaunchedChromium, url: string, options: { initScript?: string } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') log(`page ${url}: ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => log(`page ${url}: uncaught ${error.message}`));
  if (options.initScript !== undefined) await page.addInitScript({ content: options.initScript });
  await page.goto(url);
  return page;
}

/**
 * Runs the scenario: prints `RESULT <json>` and exits 0, or logs the failure
 * and exits 1. A signal (run-scenario's timeout) exits at once.
 */
export function runMain(main: () => Promise<unknown>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));
  main().then(
    (result) => {
      process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
