import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPidFile, writePidFile } from '../pid-file.ts';

let dir: string;
let pidFile: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'course-03-daemon-'));
  pidFile = path.join(dir, 'daemon.pid');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('03-daemon: readPidFile', () => {
  it('reads the pid, ignoring the whitespace around it', () => {
    writeFileSync(pidFile, '4242\n');
    expect(readPidFile(pidFile)).toBe(4242);
    writeFileSync(pidFile, '  17  ');
    expect(readPidFile(pidFile)).toBe(17);
  });

  it('returns undefined when there is no pid file', () => {
    expect(readPidFile(pidFile)).toBeUndefined();
  });

  it('returns undefined for content that is not a positive integer (kill(0) and kill(-1) hit more than one process)', () => {
    for (const content of ['', '\n', 'abc', '0', '-1', '1.5', '12abc', '4242 4243', '99999999999999999999']) {
      writeFileSync(pidFile, content);
      expect(readPidFile(pidFile), JSON.stringify(content)).toBeUndefined();
    }
  });
});

describe('03-daemon: writePidFile', () => {
  it('writes the pid in decimal and a newline, replacing the old content and leaving no other file', () => {
    writePidFile(pidFile, 1234);
    expect(readFileSync(pidFile, 'utf8')).toBe('1234\n');
    writePidFile(pidFile, 99);
    expect(readFileSync(pidFile, 'utf8')).toBe('99\n');
    expect(readdirSync(dir)).toEqual(['daemon.pid']);
  });
});
