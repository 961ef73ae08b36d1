/**
 * A DTLS endpoint on a node:dgram socket: the SFU's DtlsConnection does the handshake (flights,
 * retransmissions, epochs, records); this file only moves datagrams between it and the socket,
 * and prints what happens.
 *
 * - server: binds, takes the first peer that sends a datagram, echoes its application data, and
 *   takes the next peer once that connection closes or fails. It serves one peer at a time:
 *   while it does, datagrams from other addresses are dropped, except a ClientHello, which
 *   takes over (a client killed without close_notify would otherwise hold the server forever).
 * - client: sends to the server, prints what comes back, and sends each stdin line (and each
 *   --send text) as one application-data record.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { appendFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { createInterface } from 'node:readline';
import { ContentType, DtlsConnection, DtlsError, HandshakeType, parseRecord } from '#server/dtls/index.ts';
import type { SrtpProfileName } from '#server/srtp/index.ts';
import type { LabCertificate } from './options.ts';
import { handshakeLines, statsLine } from './report.ts';

export interface EndpointOptions {
  readonly host: string;
  readonly port: number;
  readonly profiles: readonly SrtpProfileName[];
  readonly certificate: LabCertificate;
  /** 'sha-256 AB:…': the handshake fails unless the peer's certificate has it. */
  readonly fingerprint: string | undefined;
  /** Print the SRTP master and session keys too. */
  readonly keys: boolean;
  /** Append the master secret of each handshake to this file, in the NSS key log format. */
  readonly keyLogFile?: string | undefined;
  /** Client only: texts to send once connected, before stdin. */
  readonly send?: readonly string[];
}

const print = (line: string): void => console.log(line);

function udpSocket(host: string): Socket {
  return createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
}

function bind(socket: Socket, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

/** Wires the events every endpoint prints the same way; returns the connection. */
function openConnection(role: 'client' | 'server', options: EndpointOptions, send: (datagram: Buffer) => void, peerAddress: string): DtlsConnection {
  const startedAt = performance.now();
  const connection = new DtlsConnection({
    role,
    certificate: options.certificate,
    ...(options.fingerprint === undefined ? {} : { remoteFingerprint: options.fingerprint }),
    srtpProfiles: [...options.profiles],
    send,
    peerAddress,
    // NSS key log lines (CLIENT_RANDOM <random> <master secret>) for Wireshark; a lab-only convenience.
    ...(options.keyLogFile === undefined ? {} : { keyLog: (line: string) => appendFileSync(options.keyLogFile!, `${line}\n`) }),
  });
  connection.on('connected', (info) => {
    print(`handshake: complete with ${peerAddress} in ${Math.round(performance.now() - startedAt)} ms`);
    const exporter = (label: string, length: number): Buffer => connection.exportKeyingMaterial(label, length);
    for (const line of handshakeLines(info, exporter, { keys: options.keys })) print(line);
  });
  connection.on('failed', (error) => {
    print(`failed: ${error.code}: ${error.message}`);
    print(statsLine(connection.stats));
  });
  connection.on('closed', () => print(statsLine(connection.stats)));
  return connection;
}

/** Prints each line of an application-data record. */
function printReceived(data: Buffer): void {
  for (const line of data.toString('utf8').replace(/\r?\n$/, '').split(/\r?\n/)) print(`received: ${line}`);
}

export async function runServer(options: EndpointOptions): Promise<void> {
  const socket = udpSocket(options.host);
  await bind(socket, options.port, options.host);
  const { address, port } = socket.address();
  print(`local-fingerprint: ${options.certificate.fingerprint} (${options.certificate.origin})`);
  print(`listening: udp ${address}:${port}, offering ${options.profiles.join(', ')}`);

  let peer: { connection: DtlsConnection; rinfo: RemoteInfo } | undefined;
  let dropped = 0;
  const release = (connection: DtlsConnection): void => {
    if (peer?.connection !== connection) return;
    peer = undefined;
    print('waiting for the next client');
  };

  socket.on('message', (datagram, rinfo) => {
    const fromPeer = peer !== undefined && peer.rinfo.address === rinfo.address && peer.rinfo.port === rinfo.port;
    if (peer !== undefined && !fromPeer && startsWithClientHello(datagram)) {
      print(`new client ${rinfo.address}:${rinfo.port}: closing the connection with ${peer.rinfo.address}:${peer.rinfo.port}`);
      peer.connection.close();
      peer = undefined;
    }
    if (peer === undefined) {
      const send = (out: Buffer): void => socket.send(out, rinfo.port, rinfo.address);
      const connection = openConnection('server', options, send, `${rinfo.address}:${rinfo.port}`);
      connection.on('data', (data) => {
        printReceived(data);
        connection.send(data);
      });
      connection.on('failed', () => release(connection));
      connection.on('closed', () => {
        print(`closed: ${rinfo.address}:${rinfo.port}`);
        release(connection);
      });
      peer = { connection, rinfo };
      print(`client: ${rinfo.address}:${rinfo.port}`);
      connection.start();
    } else if (!fromPeer) {
      if (dropped++ === 0) print(`busy with ${peer.rinfo.address}:${peer.rinfo.port}: dropping datagrams from other addresses`);
      return;
    }
    peer.connection.handleDatagram(datagram);
  });

  await stopOnSignal(() => peer?.connection.close());
  socket.close();
}

export async function runClient(options: EndpointOptions): Promise<void> {
  const local = isIP(options.host) === 6 ? '::' : '0.0.0.0';
  const socket = udpSocket(options.host);
  await bind(socket, 0, local);
  print(`local-fingerprint: ${options.certificate.fingerprint} (${options.certificate.origin})`);
  print(`connecting: udp ${options.host}:${options.port}, offering ${options.profiles.join(', ')}`);

  // Unconnected on purpose: an ICMP "port unreachable" (server not started yet) must not end the
  // socket; the handshake's retransmission timer keeps trying, as a browser's does.
  const send = (out: Buffer): void => socket.send(out, options.port, options.host);
  const connection = openConnection('client', options, send, `${options.host}:${options.port}`);
  socket.on('message', (datagram, rinfo) => {
    if (rinfo.port === options.port) connection.handleDatagram(datagram);
  });
  connection.on('data', printReceived);
  const sendLine = (line: string): void => {
    if (connection.state === 'connected') connection.send(Buffer.from(`${line}\n`));
  };
  connection.on('connected', () => {
    for (const text of options.send ?? []) sendLine(text);
    // Each line typed is one record. At the end of stdin the connection stays up: Ctrl-C closes it.
    createInterface({ input: process.stdin }).on('line', sendLine);
  });

  const ended = new Promise<number>((resolve) => {
    connection.on('failed', () => resolve(1));
    connection.on('closed', () => {
      print('closed');
      resolve(0);
    });
  });
  connection.start();
  const exitCode = await Promise.race([ended, stopOnSignal(() => connection.close()).then(() => 0)]);
  socket.close();
  process.exit(exitCode);
}

/** Whether a datagram's first record is an epoch-0 handshake record holding (the start of) a ClientHello. */
function startsWithClientHello(datagram: Uint8Array): boolean {
  try {
    const { value: record } = parseRecord(datagram);
    return record.contentType === ContentType.Handshake && record.epoch === 0 && record.fragment[0] === HandshakeType.client_hello;
  } catch (error) {
    if (error instanceof DtlsError) return false;
    throw error;
  }
}

/** Resolves on SIGINT/SIGTERM after `close` (a close_notify alert) had a moment to leave. */
function stopOnSignal(close: () => void): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      close();
      setTimeout(resolve, 50);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
