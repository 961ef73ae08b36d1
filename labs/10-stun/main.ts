/**
 * npm run lab -- 10-stun server [--port 3478] [--host 127.0.0.1] [--software <text>] [--stats 10] [--loss 0] [--quiet] [--hex]
 * npm run lab -- 10-stun client [--port 3478] [--host 127.0.0.1] [--rto 500] [--transmissions 7] [--software <text>] [--hex]
 */
import { parseArgs } from 'node:util';
import { runClient } from './client.ts';
import { DEFAULT_RTO_MS, DEFAULT_TRANSMISSIONS } from './retransmit.ts';
import { runServer } from './serve.ts';

const SOFTWARE = 'webrtc-sfu-course 10-stun';

const usage = `usage:
  npm run lab -- 10-stun server [--port 3478] [--host 127.0.0.1] [--software "${SOFTWARE}"] [--stats 10] [--loss 0] [--quiet] [--hex]
      answer STUN Binding requests: XOR-MAPPED-ADDRESS, SOFTWARE, FINGERPRINT; drop and count the rest.
      Prints the counts every --stats seconds when they changed (0: never), on SIGUSR2 and at exit.
      --loss 0.5 throws away half of what arrives, unread, to watch the client retransmit.
      A browser uses it with new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:3478' }] })
  npm run lab -- 10-stun client [--port 3478] [--host 127.0.0.1] [--rto ${DEFAULT_RTO_MS}] [--transmissions ${DEFAULT_TRANSMISSIONS}] [--software "${SOFTWARE}"] [--hex]
      send one Binding request, retransmitted as RFC 8489 §6.2.1 says; print the mapped address,
      the RTT and the response's attributes (--hex: both messages byte by byte)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '3478' },
    host: { type: 'string', default: '127.0.0.1' },
    software: { type: 'string', default: SOFTWARE },
    stats: { type: 'string', default: '10' },
    loss: { type: 'string', default: '0' },
    quiet: { type: 'boolean', default: false },
    hex: { type: 'boolean', default: false },
    rto: { type: 'string', default: String(DEFAULT_RTO_MS) },
    transmissions: { type: 'string', default: String(DEFAULT_TRANSMISSIONS) },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

/** Parses an integer option within [min, max], or exits with a message naming it. */
function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min || value > max) {
    console.error(`10-stun: --${name} must be an integer from ${min} to ${max}, got "${text}"`);
    process.exit(2);
  }
  return value;
}

function fractionOption(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value <= 1)) {
    console.error(`10-stun: --${name} must be a number from 0 to 1, got "${text}"`);
    process.exit(2);
  }
  return value;
}

if (command === 'server') {
  await runServer({
    port: integerOption('port', values.port, 0, 65_535),
    host: values.host,
    software: values.software,
    loss: fractionOption('loss', values.loss),
    statsEverySeconds: integerOption('stats', values.stats, 0, 86_400),
    quiet: values.quiet,
    hex: values.hex,
  });
} else if (command === 'client') {
  process.exitCode = await runClient({
    host: values.host,
    port: integerOption('port', values.port, 1, 65_535),
    rtoMs: integerOption('rto', values.rto, 1, 60_000),
    transmissions: integerOption('transmissions', values.transmissions, 1, 20),
    software: values.software,
    hex: values.hex,
  }).catch((error: Error) => {
    console.error(`10-stun client: ${error.message}`); // e.g. a --host that does not resolve
    return 1;
  });
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
