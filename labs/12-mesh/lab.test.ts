/** The lab as a process: the report on the recorded call, and the mesh app it starts. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';

const MAIN = path.join(labsDir, '12-mesh', 'main.ts');
const processes: RunningProcess[] = [];
afterEach(() => processes.splice(0).forEach((child) => child.kill()));

function lab(...args: string[]): RunningProcess {
  const child = runTypeScript(MAIN, args);
  processes.push(child);
  return child;
}

describe('12-mesh: the lab', () => {
  it('reports the recorded 4-person call: per peer, in all, and projected', async () => {
    const report = lab('report', '--capacity', '1000');
    expect((await report.waitForExit(15_000)).code).toBe(0);
    const out = report.stdout();
    expect(out).toMatch(/3 peer connections, 2\.017 s apart/);
    expect(out).toMatch(/bob +249\.7 +243\.6/);
    expect(out).toMatch(/total +728\.2 +726\.0/);
    expect(out).toContain('3 video encoders ran');
    expect(out).toMatch(/6 participants: uplink +1214 kbit\/s/);
    expect(out).toContain('largest mesh on a 1000 kbit/s uplink: 5 participants');
  });

  it('starts the mesh app, like npm start, and passes its options on', async () => {
    const started = lab('start', '--port', '0');
    const [, origin] = await started.waitForLine(/^mesh call on (http:\/\/127\.0\.0\.1:\d+)\/$/, 15_000);
    expect(await (await fetch(`${origin!}/healthz`)).json()).toMatchObject({ status: 'ok', mode: 'mesh' });
    await started.waitForLine(/call\.statsSnapshot\(\)/);
    const refused = lab('start', '--mode', 'sfu');
    expect((await refused.waitForExit(15_000)).code).toBe(2);
    expect(refused.stderr()).toContain('--mode must be mesh in this lab');
  });
});
