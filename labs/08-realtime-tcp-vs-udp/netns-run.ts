/**
 * The comparison with kernel TCP: the sender runs inside a network namespace
 * joined to this one by a veth pair, with the kernel's netem qdisc on both
 * ends (server/src/netem/network-namespace.ts). Every IP packet, TCP segments
 * and ACKs included, goes through the same loss and delay; the kernel's own
 * TCP recovers the losses, with everything it has (SACK, RACK, tail loss
 * probes), and the stream waits for each repair.
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FrameDecoder, FrameError } from '#solutions/04-tcp/framing.ts';
import { repoRoot } from '#course/paths.ts';
import { createImpairedNamespace } from '#server/netem/index.ts';
import { type RunOptions, type StreamLogs, recordArrival, waitUntil } from './stream-log.ts';

const SENDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'namespace-sender.ts');

/** Runs both streams; returns how the path was made, for the report's title. */
export async function runInNamespace(options: RunOptions, { udp, tcp }: StreamLogs): Promise<string> {
  // The sender is inside: media flows namespace -> host, so "forward" is the namespace end's netem.
  const namespace = await createImpairedNamespace({ toHost: options.forward, toNamespace: options.backward });
  const udpSocket = dgram.createSocket('udp4');
  const tcpServer = net.createServer();
  let tcpEnded = false;
  try {
    await new Promise<void>((resolve) => udpSocket.bind(0, namespace.hostAddress, resolve));
    udpSocket.on('message', (datagram) => recordArrival(udp, datagram));
    tcpServer.on('connection', (socket) => {
      const decoder = new FrameDecoder();
      socket.on('data', (chunk) => {
        try {
          for (const message of decoder.push(chunk)) recordArrival(tcp, message);
        } catch (error) {
          if (!(error instanceof FrameError)) throw error;
          tcp.malformed += 1;
          socket.destroy();
        }
      });
      socket.on('end', () => (tcpEnded = true));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => tcpServer.listen(0, namespace.hostAddress, resolve));
    const [file, args] = namespace.command([
      process.execPath,
      '--import',
      'tsx',
      SENDER,
      ...['--host', namespace.hostAddress, '--tcp-port', String((tcpServer.address() as net.AddressInfo).port)],
      ...['--udp-port', String(udpSocket.address().port), '--rate', String(options.rate), '--count', String(options.count), '--size', String(options.size)],
    ]);
    const child = spawn(file, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const limitMs = (options.count / options.rate) * 1000 + 60_000;
    const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), limitMs).unref())]);
    if (code === 'timeout') child.kill('SIGKILL');
    if (code !== 0) throw new Error(`the sender in namespace ${namespace.name} failed (${code}): ${output.trim()}`);
    const sent = Number(/sent (\d+) frames/.exec(output)?.[1] ?? 0);
    udp.sent = sent;
    tcp.sent = sent;
    await waitUntil(() => tcpEnded, 30_000);
    // UDP datagrams still in netem's queue need one delay more.
    await new Promise((resolve) => setTimeout(resolve, 200 + Number(options.forward.delayMs ?? 0) + Number(options.forward.jitterMs ?? 0)));
    const qdisc = namespace.qdiscs.toHost.join(' ') || 'none';
    udp.notes.push(`netem on the way out of the namespace: ${qdisc}`);
    tcp.notes.push(`kernel TCP, ${namespace.qdiscs.toNamespace.join(' ') || 'no netem'} on its ACKs`);
    return `kernel sockets; sender in network namespace ${namespace.name}, netem on both ends of the veth pair`;
  } finally {
    udpSocket.close();
    tcpServer.close();
    await namespace.close();
  }
}
