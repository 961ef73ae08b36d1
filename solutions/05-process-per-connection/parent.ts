/**
 * Exercise 05-process-per-connection: a server that forks one child process per connection
 * (reference solution). See exercises/05-process-per-connection/parent.ts for the contract.
 */
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface ForkServerOptions {
  /** TCP port on 127.0.0.1; 0 asks the kernel for a free one. */
  readonly port: number;
  /** How many children may be alive at once; at least 1. */
  readonly maxChildren: number;
}

const childFile = fileURLToPath(new URL('./child.ts', import.meta.url));

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

export async function startForkServer(options: ForkServerOptions): Promise<net.Server> {
  if (!Number.isInteger(options.maxChildren) || options.maxChildren < 1) {
    throw new RangeError(`maxChildren must be a whole number >= 1, got ${options.maxChildren}`);
  }
  const children = new Map<number, ChildProcess>();

  const handOver = (socket: net.Socket, peer: string): void => {
    // fork() is fork + exec of a fresh node: the child shares nothing with us but the IPC pipe,
    // stdio and, once sent, this one socket. It inherits our execArgv, so tsx loads child.ts.
    const child = fork(childFile);
    const pid = child.pid!;
    children.set(pid, child);
    console.log(`forked pid ${pid} for ${peer}`);
    // Sending duplicates the descriptor into the child (SCM_RIGHTS); without keepOpen, Node then
    // closes ours, so the connection ends exactly when the child closes it or dies.
    child.send('socket', socket, (error) => {
      if (error) socket.destroy();
    });
    // 'exit' fires after libuv's SIGCHLD handler called waitpid(): the child is reaped, not a zombie.
    child.on('exit', (code, signal) => {
      children.delete(pid);
      console.log(`reaped pid ${pid} ${describeExit(code, signal)}`);
    });
    child.on('error', () => socket.destroy());
  };

  // pauseOnConnect: the parent must not read from the socket, or the child would miss those bytes.
  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    if (children.size >= options.maxChildren) {
      socket.end(`BUSY ${options.maxChildren} children\n`);
      console.log(`refused ${peer}`);
      return;
    }
    handOver(socket, peer);
  });

  const stop = (): void => {
    server.close();
    if (children.size === 0) process.exit(0);
    for (const child of children.values()) {
      child.kill('SIGTERM');
      child.once('exit', () => children.size === 0 && process.exit(0));
    }
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`listening on ${address}:${port} pid ${process.pid}`);
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '7005' }, 'max-children': { type: 'string', default: '8' } } });
  await startForkServer({ port: Number(values.port), maxChildren: Number(values['max-children']) });
}
