/**
 * Exercise 05-process-per-connection: the child that serves one connection.
 *
 * parent.ts starts this file with child_process.fork() for every client it accepts, then sends it
 * exactly one IPC message, ('socket', <net.Socket>): the accepted connection itself, its file
 * descriptor carried across the IPC channel (SCM_RIGHTS). Listen for it with
 * process.on('message', (message, handle) => ...). The child then, on its own:
 *
 *   - greets the client with        HELLO from pid <this child's pid>    e.g. "HELLO from pid 4242"
 *   - sends every line back unchanged, in order ("\n"-terminated; a line may arrive in pieces,
 *     and several lines may arrive in one read)
 *   - on the line CRASH, kills itself with SIGKILL at once, without replying (this is how the
 *     tests crash a child: the parent must survive it)
 *   - when the client closes the connection, exits with code 0
 *   - when the IPC channel closes (the parent died: process 'disconnect'), exits with code 0
 *     too, so that no child outlives its parent
 *
 * This file runs as its own process; nothing imports it.
 */

export function serveHandedOverSocket(): void {
  // TODO: wait for the ('socket', handle) message, greet, echo lines (readline helps), handle CRASH,
  // and exit when the client or the parent goes away.
  throw new Error('TODO: serve the socket the parent hands over (see the header comment)');
}

serveHandedOverSocket();
