/**
 * Exercise 03-first-server: a line-based command server (reference solution).
 * See exercises/03-first-server/line-server.ts for the protocol.
 */
import net from 'node:net';

export interface LineServerOptions {
  /** TCP port; 0 asks the kernel for a free one. */
  readonly port: number;
  readonly host?: string;
}

function reply(line: string, clients: number): { text: string; close: boolean } {
  const [command = '', ...args] = line.split(' ');
  switch (command) {
    case 'PING':
      return { text: 'PONG', close: false };
    case 'ECHO':
      return { text: args.join(' '), close: false };
    case 'ADD': {
      const [a, b] = args;
      if (args.length !== 2 || !/^-?\d+$/.test(a ?? '') || !/^-?\d+$/.test(b ?? '')) {
        return { text: 'ERR ADD needs two integers', close: false };
      }
      return { text: String(BigInt(a!) + BigInt(b!)), close: false };
    }
    case 'CLIENTS':
      return { text: `CLIENTS ${clients}`, close: false };
    case 'QUIT':
      return { text: 'BYE', close: true };
    default:
      return { text: `ERR unknown command ${command}`, close: false };
  }
}

export function startLineServer(options: LineServerOptions): Promise<net.Server> {
  let connected = 0;
  const server = net.createServer((socket) => {
    connected += 1;
    socket.on('close', () => (connected -= 1));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('utf8');
    socket.write(`HELLO ${socket.remoteAddress} ${socket.remotePort}\n`);

    // TCP delivers bytes, not lines: keep what follows the last newline for the next read.
    let pending = '';
    socket.on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).replace(/\r$/, '');
        pending = pending.slice(newline + 1);
        const { text, close } = reply(line, connected);
        socket.write(text + '\n');
        if (close) {
          socket.end();
          return;
        }
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
