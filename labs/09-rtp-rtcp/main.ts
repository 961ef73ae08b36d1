/**
 * npm run lab -- 09-rtp-rtcp pcap <file> [--sdp <file>] [--every 2] [--packets 0] [--rtcp all]
 * npm run lab -- 09-rtp-rtcp listen [--port 5004] [--host 127.0.0.1] [--sdp <file>] [--every 1] [--duration <s>] ...
 * npm run lab -- 09-rtp-rtcp replay <file> [--port 5004] [--host 127.0.0.1] [--speed 1]
 */
import { parseArgs } from 'node:util';
import { inspectCapture } from './capture.ts';
import type { InspectorOptions } from './inspector.ts';
import { listen } from './listen.ts';
import { chromiumMediaMap, mediaMapFromSdp } from './media-map.ts';
import { replay } from './replay.ts';
import { RTCP_NAMES } from './rtcp-lines.ts';
import { LiveScreen, LogScreen } from './screen.ts';

const usage = `usage:
  npm run lab -- 09-rtp-rtcp pcap <file> [--sdp <file>] [--every 2] [--packets 0] [--rtcp all]
      inspect the RTP and RTCP of a pcap/pcapng capture: RTCP lines as they come, a table every
      --every seconds of capture time (0: none), and a final table
  npm run lab -- 09-rtp-rtcp listen [--port 5004] [--host 127.0.0.1] [--sdp <file>] [--every 1] [--duration <s>]
      inspect RTP/RTCP arriving on a UDP socket, live; Ctrl-C stops with a final table
  npm run lab -- 09-rtp-rtcp replay <file> [--port 5004] [--host 127.0.0.1] [--speed 1]
      send a capture's RTP and RTCP to host:port with its original timing
options:
  --sdp <file>     take payload types, clock rates and extension ids from this SDP (default: Chromium's)
  --packets <n>    also print the first n RTP packets of each SSRC, header extensions decoded
  --rtcp <names>   which RTCP packets to print: all, none, or a list like sr,rr,nack,pli
                   (${Object.values(RTCP_NAMES).join(', ').toLowerCase()})`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '5004' },
    host: { type: 'string', default: '127.0.0.1' },
    sdp: { type: 'string' },
    every: { type: 'string' },
    packets: { type: 'string', default: '0' },
    rtcp: { type: 'string', default: 'all' },
    duration: { type: 'string' },
    speed: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, file] = positionals;

/** A number option within [min, max], or exit naming it. */
function numberOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    console.error(`09-rtp-rtcp: --${name} must be a number from ${min} to ${max}, got "${text}"`);
    process.exit(2);
  }
  return value;
}

function requireFile(): string {
  if (file === undefined) {
    console.error(`09-rtp-rtcp: ${command} needs a capture file\n${usage}`);
    process.exit(2);
  }
  return file;
}

function inspectorOptions(live: boolean): InspectorOptions {
  const names = values.rtcp.toUpperCase();
  return {
    media: values.sdp === undefined ? chromiumMediaMap() : mediaMapFromSdp(values.sdp),
    screen: live && process.stdout.isTTY ? new LiveScreen() : new LogScreen(),
    rtcp: names === 'ALL' ? undefined : new Set(names === 'NONE' ? [] : names.split(',').map((name) => name.trim())),
    packetsPerStream: numberOption('packets', values.packets, 0, 1_000_000),
  };
}

// `... pcap <file> | head` closes the pipe early: that is the reader being done, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const port = numberOption('port', values.port, 0, 65535);
try {
  if (command === 'pcap') {
    inspectCapture(requireFile(), numberOption('every', values.every ?? '2', 0, 3600) * 1000, inspectorOptions(false));
  } else if (command === 'listen') {
    const durationMs = values.duration === undefined ? undefined : numberOption('duration', values.duration, 0, 86_400) * 1000;
    const everyMs = numberOption('every', values.every ?? '1', 0.1, 3600) * 1000;
    await listen({ port, host: values.host, everyMs, durationMs }, inspectorOptions(true));
  } else if (command === 'replay') {
    await replay({ file: requireFile(), port, host: values.host, speed: numberOption('speed', values.speed, 0.1, 100) });
  } else {
    console.log(usage);
    process.exitCode = command === undefined || values.help ? 0 : 2;
  }
} catch (error) {
  // A file that cannot be read or parsed, a port in use: its message, not a stack trace.
  const code = (error as { code?: unknown }).code;
  if (!(error instanceof Error) || typeof code !== 'string') throw error;
  console.error(`09-rtp-rtcp: ${error.message} (${code})`);
  process.exitCode = 1;
}
