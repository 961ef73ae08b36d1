/**
 * `npm start`: the web app and signaling, in mesh mode (browsers send media to
 * each other; the server introduces them). `npm start -- --help` lists the options.
 */
import { OptionsError, parseCommandLine, USAGE } from './app/options.ts';
import { startBanner } from './app/banner.ts';
import { startApp } from './app/start.ts';

let commandLine;
try {
  commandLine = parseCommandLine(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof OptionsError)) throw error;
  console.error(`npm start: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (commandLine.help) {
  console.log(USAGE);
  process.exit(0);
}

const { options } = commandLine;
let app;
try {
  app = await startApp(options);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') console.error(`npm start: ${options.host}:${options.port} is in use; try --port ${options.port + 1}, or --port 0 for any free port`);
  else if (code === 'EACCES') console.error(`npm start: no permission to listen on port ${options.port}; ports below 1024 need root`);
  else if (code === 'EADDRNOTAVAIL') console.error(`npm start: ${options.host} is not an address of this machine`);
  else console.error(`npm start: ${(error as Error).message}`);
  process.exit(1);
}
console.log(startBanner(app));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${signal}: closing`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
