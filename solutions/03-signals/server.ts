/**
 * Exercise 03-signals: the program the tests start (reference solution).
 * See exercises/03-signals/server.ts for the contract.
 */
import { parseArgs } from 'node:util';
import { runSignalServer, type SignalServerOptions } from './signal-server.ts';

export function parseServerArgs(args: readonly string[]): SignalServerOptions {
  const { values } = parseArgs({
    args: [...args],
    options: { port: { type: 'string', default: '0' }, config: { type: 'string' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  return { port, configFile: values.config };
}

try {
  await runSignalServer(parseServerArgs(process.argv.slice(2)));
} catch (error) {
  // A bad argument, an unreadable config, a port in use: say which in one line, not a stack trace.
  console.error(`server: ${(error as Error).message}`);
  process.exit(2);
}
