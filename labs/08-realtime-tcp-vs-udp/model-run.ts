/**
 * The comparison without privileges: both streams through the lossy UDP proxy
 * of server/src/netem, with the same impairment.
 *
 * - UDP: each frame is one datagram; a lost one is simply gone.
 * - "TCP": each frame goes through lab 08-reliable-udp's transport, which
 *   delivers like TCP does (in order, every byte, retransmitting with an
 *   RFC 6298 RTO, fast retransmit on three duplicate ACKs), with Linux's RTO
 *   floor of 200 ms and the default initial RTO of 1 s. It is a model of
 *   TCP's delivery, not kernel TCP: see the README for how they differ.
 */
import dgram from 'node:dgram';
import { bindUdpSocket } from '#server/media/udp-sockets.ts';
import { LossyUdpProxy } from '#server/netem/index.ts';
import { openUdpReceiver, openUdpSender } from '../08-reliable-udp/udp-endpoint.ts';
import { encodeMediaFrame, paceFrames, wallClockMs } from './media-frame.ts';
import { type RunOptions, type StreamLogs, recordArrival, waitUntil } from './stream-log.ts';

/** Linux's TCP_RTO_MIN; RFC 6298 says 1 s, and every major stack goes lower. */
const TCP_LIKE_RTO = { minRtoMs: 200, initialRtoMs: 1000 };
/** Enough for a second of 1000-byte frames at any rate this lab uses: the window never limits the stream. */
const TCP_LIKE_WINDOW = 256;

/** Runs both streams; returns how the path was made, for the report's title. */
export async function runModel(options: RunOptions, { udp, tcp }: StreamLogs): Promise<string> {
  const proxyOptions = { toTarget: options.forward, toClient: options.backward, seed: options.seed };

  const udpReceiver = (await bindUdpSocket({ address: '127.0.0.1' })).socket;
  udpReceiver.on('message', (datagram) => recordArrival(udp, datagram));
  const udpProxy = await LossyUdpProxy.start({ target: addressOf(udpReceiver), ...proxyOptions });
  const udpSender = (await bindUdpSocket({ address: '127.0.0.1' })).socket;

  const tcpReceiver = await openUdpReceiver({ windowSegments: TCP_LIKE_WINDOW });
  tcpReceiver.receiver.on('data', (payload) => recordArrival(tcp, payload));
  const tcpProxy = await LossyUdpProxy.start({ target: tcpReceiver.address, ...proxyOptions });
  const tcpSender = await openUdpSender({ to: tcpProxy.address, windowSegments: TCP_LIKE_WINDOW, rto: TCP_LIKE_RTO, maxPayloadBytes: Math.max(options.size, 12) });
  let tcpFinished = false;
  tcpSender.sender.once('finish', () => (tcpFinished = true));
  tcpSender.sender.once('error', (error) => tcp.notes.push(`transport gave up: ${error.message}`));

  try {
    await paceFrames(options.rate, options.count, (sequence) => {
      const frame = encodeMediaFrame({ sequence, sentAtMs: wallClockMs() }, options.size);
      udpSender.send(frame, udpProxy.address.port, udpProxy.address.address);
      udp.sent += 1;
      tcpSender.sender.write(frame);
      tcp.sent += 1;
    });
    tcpSender.sender.end();
    // The reliable stream may still be repairing its last losses; datagrams in flight need one delay more.
    await waitUntil(() => tcpFinished, 30_000);
    await waitUntil(() => udpProxy.stats.toTarget.inFlight + udpProxy.stats.toTarget.held === 0, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    const { timeout, fast, partialAck } = tcpSender.sender.stats.retransmissions;
    tcp.notes.push(`retransmitted ${timeout + fast + partialAck} frames (${fast} fast, ${partialAck} on a partial ACK, ${timeout} after a timeout)`);
    udp.notes.push(`proxy dropped ${udpProxy.stats.toTarget.dropped} of ${udpProxy.stats.toTarget.received} datagrams`);
    await tcpSender.close();
    await Promise.all([udpProxy.close(), tcpProxy.close(), tcpReceiver.close(), closeSocket(udpReceiver), closeSocket(udpSender)]);
  }
  return 'user-space proxy on loopback; TCP modelled by 08-reliable-udp (RTO floor 200 ms, initial 1 s)';
}

function addressOf(socket: dgram.Socket): { address: string; port: number } {
  const { address, port } = socket.address();
  return { address, port };
}

function closeSocket(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}
