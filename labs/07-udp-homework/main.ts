/**
 * npm run lab -- 07-udp-homework serve  [--ports 5000,5001,5002 | --count 3] [--host 127.0.0.1] [--interval 5]
 * npm run lab -- 07-udp-homework client --ports 5000,5001,5002 [--host 127.0.0.1] [--datagrams 3000]
 *                                       [--rate 1000] [--seconds 10] [--stun 0.5] [--malformed 0.02] [--size 100]
 * npm run lab -- 07-udp-homework demo   [--count 3] [client options]
 */
import { parseArgs } from 'node:util';
import { BindError } from '#solutions/07-udp-homework/multi-socket.ts';
import { formatStats, type StatsSnapshot } from '#solutions/07-udp-homework/socket-stats.ts';
import { isLoopback, printLoadReport, runLoad, type LoadOptions } from './load.ts';
import { startEchoService, type EchoService } from './service.ts';

const usage = `usage:
  npm run lab -- 07-udp-homework serve [--ports 5000,5001,5002 | --count 3] [--host 127.0.0.1] [--interval 5]
      a STUN-like echo on several UDP ports at once: Binding requests get XOR-MAPPED-ADDRESS,
      other datagrams come back as they are; per-socket stats every --interval s (0: never),
      on SIGUSR2, and at the end (Ctrl-C)
  npm run lab -- 07-udp-homework client --ports 5000,5001,5002 [--host 127.0.0.1] [--datagrams 3000]
                                        [--rate 1000] [--seconds 10] [--stun 0.5] [--malformed 0.02] [--size 100]
      a load generator (loopback only): STUN requests, echoes and malformed STUN, checked and timed
  npm run lab -- 07-udp-homework demo [--count 3] [client options]
      both in one process, then the service's table`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ports: { type: 'string' },
    count: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    interval: { type: 'string', default: '5' },
    datagrams: { type: 'string', default: '3000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    stun: { type: 'string', default: '0.5' },
    malformed: { type: 'string', default: '0.02' },
    size: { type: 'string', default: '100' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

function fail(message: string): never {
  console.error(`07-udp-homework: ${message}`);
  process.exit(2);
}

/** Parses a numeric option within [min, max], or exits with a message naming it. */
function numberOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= min && value <= max)) fail(`--${name} must be a number from ${min} to ${max}, got "${text}"`);
  return value;
}

function portList(text: string): number[] {
  return text.split(',').map((part) => Math.floor(numberOption('ports', part, 0, 65_535)));
}

function loadOptions(ports: readonly number[]): LoadOptions {
  if (!isLoopback(values.host)) fail(`the client only sends to loopback (127.0.0.0/8 or ::1), not ${values.host}`);
  const stunShare = numberOption('stun', values.stun, 0, 1);
  return {
    host: values.host,
    ports,
    count: Math.floor(numberOption('datagrams', values.datagrams, 1, 1_000_000)),
    rate: numberOption('rate', values.rate, 1, 100_000),
    seconds: numberOption('seconds', values.seconds, 0.1, 60),
    stunShare,
    malformedShare: numberOption('malformed', values.malformed, 0, 1 - stunShare),
    size: Math.floor(numberOption('size', values.size, 8, 1400)),
  };
}

async function startService(): Promise<EchoService> {
  if (values.ports !== undefined && values.count !== undefined) fail('give --ports or --count, not both');
  let dropsShown = 0;
  try {
    return await startEchoService({
      ...(values.ports !== undefined ? { ports: portList(values.ports) } : { count: Math.floor(numberOption('count', values.count ?? '3', 1, 64)) }),
      host: values.host,
      onDrop: (reason, socket) => {
        if (++dropsShown <= 3) console.log(`dropped on ${socket}: ${reason}${dropsShown === 3 ? ' (further drops are only counted)' : ''}`);
      },
    });
  } catch (error) {
    if (!(error instanceof BindError)) throw error;
    const why = error.code === 'EADDRINUSE' ? ' (another socket has it: pick other ports, or --count N for free ones)' : '';
    console.error(`07-udp-homework: ${error.message}${why}; nothing was left bound.`);
    process.exit(1);
  }
}

/** Prints the table, with rates since the last one printed. */
function reporter(service: EchoService): (why: string) => void {
  let previous: StatsSnapshot | undefined;
  return (why) => {
    const now = service.book.snapshot();
    console.log(`\n-- ${why}, ${new Date().toISOString().slice(11, 19)}`);
    formatStats(now, previous && now.atMs > previous.atMs ? previous : undefined).forEach((line) => console.log(line));
    const reasons = [...service.dropReasons].map(([reason, count]) => `${count} ${reason}`);
    if (reasons.length > 0) console.log(`dropped: ${reasons.join(', ')}`);
    previous = now;
  };
}

if (command === 'serve') {
  const service = await startService();
  const names = service.group.sockets.map((s) => s.name);
  console.log(`STUN-like echo on ${names.join(', ')} (pid ${process.pid})`);
  const ports = service.group.sockets.map((s) => s.port).join(',');
  console.log(`try:  npm run lab -- 07-udp-homework client --ports ${ports}`);
  console.log(`      nc -u ${values.host} ${service.group.sockets[0]!.port}        (each line is a datagram, echoed)`);
  console.log(`      kill -USR2 ${process.pid}                      (print the table now)`);
  const report = reporter(service);
  const interval = numberOption('interval', values.interval, 0, 3600);
  const timer = interval > 0 ? setInterval(() => report(`every ${interval} s`), interval * 1000) : undefined;
  process.on('SIGUSR2', () => report('SIGUSR2'));
  const stop = (signal: string): void => {
    clearInterval(timer);
    report(`${signal}: final`);
    void service.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} else if (command === 'client') {
  if (values.ports === undefined) fail('client needs --ports (the service prints them)');
  const options = loadOptions(portList(values.ports));
  console.log(`sending ${options.count} datagrams at ${options.rate}/s to ${options.host} ports ${options.ports.join(', ')} (at most ${options.seconds} s) ...`);
  printLoadReport(await runLoad(options));
} else if (command === 'demo') {
  const service = await startService();
  const ports = service.group.sockets.map((s) => s.port);
  console.log(`service on ${service.group.sockets.map((s) => s.name).join(', ')}`);
  const options = loadOptions(ports);
  console.log(`client: ${options.count} datagrams at ${options.rate}/s, round-robin over the ports ...\n`);
  const report = await runLoad(options);
  printLoadReport(report);
  reporter(service)('the service, per socket');
  await service.close();
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
