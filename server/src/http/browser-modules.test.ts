/**
 * BrowserModules: the server's TypeScript served as browser JavaScript, only
 * for the entries and what they import, and never a module a browser could
 * not load. Runs on a temporary source tree, then on the app's real entries.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BROWSER_MODULE_ENTRIES, SOURCE_ROOT } from '../app/start.ts';
import { BrowserModules } from './browser-modules.ts';
import { HttpError } from './errors.ts';

const root = mkdtempSync(path.join(tmpdir(), 'browser-modules-'));
function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}
write('lib/entry.ts', "import type { Shape } from './types.ts';\nimport { area } from '../math/area.ts';\nexport const describe = (shape: Shape): string => `area ${area(shape)}`;\n");
write('lib/types.ts', 'export interface Shape { w: number; h: number }\n');
write('math/area.ts', "export function area(shape: { w: number; h: number }): number { return shape.w * shape.h; }\n");
write('math/unused.ts', 'export const unused = 1;\n');
write('node/uses-fs.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
write('node/imports-node.ts', "import { read } from './uses-fs.ts';\nexport { read };\n");
write('escape/entry.ts', "import { x } from '../../outside.ts';\nexport { x };\n");
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('BrowserModules', () => {
  it('serves an entry and its run-time imports, with types stripped, and nothing else', async () => {
    const modules = new BrowserModules({ sourceRoot: root, entries: ['lib/entry.ts'] });
    // The type-only import leaves no import behind, so types.ts is not served.
    expect(await modules.prepare()).toEqual(['lib/entry.ts', 'math/area.ts']);
    const code = await modules.load('lib/entry.ts');
    expect(code).toContain("import { area } from '../math/area.ts';");
    expect(code).not.toMatch(/types\.ts|: Shape|: string/);
    expect(code).toMatch(/sourceMappingURL=data:application\/json;base64,/);
    const module = (await import(`data:text/javascript,${encodeURIComponent(await modules.load('math/area.ts'))}`)) as { area: (s: { w: number; h: number }) => number };
    expect(module.area({ w: 3, h: 4 })).toBe(12);
  });

  it.each(['math/unused.ts', 'lib/types.ts', 'node/uses-fs.ts', '../outside.ts'])('answers NOT_FOUND for %s, which no entry imports', async (modulePath) => {
    const modules = new BrowserModules({ sourceRoot: root, entries: ['lib/entry.ts'] });
    await expect(modules.load(modulePath)).rejects.toSatisfy((error) => error instanceof HttpError && error.code === 'NOT_FOUND');
  });

  it('refuses, at prepare(), an entry that imports node:fs even through another module', async () => {
    await expect(new BrowserModules({ sourceRoot: root, entries: ['node/imports-node.ts'] }).prepare()).rejects.toThrow(/imports "node:fs"/);
  });

  it('refuses an import that leaves the source root, and a missing entry', async () => {
    await expect(new BrowserModules({ sourceRoot: root, entries: ['escape/entry.ts'] }).prepare()).rejects.toThrow(/outside server\/src/);
    await expect(new BrowserModules({ sourceRoot: root, entries: ['lib/missing.ts'] }).prepare()).rejects.toThrow(/no file/);
  });

  it('transpiles again when a file changes', async () => {
    write('live/value.ts', 'export const value: number = 1;\n');
    const modules = new BrowserModules({ sourceRoot: root, entries: ['live/value.ts'] });
    expect(await modules.load('live/value.ts')).toContain('value = 1');
    write('live/value.ts', 'export const value: number = 2;\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(root, 'live/value.ts'), later, later);
    expect(await modules.load('live/value.ts')).toContain('value = 2');
  });

  it("prepares the app's real entries: the signaling client and call-stats, with no Node import anywhere", async () => {
    const modules = new BrowserModules({ sourceRoot: SOURCE_ROOT, entries: BROWSER_MODULE_ENTRIES });
    const served = await modules.prepare();
    expect(served).toEqual(expect.arrayContaining(['signaling/client.ts', 'call-stats/index.ts', 'call-stats/sample.ts', 'call-stats/rates.ts']));
    for (const modulePath of served) expect(await modules.load(modulePath)).not.toMatch(/from ['"]node:/);
  });
});
