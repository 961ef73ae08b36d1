/**
 * npm run lab -- 08-packets read [file] [--count n] [--flows]
 * npm run lab -- 08-packets <file.pcap> [--count n] [--flows]
 * npm run lab -- 08-packets traffic [--port 40808]
 * npm run lab -- 08-packets checksum <hex bytes>
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loopbackCaptureFile } from '#fixtures/loopback/index.ts';
import { decodePacket, readCapture } from '#server/pcap/index.ts';
import { checksumSteps } from './checksum-steps.ts';
import { describePacket } from './describe.ts';
import { FlowTable } from './flows.ts';
import { makeTraffic } from './traffic.ts';

const usage = `usage:
  npm run lab -- 08-packets read [file] [--count n] [--flows]
      decode every packet of a pcap/pcapng capture: Ethernet (or Linux cooked), IPv4/IPv6, TCP/UDP,
      with the checksums checked, then a summary per flow (default file: the shipped loopback capture,
      server/fixtures/loopback/loopback.pcap)
  npm run lab -- 08-packets <file.pcap> [--count n] [--flows]
      the same for your own capture
  npm run lab -- 08-packets traffic [--port 40808]
      play the shipped capture's conversation on loopback (TCP and UDP, IPv4 and IPv6), to capture
      it yourself: sudo tcpdump -i lo -w my.pcap 'port 40808 or port 40809'
  npm run lab -- 08-packets checksum <hex bytes>
      the Internet checksum (RFC 1071) of some bytes, step by step
options:
  --count <n>   print only the first n packets (the flow summary still counts them all)
  --flows       print only the flow summary`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    count: { type: 'string' },
    flows: { type: 'boolean', default: false },
    port: { type: 'string', default: '40808' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, argument] = positionals;

function numberOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    console.error(`08-packets: --${name} must be an integer from ${min} to ${max}, got "${text}"`);
    process.exit(2);
  }
  return value;
}

function read(file: string): void {
  const packets = readCapture(readFileSync(file));
  const limit = values.count === undefined ? Infinity : numberOption('count', values.count, 0, 10_000_000);
  const flows = new FlowTable();
  const startUs = packets[0]?.timestampUs ?? 0;
  console.log(`${file}: ${packets.length} packets`);
  packets.forEach((packet, i) => {
    const decoded = decodePacket(packet);
    flows.add(decoded);
    if (!values.flows && i < limit) console.log(describePacket(i + 1, decoded, startUs).join('\n'));
  });
  console.log(`\n${flows.lines().join('\n')}`);
}

// `... read | head` closes the pipe early: that is the reader being done, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

try {
  if (values.help || command === undefined) {
    console.log(usage);
  } else if (command === 'read') {
    read(argument ?? loopbackCaptureFile);
  } else if (command === 'traffic') {
    await makeTraffic({ port: numberOption('port', values.port, 1, 65534), log: (line) => console.log(line) });
  } else if (command === 'checksum') {
    const hex = positionals.slice(1).join('').replace(/\s+/g, '');
    if (!/^([0-9a-f]{2})+$/i.test(hex)) {
      console.error(`08-packets: checksum needs bytes in hex, like "00 01 f2 03 f4 f5 f6 f7"\n${usage}`);
      process.exit(2);
    }
    console.log(checksumSteps(Uint8Array.from(Buffer.from(hex, 'hex'))).join('\n'));
  } else {
    read(command);
  }
} catch (error) {
  // A file that cannot be read or parsed, a port in use: its message, not a stack trace.
  const code = (error as { code?: unknown }).code;
  if (!(error instanceof Error) || typeof code !== 'string') throw error;
  console.error(`08-packets: ${error.message} (${code})`);
  process.exitCode = 1;
}
