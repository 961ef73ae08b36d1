/**
 * Exercise 03-signals: the server, put together (reference solution).
 * See exercises/03-signals/signal-server.ts for the contract.
 */
import net from 'node:net';
import { constants } from 'node:os';
import { ConfigError, defaultConfig, loadConfig, type ServerConfig } from './config.ts';
import { ConnectionTracker } from './connections.ts';
import { serveConnection } from './requests.ts';
import { onStopSignals, type StopSignal } from './signals.ts';

export interface SignalServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly configFile?: string;
}

function listen(server: net.Server, port: number, host: string): Promise<net.AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as net.AddressInfo));
  });
}

export async function runSignalServer(options: SignalServerOptions): Promise<net.Server> {
  const { configFile } = options;
  let config: ServerConfig = configFile === undefined ? defaultConfig : await loadConfig(configFile);
  const startedAt = Date.now();
  const connections = new ConnectionTracker();
  const server = net.createServer((socket) => serveConnection(socket, connections, () => config));

  const shutdown = (signal: StopSignal): void => {
    const deadlineMs = config.shutdownDeadlineMs;
    const deadline = setTimeout(() => {
      console.log(`shutdown deadline passed: closed ${connections.destroyAll()} connections`);
      process.exit(0);
    }, deadlineMs);
    // close() shuts the listening socket at once (new connects are refused) and calls back when the
    // last accepted connection has closed too: that is the moment the drain is over.
    server.close(() => {
      clearTimeout(deadline);
      console.log('shutdown complete');
      process.exit(0);
    });
    connections.drain();
    // Said only now that the listening socket is closed: a client reading this line gets refused.
    console.log(`shutting down on ${signal}: ${connections.open} connections open, ${connections.inFlight} requests in flight, deadline ${deadlineMs} ms`);
  };

  const forceExit = (signal: StopSignal): void => {
    console.log(`${signal} during shutdown: forced exit`);
    // What a shell reports for a process killed by signal n; the supervisor can tell it was not clean.
    process.exit(128 + constants.signals[signal]);
  };

  const reload = async (): Promise<void> => {
    if (configFile === undefined) {
      console.log('reload: started without --config, nothing to reload');
      return;
    }
    try {
      config = await loadConfig(configFile);
      console.log(`config reloaded from ${configFile}: greeting=${JSON.stringify(config.greeting)} shutdownDeadlineMs=${config.shutdownDeadlineMs}`);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.log(`config reload failed, keeping the old config: ${error.message}`);
    }
  };

  const reportStats = (): void => {
    const uptime = Math.floor((Date.now() - startedAt) / 1000);
    console.log(`stats connections=${connections.open} inflight=${connections.inFlight} served=${connections.served} uptime=${uptime}s`);
  };

  // Listeners go in before the "listening" line: whoever reads it may signal us straight away,
  // and without a listener SIGHUP and SIGUSR2 would terminate the process.
  onStopSignals(shutdown, forceExit);
  process.on('SIGHUP', () => void reload());
  process.on('SIGUSR2', reportStats);
  const address = await listen(server, options.port, options.host ?? '127.0.0.1');
  console.log(`listening on ${address.address}:${address.port} pid ${process.pid}`);
  return server;
}
