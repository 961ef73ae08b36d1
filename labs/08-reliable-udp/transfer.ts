/**
 * One transfer, set up the way the lab runs it: a receiver, the lossy proxy in
 * front of it, and a sender that sends to the proxy. The result says whether
 * the bytes arrived intact (SHA-256 of both ends), how long it took, and what
 * each part counted.
 *
 *   sender ──DATA──► proxy (toTarget: loss, reordering, delay) ──► receiver
 *   sender ◄──ACK─── proxy (toClient: loss, reordering, delay) ◄── receiver
 */
import { createHash } from 'node:crypto';
import type { RtoEstimatorOptions } from '#solutions/08-reliable-udp/rto-estimator.ts';
import { type Impairment, LossyUdpProxy, type LossyUdpProxyStats } from '#server/netem/index.ts';
import type { TransferError } from './errors.ts';
import type { ReliableReceiverStats } from './receiver.ts';
import type { ReliableSenderStats, RetransmitReason } from './sender.ts';
import { openUdpReceiver, openUdpSender } from './udp-endpoint.ts';

export interface TransferOptions {
  readonly data: Buffer;
  /** Applied to DATA on its way to the receiver. */
  readonly forward?: Impairment;
  /** Applied to ACKs on their way back. */
  readonly backward?: Impairment;
  readonly seed?: number;
  readonly windowSegments?: number;
  readonly receiveWindowSegments?: number;
  readonly maxPayloadBytes?: number;
  readonly rto?: RtoEstimatorOptions;
  /** Time ACKs by their timestamp echo (default) or by Karn's rule alone. */
  readonly timestamps?: boolean;
  /** Stop here even if the transfer is not done (completed: false). */
  readonly deadlineMs?: number;
  readonly onRetransmit?: (sequence: number, reason: RetransmitReason, rtoMs: number) => void;
}

export interface TransferResult {
  /** Every byte arrived, in order, and the sender saw the last ACK. */
  readonly completed: boolean;
  /** The received bytes hash to the sent ones. */
  readonly intact: boolean;
  readonly bytesSent: number;
  readonly bytesDelivered: number;
  readonly elapsedMs: number;
  /** Payload bytes delivered in order per second. */
  readonly goodputBytesPerSecond: number;
  readonly sha256Sent: string;
  readonly sha256Received: string;
  readonly sender: ReliableSenderStats;
  readonly receiver: ReliableReceiverStats;
  readonly proxy: LossyUdpProxyStats;
  readonly error?: TransferError;
}

export async function runTransfer(options: TransferOptions): Promise<TransferResult> {
  const { data, deadlineMs = 60_000 } = options;
  const receiveWindowSegments = options.receiveWindowSegments ?? Math.max(1024, options.windowSegments ?? 0);
  const receiving = await openUdpReceiver({ windowSegments: receiveWindowSegments });
  const proxy = await LossyUdpProxy.start({
    target: receiving.address,
    ...(options.forward ? { toTarget: options.forward } : {}),
    ...(options.backward ? { toClient: options.backward } : {}),
    seed: options.seed ?? 1,
  });
  const sending = await openUdpSender({
    to: proxy.address,
    ...(options.windowSegments !== undefined ? { windowSegments: options.windowSegments } : {}),
    ...(options.maxPayloadBytes !== undefined ? { maxPayloadBytes: options.maxPayloadBytes } : {}),
    ...(options.rto ? { rto: options.rto } : {}),
    ...(options.timestamps !== undefined ? { timestamps: options.timestamps } : {}),
  });
  const { sender } = sending;
  const { receiver } = receiving;
  const received = createHash('sha256');
  receiver.on('data', (payload) => received.update(payload));
  if (options.onRetransmit) sender.on('retransmit', options.onRetransmit);

  const started = performance.now();
  let error: TransferError | undefined;
  let timer: NodeJS.Timeout | undefined;
  const completed = await new Promise<boolean>((resolve) => {
    let senderDone = false;
    const check = (): void => {
      if (senderDone && receiver.ended) resolve(true);
    };
    sender.once('finish', () => {
      senderDone = true;
      check();
    });
    receiver.once('end', check);
    sender.once('error', (failure) => {
      error = failure;
      resolve(false);
    });
    timer = setTimeout(() => resolve(false), deadlineMs);
    sender.writeAll(data);
    sender.end();
  });
  clearTimeout(timer);
  const elapsedMs = performance.now() - started;
  const senderStats = sender.stats;
  await sending.close();
  await proxy.close();
  await receiving.close();
  const receiverStats = receiver.stats;
  const sha256Sent = createHash('sha256').update(data).digest('hex');
  const sha256Received = received.digest('hex');
  return {
    completed,
    intact: sha256Sent === sha256Received,
    bytesSent: data.length,
    bytesDelivered: receiverStats.payloadBytesDelivered,
    elapsedMs,
    goodputBytesPerSecond: receiverStats.payloadBytesDelivered / (elapsedMs / 1000),
    sha256Sent,
    sha256Received,
    sender: senderStats,
    receiver: receiverStats,
    proxy: proxy.stats,
    ...(error ? { error } : {}),
  };
}
