/**
 * npm run lab -- 12-mesh start [npm start options]
 * npm run lab -- 12-mesh report [snapshots.json] [--capacity 5000]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBanner } from '#server/app/banner.ts';
import { OptionsError, parseCommandLine, USAGE } from '#server/app/options.ts';
import { startApp } from '#server/app/start.ts';
import { largestMesh, meshUsage, projectedUplinkKbps, type StatsSnapshot } from '#solutions/12-mesh/usage.ts';

const SAMPLE = fileURLToPath(new URL('samples/alice-4-peers.json', import.meta.url));

const usage = `usage:
  npm run lab -- 12-mesh start [--port 3000] [--host 127.0.0.1] [--https] ...
      the mesh call (npm start -- --mode mesh; the other npm start options work here)
  npm run lab -- 12-mesh report [snapshots.json] [--capacity 5000]
      what one participant sent and received per peer connection, from two call.statsSnapshot()
      results saved as a JSON array [before, after] (default: a recorded 4-person call), and
      the uplink the same call would need with more people`;

const [command, ...rest] = process.argv.slice(2);

async function start(args: string[]): Promise<void> {
  let parsed;
  try {
    // npm start runs the SFU by default; this lab is the mesh.
    parsed = parseCommandLine(['--mode', 'mesh', ...args], process.env);
    if (!parsed.help && parsed.options.mode !== 'mesh') throw new OptionsError('--mode must be mesh in this lab (npm start runs the SFU)');
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    console.error(`12-mesh: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const app = await startApp(parsed.options);
  console.log(startBanner(app));
  console.log('\nIn a tab that is in the call, open the console (F12) and try: call.peers, or');
  console.log('  const a = await call.statsSnapshot(); await new Promise((r) => setTimeout(r, 2000));');
  console.log('  copy(JSON.stringify([a, await call.statsSnapshot()]))     // then paste into a file for `report`');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
}

function report(args: string[]): void {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { capacity: { type: 'string', default: '5000' } } });
  const capacity = Number(values.capacity);
  if (!(capacity >= 0)) {
    console.error(`12-mesh: --capacity must be a number of kbit/s, got "${values.capacity}"`);
    process.exit(2);
  }
  const file = positionals[0] ?? SAMPLE;
  const snapshots = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(snapshots) || snapshots.length !== 2) {
    console.error(`12-mesh: ${file} must hold a JSON array of two call.statsSnapshot() results`);
    process.exit(2);
  }
  const [before, after] = snapshots as [StatsSnapshot, StatsSnapshot];
  const measured = meshUsage(before, after);
  console.log(`${path.relative(process.cwd(), file)}: ${measured.peerConnections} peer connections, ${(after.at - before.at) / 1000} s apart\n`);
  console.log(`  ${'peer'.padEnd(12)}${'sent kbit/s'.padStart(12)}${'received kbit/s'.padStart(17)}`);
  for (const peer of measured.measured) console.log(`  ${peer.name.slice(0, 11).padEnd(12)}${peer.sentKbps.toFixed(1).padStart(12)}${peer.receivedKbps.toFixed(1).padStart(17)}`);
  console.log(`  ${'total'.padEnd(12)}${measured.uplinkKbps.toFixed(1).padStart(12)}${measured.downlinkKbps.toFixed(1).padStart(17)}`);
  console.log(`\n  ${measured.videoEncoders} video encoders ran: the camera is encoded once per peer connection.\n`);
  console.log('  the same stream to more people:');
  for (const participants of [2, 3, 4, 6, 8, 10]) {
    console.log(`    ${String(participants).padStart(2)} participants: uplink ${projectedUplinkKbps(measured, participants).toFixed(0).padStart(6)} kbit/s`);
  }
  console.log(`\n  largest mesh on a ${capacity} kbit/s uplink: ${largestMesh(measured, capacity)} participants`);
}

if (command === 'start') await start(rest);
else if (command === 'report') report(rest);
else {
  console.log(usage);
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}
