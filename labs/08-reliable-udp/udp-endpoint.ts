/**
 * The sender and the receiver on real UDP sockets. The receiver serves one
 * sender: the first address that sends it DATA; datagrams from anyone else
 * are counted and dropped (a real protocol would keep one receiver per peer,
 * as 04-udp's receiver keeps one tracker per peer).
 */
import type dgram from 'node:dgram';
import { bindUdpSocket } from '#server/media/udp-sockets.ts';
import type { UdpEndpoint } from '#server/netem/index.ts';
import { ReliableReceiver, type ReliableReceiverOptions } from './receiver.ts';
import { ReliableSender, type ReliableSenderOptions } from './sender.ts';

/** A window of 1200-byte datagrams in flight needs more than the default socket buffers on a fast path. */
const SOCKET_BUFFER_BYTES = 1 << 20;

export interface UdpReceiver {
  readonly receiver: ReliableReceiver;
  readonly address: UdpEndpoint;
  /** Datagrams from a second sender, dropped. */
  readonly strangers: () => number;
  close(): Promise<void>;
}

export interface UdpSender {
  readonly sender: ReliableSender;
  readonly address: UdpEndpoint;
  close(): Promise<void>;
}

export async function openUdpReceiver(
  options: Omit<ReliableReceiverOptions, 'send'> & { readonly host?: string; readonly port?: number } = {},
): Promise<UdpReceiver> {
  const { socket, address, port } = await bindUdpSocket(
    { address: options.host ?? '127.0.0.1', port: options.port ?? 0 },
    { receiveBufferSize: SOCKET_BUFFER_BYTES, sendBufferSize: SOCKET_BUFFER_BYTES },
  );
  let peer: dgram.RemoteInfo | undefined;
  let strangers = 0;
  const receiver = new ReliableReceiver({
    ...options,
    send: (datagram) => {
      if (peer) socket.send(datagram, peer.port, peer.address, ignoreSendError);
    },
  });
  socket.on('error', () => {});
  socket.on('message', (datagram, from) => {
    peer ??= from;
    if (from.port !== peer.port || from.address !== peer.address) strangers += 1;
    else receiver.onDatagram(datagram);
  });
  return { receiver, address: { address, port }, strangers: () => strangers, close: closer(socket) };
}

export async function openUdpSender(
  options: Omit<ReliableSenderOptions, 'send'> & { readonly to: UdpEndpoint; readonly host?: string },
): Promise<UdpSender> {
  const { socket, address, port } = await bindUdpSocket(
    { address: options.host ?? '127.0.0.1' },
    { receiveBufferSize: SOCKET_BUFFER_BYTES, sendBufferSize: SOCKET_BUFFER_BYTES },
  );
  const { to } = options;
  const sender = new ReliableSender({ ...options, send: (datagram) => socket.send(datagram, to.port, to.address, ignoreSendError) });
  socket.on('error', () => {});
  socket.on('message', (datagram, from) => {
    if (from.port === to.port && from.address === to.address) sender.onDatagram(datagram);
  });
  const closeSocket = closer(socket);
  return {
    sender,
    address: { address, port },
    close: () => {
      sender.close();
      return closeSocket();
    },
  };
}

/** A lost datagram is what this protocol is built to survive; a failed send is one more. */
function ignoreSendError(): void {}

/** Closes once, however often it is called. */
function closer(socket: dgram.Socket): () => Promise<void> {
  let closed: Promise<void> | undefined;
  return () => (closed ??= new Promise((resolve) => socket.close(() => resolve())));
}
