import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, loadConfig, parseConfig } from '../config.ts';

describe('03-signals: parseConfig', () => {
  it('reads the greeting and the shutdown deadline', () => {
    expect(parseConfig('{ "greeting": "hi there", "shutdownDeadlineMs": 250 }')).toEqual({ greeting: 'hi there', shutdownDeadlineMs: 250 });
  });

  it('takes the defaults for missing keys', () => {
    expect(parseConfig('{}')).toEqual(defaultConfig);
    expect(parseConfig('{ "shutdownDeadlineMs": 0 }')).toEqual({ ...defaultConfig, shutdownDeadlineMs: 0 });
  });

  const invalid: Array<{ name: string; text: string }> = [
    { name: 'text that is not JSON', text: '{ greeting: hi }' },
    { name: 'JSON that is not an object', text: '["hello"]' },
    { name: 'null', text: 'null' },
    { name: 'a greeting that is not a string', text: '{ "greeting": 42 }' },
    { name: 'an empty greeting', text: '{ "greeting": "" }' },
    { name: 'a greeting over two lines', text: '{ "greeting": "a\\nb" }' },
    { name: 'a negative deadline', text: '{ "shutdownDeadlineMs": -1 }' },
    { name: 'a fractional deadline', text: '{ "shutdownDeadlineMs": 1.5 }' },
    { name: 'a deadline given as a string', text: '{ "shutdownDeadlineMs": "100" }' },
    { name: 'an unknown key (a typo)', text: '{ "greting": "hi" }' },
  ];
  for (const { name, text } of invalid) {
    it(`rejects ${name} with a ConfigError`, () => {
      expect(() => parseConfig(text)).toThrow(ConfigError);
    });
  }
});

describe('03-signals: loadConfig', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads and parses a file', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'course-03-signals-'));
    const file = path.join(dir, 'config.json');
    writeFileSync(file, '{ "greeting": "from a file" }');
    expect(await loadConfig(file)).toEqual({ ...defaultConfig, greeting: 'from a file' });
  });

  it('turns a missing file into a ConfigError that names it', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'course-03-signals-'));
    const missing = path.join(dir, 'nope.json');
    await expect(loadConfig(missing)).rejects.toThrow(ConfigError);
    await expect(loadConfig(missing)).rejects.toThrow(missing);
  });
});
