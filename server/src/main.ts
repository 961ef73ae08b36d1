/**
 * `npm start`: the web app, signaling and, in SFU mode (the default), the
 * SFU's media worker on one UDP port; `--mode mesh` for a call where browsers
 * send media to each other and the server only introduces them.
 * `npm start -- --help` lists the options.
 */
import { OptionsError, parseCommandLine, USAGE } from './app/options.ts';
import { startBanner } from './app/banner.ts';
import { rtcAddress } from './app/rtc-address.ts';
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
  const { code, syscall } = error as NodeJS.ErrnoException;
  // The media port is bound first, with bind(); the web port with listen().
  if (syscall === 'bind') {
    const where = `UDP ${rtcAddress(options).listenIp}:${options.rtcPort}`;
    if (code === 'EADDRINUSE') console.error(`npm start: the media port ${where} is in use; try --rtc-port ${options.rtcPort + 1}, or --rtc-port 0 for any free port`);
    else if (code === 'EADDRNOTAVAIL') console.error(`npm start: the media port's address (${where}) is not an address of this machine; see --listen-ip`);
    else console.error(`npm start: the media port ${where}: ${(error as Error).message}`);
  } else if (code === 'EADDRINUSE') console.error(`npm start: ${options.host}:${options.port} is in use; try --port ${options.port + 1}, or --port 0 for any free port`);
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
