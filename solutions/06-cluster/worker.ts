/**
 * Exercise 06-cluster, part 3: the worker, an HTTP server in each forked process (reference solution).
 * See exercises/06-cluster/worker.ts for the contract.
 *
 * It calls listen() like any server. In a cluster worker, listen() does not bind: it asks the
 * primary over IPC for the listening socket. Under SCHED_RR the primary keeps the socket, accepts,
 * and sends each connection's descriptor to a worker in turn; under SCHED_NONE it sends the
 * listening socket itself, and every worker accepts from it.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ClusterOptions } from './options.ts';

const KEEP_ALIVE_TIMEOUT_MS = 60_000;
const MAX_SLOW_MS = 60_000;
const MAX_CPU_MS = 1000;

/** A whole response with its Content-Length, so that a keep-alive client knows where it ends. */
function reply(response: http.ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) }).end(body);
}

export async function runWorker(options: ClusterOptions): Promise<http.Server> {
  const id = cluster.worker?.id ?? 0;
  const me = `worker ${id} pid ${process.pid}`;

  const server = http.createServer((request, response) => {
    // Once the primary has disconnected us, cluster has closed our server: finish this request,
    // but do not keep its connection for another one, or it would keep this process alive.
    if (!server.listening) response.setHeader('Connection', 'close');
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET') {
      reply(response, 405, 'GET only\n');
    } else if (url.pathname === '/') {
      reply(response, 200, `${me}\n`);
    } else if (url.pathname === '/slow') {
      const ms = Number(url.searchParams.get('ms'));
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_SLOW_MS) {
        reply(response, 400, `ms must be 0 to ${MAX_SLOW_MS}\n`);
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/plain' }).write(`started ${me}\n`);
      const timer = setTimeout(() => response.end('done\n'), ms);
      response.once('close', () => clearTimeout(timer));
    } else if (url.pathname === '/cpu') {
      const ms = Number(url.searchParams.get('ms'));
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_CPU_MS) {
        reply(response, 400, `ms must be 0 to ${MAX_CPU_MS}\n`);
        return;
      }
      // On purpose: a request that keeps this worker's only thread busy, as real work would.
      const until = performance.now() + ms;
      while (performance.now() < until);
      reply(response, 200, `${me}\n`);
    } else if (url.pathname === '/crash') {
      process.exit(1);
    } else {
      reply(response, 404, 'not found\n');
    }
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // A response that started before the shutdown has sent its headers already (keep-alive):
  // end its connection once it is done instead.
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    response.once('finish', () => {
      if (!server.listening) request.socket.end();
    });
  });

  // Ctrl-C signals the whole process group, and systemd signals every process of the service:
  // a worker that died of that signal would cut its requests short. The primary runs the shutdown.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
