/**
 * Exercise 03-signals: a server that shuts down gracefully, reloads its config and reports stats,
 * all driven by signals. This file is the program the tests start:
 *
 *   node --import tsx server.ts [--port <n>] [--config <file>]
 *
 * --port  TCP port on 127.0.0.1; 0 (the default) asks the kernel for a free one.
 * --config  a JSON config file (see config.ts), read at startup and again on every SIGHUP.
 *           Without it the server runs on defaultConfig and SIGHUP has nothing to reload.
 * If startup fails (a bad argument, an unreadable or invalid config, the port in use), print
 * one line "server: <why>" to stderr and exit 2.
 *
 * The protocol (requests.ts): one request per line, one reply line per request, in order.
 *   PING        PONG
 *   HELLO       the config's greeting, as it is when the request runs
 *   SLOW <ms>   DONE <ms>, sent <ms> milliseconds later (0..60000): a request that stays in flight
 *   QUIT        BYE, then the server ends the connection
 *   other       ERR unknown command <first word>
 *
 * What the program prints on stdout, one line per event (the tests wait for the starts of these lines):
 *   listening on 127.0.0.1:<port> pid <pid>            once listening, after the signal handlers are in
 *   shutting down on <SIGTERM|SIGINT>: ...             once the listening socket is closed
 *   config reloaded from <file>: ...                   after a good SIGHUP
 *   config reload failed, keeping the old config: ...  after a bad one
 *   stats connections=<open> inflight=<requests read, not yet answered> served=<requests answered> uptime=<whole seconds>s
 *
 * The signals (signals.ts, signal-server.ts):
 *   SIGTERM or SIGINT  graceful shutdown: stop accepting (new connects are refused), end idle connections
 *                      now and busy ones once their requests are answered, start no new requests; exit 0
 *                      when the last connection has closed, or when config.shutdownDeadlineMs has passed
 *                      (then destroy whatever is still open first: still exit 0).
 *   the same again     during the shutdown: exit at once with 128 + the signal's number
 *                      (130 for SIGINT, 143 for SIGTERM).
 *   SIGHUP             re-read the config file. Open connections stay open and see the new config; a bad
 *                      file is reported and the old config kept.
 *   SIGUSR2            print the stats line.
 */
import { runSignalServer, type SignalServerOptions } from './signal-server.ts';

/** Reads `--port <n>` (default 0) and `--config <file>` (optional) from the arguments. */
export function parseServerArgs(args: readonly string[]): SignalServerOptions {
  throw new Error(`TODO: read --port and --config from [${args.join(' ')}] with parseArgs from node:util`);
}

// TODO: when startup fails, print "server: <the error's message>" to stderr and exit 2.
await runSignalServer(parseServerArgs(process.argv.slice(2)));
