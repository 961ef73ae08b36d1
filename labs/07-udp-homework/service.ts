/**
 * The service: the STUN-like echo of stun-echo.ts on every socket of a group bound with the
 * reference bindSockets(), each socket counted in the reference StatsBook
 * (solutions/07-udp-homework). One 'message' listener per socket, all on the one event loop.
 */
import { StatsBook, type SocketStats } from '#solutions/07-udp-homework/socket-stats.ts';
import { bindSockets, type SocketGroup } from '#solutions/07-udp-homework/multi-socket.ts';
import { answerDatagram, type DropReason } from './stun-echo.ts';

export interface EchoServiceOptions {
  readonly ports?: readonly number[];
  readonly count?: number;
  readonly host: string;
  /** Called for each dropped datagram (the lab prints the first few). */
  readonly onDrop?: (reason: DropReason, socketName: string) => void;
}

export interface EchoService {
  readonly group: SocketGroup;
  readonly book: StatsBook;
  /** How many datagrams were dropped, by reason. */
  readonly dropReasons: ReadonlyMap<DropReason, number>;
  close(): Promise<void>;
}

export async function startEchoService(options: EchoServiceOptions): Promise<EchoService> {
  const book = new StatsBook();
  const dropReasons = new Map<DropReason, number>();
  // Filled once the group is bound; bindSockets delivers no datagram before it resolves.
  const statsOf: SocketStats[] = [];
  const group = await bindSockets({
    ...(options.ports ? { ports: options.ports } : { count: options.count ?? 1 }),
    host: options.host,
    onMessage: (datagram, from, bound) => {
      const stats = statsOf[bound.index]!;
      stats.received(datagram.length);
      let answer;
      try {
        answer = answerDatagram(datagram, from);
      } catch {
        stats.error(); // a bug in the answering code must not take the other sockets down
        return;
      }
      if (answer.kind === 'drop') {
        stats.dropped();
        dropReasons.set(answer.reason, (dropReasons.get(answer.reason) ?? 0) + 1);
        options.onDrop?.(answer.reason, bound.name);
        return;
      }
      const { reply } = answer;
      bound.socket.send(reply, from.port, from.address, (error) => (error ? stats.error() : stats.sent(reply.length)));
    },
    onError: (_error, bound) => statsOf[bound.index]?.error(),
  });
  for (const bound of group.sockets) statsOf.push(book.add(bound.name));
  return { group, book, dropReasons, close: () => group.close() };
}
