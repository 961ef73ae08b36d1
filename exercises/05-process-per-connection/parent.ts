/**
 * Exercise 05-process-per-connection: a server that forks one child process per connection.
 *
 *   node --import tsx parent.ts [--port 7005] [--max-children 8]
 *     --port          TCP port on 127.0.0.1; 0 asks the kernel for a free one
 *     --max-children  how many children may serve clients at the same time (at least 1)
 *
 * The parent never serves a client itself. It prints these lines on stdout (the tests read them):
 *
 *   1. once listening:                 listening on 127.0.0.1:<port> pid <parent pid>
 *   2. for each accepted connection, while fewer than --max-children children are alive: it forks
 *      child.ts (next to this file), hands it the socket with child.send('socket', socket), and prints
 *                                      forked pid <child pid> for <client address>:<client port>
 *      Listen with { pauseOnConnect: true }, so that the parent never reads a byte meant for the child.
 *   3. over the cap (--max-children children alive): it writes "BUSY <max-children> children\n"
 *      to that client, closes the connection, and prints
 *                                      refused <client address>:<client port>
 *   4. whenever a child exits (libuv has reaped it: the child's 'exit' event), one of
 *                                      reaped pid <child pid> code <exit code>
 *                                      reaped pid <child pid> signal <signal name, e.g. SIGKILL>
 *      From then on that child no longer counts against the cap.
 *   5. on SIGTERM or SIGINT: it stops listening, kills its children with SIGTERM, and exits with
 *      code 0 once every child has been reaped.
 *
 * A child that crashes (e.g. killed by SIGKILL) must not disturb the parent or the other children.
 * What each child does with its client is in child.ts.
 */
import type net from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface ForkServerOptions {
  /** TCP port on 127.0.0.1; 0 asks the kernel for a free one. */
  readonly port: number;
  /** How many children may be alive at once; at least 1. */
  readonly maxChildren: number;
}

/** Starts listening and resolves once the "listening on" line is printed. */
export async function startForkServer(options: ForkServerOptions): Promise<net.Server> {
  // TODO: net.createServer({ pauseOnConnect: true }), child_process.fork() per connection,
  // child.send('socket', socket), the cap, 'exit' events for reaping, and the signal handlers.
  throw new Error(`TODO: start the fork server on port ${options.port} with at most ${options.maxChildren} children`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '7005' }, 'max-children': { type: 'string', default: '8' } } });
  await startForkServer({ port: Number(values.port), maxChildren: Number(values['max-children']) });
}
