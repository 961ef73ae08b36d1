/**
 * The sending end of the kernel comparison, run inside the lab's network
 * namespace by netns-run.ts (not meant to be started by hand):
 *
 *   ip netns exec <ns> node --import tsx namespace-sender.ts --host <addr> --tcp-port <p> --udp-port <q>
 *                                                            --rate 50 --count 500 --size 1000
 *
 * It sends every frame twice, at the same moment: once as a UDP datagram and
 * once as a length-prefixed message on a TCP connection (Nagle off, so each
 * frame leaves at once, as a real-time sender would set it). It prints one
 * line when done and exits after the TCP stream is closed.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { encodeFrame } from '#solutions/04-tcp/framing.ts';
import { encodeMediaFrame, paceFrames, wallClockMs } from './media-frame.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    'tcp-port': { type: 'string', default: '0' },
    'udp-port': { type: 'string', default: '0' },
    rate: { type: 'string', default: '50' },
    count: { type: 'string', default: '500' },
    size: { type: 'string', default: '1000' },
  },
});
const host = values.host;
const [tcpPort, udpPort, rate, count, size] = [values['tcp-port'], values['udp-port'], values.rate, values.count, values.size].map(Number) as [number, number, number, number, number];

const tcp = net.connect({ host, port: tcpPort, noDelay: true });
await new Promise<void>((resolve, reject) => {
  tcp.once('connect', resolve);
  tcp.once('error', reject);
});
const udp = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
udp.on('error', () => {});
let written = 0;
await paceFrames(rate, count, (sequence) => {
  const frame = encodeMediaFrame({ sequence, sentAtMs: wallClockMs() }, size);
  udp.send(frame, udpPort, host);
  // A frame the socket cannot take at once is queued by Node: TCP never drops it, it only delays it.
  tcp.write(encodeFrame(frame));
  written += 1;
});
await new Promise<void>((resolve) => tcp.end(resolve));
udp.close();
console.log(`sent ${written} frames`);
