/**
 * Whether a browser test file can run: with no Chromium, its tests are
 * skipped, loudly, unless REQUIRE_BROWSER=1 (CI), where a failing test says why.
 * Call it once at the top of a test file, during collection.
 */
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, REQUIRE_BROWSER } from './chromium.ts';

export function chromiumForTests(what: string): boolean {
  const available = chromiumAvailable();
  if (!available) {
    const action = REQUIRE_BROWSER ? 'FAILING (REQUIRE_BROWSER=1)' : 'SKIPPING';
    console.warn(`\n*** browser tests: no Chromium at ${CHROMIUM_PATH}: ${action} ${what}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH. ***\n`);
  }
  describe.runIf(!available && REQUIRE_BROWSER)(`${what} without Chromium`, () => {
    it('fail because REQUIRE_BROWSER=1 and Chromium is missing', () => {
      expect.fail(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}`);
    });
  });
  return available;
}
