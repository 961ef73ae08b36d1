/**
 * The kernel's own TCP states, as `ss` shows them, for a real connection on loopback taken
 * through the same steps as the state machine: connect, the client closes, the server closes.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function socketStates(port: number): Promise<string[]> {
  try {
    const { stdout } = await run('ss', ['-tanH', 'state', 'all', `( sport = :${port} or dport = :${port} )`]);
    return stdout.trim().split('\n').filter(Boolean).map((line) => `      ${line.replace(/\s+/g, ' ').trim()}`);
  } catch (error) {
    return [`      (ss did not run: ${(error as Error).message})`];
  }
}

export async function watchKernel(log: (line: string) => void): Promise<void> {
  // allowHalfOpen: the server decides when to close, so CLOSE-WAIT lasts until it does.
  let serverSide: net.Socket | undefined;
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    serverSide = socket;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const show = async (what: string): Promise<void> => {
    await sleep(100);
    log(`${what}:`);
    for (const line of await socketStates(port)) log(line);
  };
  try {
    await show(`server listening on 127.0.0.1:${port}`);
    const client = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
    await show('connected (three-way handshake done)');
    client.end();
    await show('the client closed (its FIN is acknowledged; the server has not closed yet)');
    serverSide?.end();
    await show('the server closed too');
    client.destroy();
    log('The client socket stays in TIME-WAIT for 60 s on Linux (2 MSL, with MSL taken as 30 s), long after both programs let go of it.');
  } finally {
    serverSide?.destroy();
    server.close();
  }
}
