/**
 * `peer`: a participant on the command line, built on the exercise's
 * RequestClient (the reference in solutions/). It joins, prints every
 * notification, and reads commands from stdin:
 *
 *   relay <peerId> <text>   send { kind: 'chat', text } to a peer (a real app sends SDP and ICE here)
 *   leave | join <room>     leave the room, join another
 *   call <method> <json>    any request, e.g. call relay {"to":"x","payload":{}}
 *   quit                    close the connection
 */
import readline from 'node:readline';
import { openNodeWebSocket } from '#server/signaling/index.ts';
import { RequestClient, RequestError } from '#solutions/14-signaling/request-client.ts';

export async function runPeer(options: { url: string; room: string; name: string; token: string | undefined; timeoutMs: number }): Promise<void> {
  const socket = openNodeWebSocket(options.url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('close', (event) => reject(new Error(`could not connect to ${options.url} (${event.code})`)));
  });
  const client = new RequestClient(socket, { timeoutMs: options.timeoutMs });
  const print = (line: string): void => console.log(`${new Date().toISOString().slice(11, 23)}  ${line}`);
  client.on('notification', (method: string, data: unknown) => print(`← ${method} ${JSON.stringify(data)}`));
  client.on('close', ({ code, reason }: { code: number; reason: string }) => {
    print(`connection closed: ${code} ${reason}`);
    process.exit(0);
  });

  // Every request goes through here: the await is where the response (or its error) comes back.
  const call = async (method: string, data: object): Promise<void> => {
    print(`→ ${method} ${JSON.stringify(data)}`);
    try {
      print(`← ok ${JSON.stringify(await client.request(method, data))}`);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      print(`← error ${error.code}: ${error.message}`);
    }
  };

  await call('join', { room: options.room, name: options.name, ...(options.token === undefined ? {} : { token: options.token }) });
  print('commands: relay <peerId> <text> | leave | join <room> | call <method> <json> | quit');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    const [command = '', first = '', ...rest] = line.trim().split(/\s+/);
    if (command === 'relay') await call('relay', { to: first, payload: { kind: 'chat', text: rest.join(' ') } });
    else if (command === 'leave') await call('leave', {});
    else if (command === 'join') await call('join', { room: first, name: options.name });
    else if (command === 'call') {
      try {
        await call(first, JSON.parse(rest.join(' ') || '{}') as object);
      } catch {
        print('call <method> <json>: the data must be a JSON object');
      }
    } else if (command === 'quit') break;
    else if (command !== '') print(`unknown command ${command}`);
  }
  client.close();
}
