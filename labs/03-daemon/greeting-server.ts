/**
 * The server the 03-daemon lab runs as a daemon. Each client gets one line saying which
 * process answered, then the connection closes. It logs to stdout, which the daemon's
 * launcher has pointed at the log file (a daemon has no terminal to print to).
 *
 *   node --import tsx greeting-server.ts [--port 7003] [--ignore-sigterm]
 *
 * SIGTERM closes the listening socket and exits once open connections are done;
 * --ignore-sigterm makes it shrug SIGTERM off, so `stop` has to escalate to SIGKILL.
 */
import net from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7003' },
    'ignore-sigterm': { type: 'boolean', default: false },
  },
});

function log(message: string): void {
  console.log(`${new Date().toISOString()} pid ${process.pid}: ${message}`);
}

const server = net.createServer((socket) => {
  log(`client ${socket.remoteAddress}:${socket.remotePort}`);
  const uptimeSeconds = Math.round(process.uptime());
  socket.end(`hello from pid ${process.pid} (parent ${process.ppid}, cwd ${process.cwd()}, up ${uptimeSeconds} s)\n`);
  socket.on('error', () => socket.destroy());
});

server.listen(Number(values.port), '127.0.0.1', () => log(`listening on 127.0.0.1:${values.port}, parent pid ${process.ppid}`));
// A daemon that cannot bind has nothing to do: say why in the log and exit (status will notice).
server.on('error', (error) => {
  log(`cannot listen: ${error.message}`);
  process.exit(1);
});

process.on('SIGTERM', () => {
  if (values['ignore-sigterm']) {
    log('SIGTERM ignored (--ignore-sigterm); only SIGKILL will stop me');
    return;
  }
  log('SIGTERM: closing the listening socket, exiting when the last connection is done');
  server.close(() => {
    log('bye');
    process.exit(0);
  });
});
