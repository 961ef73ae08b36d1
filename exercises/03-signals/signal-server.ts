/**
 * Exercise 03-signals: the server, put together. The contract (output lines, signals, exit
 * codes) is in server.ts; this file wires config.ts, connections.ts, requests.ts and signals.ts.
 *
 * runSignalServer():
 *  1. loads the config file (or takes defaultConfig) and keeps it in a variable SIGHUP can replace;
 *  2. creates a net.Server whose connections are served by serveConnection();
 *  3. installs the signal listeners:
 *     - the first SIGINT/SIGTERM (onStopSignals): server.close() (the listening socket closes now;
 *       its callback runs once every connection has closed: exit 0 then), drain the tracker,
 *       start a shutdownDeadlineMs timer that destroys what is left and exits 0, and print the
 *       "shutting down" line;
 *     - a later one: exit with 128 + the signal's number (os.constants.signals);
 *     - SIGHUP: loadConfig again; on ConfigError keep the old config and say so;
 *     - SIGUSR2: print the stats line;
 *  4. listens on options.host (default 127.0.0.1) and options.port, and prints the "listening" line.
 */
import type net from 'node:net';

export interface SignalServerOptions {
  /** TCP port; 0 asks the kernel for a free one. */
  readonly port: number;
  /** Defaults to 127.0.0.1. */
  readonly host?: string;
  /** The JSON config file; without it the server uses defaultConfig and cannot reload. */
  readonly configFile?: string;
}

/** Starts the server; resolves with it once it is listening and has printed so. Rejects with ConfigError if the config is bad. */
export async function runSignalServer(options: SignalServerOptions): Promise<net.Server> {
  throw new Error(`TODO: load the config, create the server, install the signal handlers, listen on port ${options.port}`);
}
