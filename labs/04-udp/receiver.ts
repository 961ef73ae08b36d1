/**
 * A UDP receiver that runs the reference SequenceTracker (solutions/04-udp) per sender and
 * prints every arrival that is not in order, then a summary once a sender has been quiet.
 *
 * There is no connection to tell us a sender has finished: UDP has no FIN. Silence is all
 * the receiver gets, so a sender is "done" after IDLE_MS without a datagram.
 */
import dgram from 'node:dgram';
import { SequenceTracker, type SequenceStats } from '#solutions/04-udp/sequence-tracker.ts';
import { readSequence } from './datagram.ts';

const IDLE_MS = 1000;

export interface ReceiverOptions {
  readonly port: number;
  readonly host: string;
  /** Print only the summaries, not each arrival that is out of order. */
  readonly quiet: boolean;
  /** Told each sender's final counts, when it goes quiet. */
  readonly onSummary?: (peer: string, stats: SequenceStats) => void;
}

interface Peer {
  readonly tracker: SequenceTracker;
  idleTimer?: NodeJS.Timeout;
}

function formatStats(stats: SequenceStats): string {
  return `received ${stats.received}, lost ${stats.lost}, duplicates ${stats.duplicates}, reordered ${stats.reordered}, too old ${stats.tooOld}`;
}

export function startReceiver(options: ReceiverOptions): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  const peers = new Map<string, Peer>();

  const finish = (name: string, peer: Peer): void => {
    peers.delete(name);
    console.log(`${name} went quiet: ${formatStats(peer.tracker.stats)}`);
    options.onSummary?.(name, peer.tracker.stats);
  };

  socket.on('message', (datagram, from) => {
    const name = `${from.address}:${from.port}`;
    const sequence = readSequence(datagram);
    if (sequence === undefined) {
      console.log(`${name}: ignored a ${datagram.length}-byte datagram (too short for a sequence number)`);
      return;
    }
    let peer = peers.get(name);
    if (!peer) {
      peer = { tracker: new SequenceTracker() };
      peers.set(name, peer);
      console.log(`${name}: first datagram, #${sequence}`);
    }
    const lostBefore = peer.tracker.stats.lost;
    const arrival = peer.tracker.track(sequence);
    if (arrival !== 'in-order' && !options.quiet) {
      const missing = arrival === 'gap' ? ` (${peer.tracker.stats.lost - lostBefore} missing before it)` : '';
      console.log(`${name}: #${sequence} ${arrival}${missing}`);
    }
    clearTimeout(peer.idleTimer);
    const current = peer;
    peer.idleTimer = setTimeout(() => finish(name, current), IDLE_MS);
  });

  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      const address = socket.address();
      console.log(`UDP receiver on ${address.address}:${address.port} (pid ${process.pid})`);
      resolve(socket);
    });
  });
}
