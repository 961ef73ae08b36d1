/**
 * Two HTTP load generators for the reference cluster, whose `GET /` and `GET /cpu` bodies name the
 * worker that answered ("worker <id> pid <pid>"), so both count requests per worker.
 *
 * - keepAliveLoad: `connections` persistent connections, each sending its next GET `path` as soon as
 *   the previous response is complete, for `durationMs`. A minimal HTTP/1.1 client on node:net
 *   (Node's http client costs several times more CPU per request, and on a 2-core machine the load
 *   generator shares the cores with the server it measures).
 * - shortConnections: `count` requests, each on a connection of its own (Connection: close), at
 *   most `concurrency` at once: what the scheduling policy decides is who gets each connection.
 *
 * Both are bounded in count and time, and destroy every socket they open.
 */
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly ms: number;
  /** "worker <id>" → requests it answered. */
  readonly byWorker: ReadonlyMap<string, number>;
}

/** Past this, a connection that has not answered is given up. */
const STALL_MS = 10_000;

function workerOf(body: string): string {
  return body.match(/^(worker \d+) pid \d+/)?.[1] ?? 'unknown';
}

function tally(byWorker: Map<string, number>, body: string): void {
  const worker = workerOf(body);
  byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1);
}

/** Runs one keep-alive connection until `endAt`; resolves with how many responses it got. */
function driveConnection(port: number, path: string, endAt: number, byWorker: Map<string, number>, sockets: Set<net.Socket>): Promise<{ requests: number; errors: number }> {
  const request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    sockets.add(socket);
    socket.setEncoding('latin1');
    socket.setTimeout(STALL_MS);
    let buffered = '';
    let requests = 0;
    let errors = 0;
    const finish = (): void => {
      sockets.delete(socket);
      socket.destroy();
      resolve({ requests, errors });
    };
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      for (;;) {
        const headerEnd = buffered.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(buffered.slice(0, headerEnd).match(/\r\ncontent-length: *(\d+)/i)?.[1]);
        if (!Number.isInteger(length)) {
          errors += 1;
          finish();
          return;
        }
        const bodyStart = headerEnd + 4;
        if (buffered.length < bodyStart + length) return;
        tally(byWorker, buffered.slice(bodyStart, bodyStart + length));
        buffered = buffered.slice(bodyStart + length);
        requests += 1;
        if (performance.now() >= endAt) {
          finish();
          return;
        }
        socket.write(request);
      }
    });
    socket.on('timeout', () => {
      errors += 1;
      finish();
    });
    socket.on('error', () => {
      errors += 1;
      finish();
    });
    socket.on('close', finish);
  });
}

export async function keepAliveLoad(port: number, path: string, connections: number, durationMs: number): Promise<LoadResult> {
  const byWorker = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const started = performance.now();
  const guard = setTimeout(() => sockets.forEach((socket) => socket.destroy()), durationMs + STALL_MS);
  try {
    const results = await Promise.all(Array.from({ length: connections }, () => driveConnection(port, path, started + durationMs, byWorker, sockets)));
    return {
      requests: results.reduce((sum, r) => sum + r.requests, 0),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
      ms: performance.now() - started,
      byWorker,
    };
  } finally {
    clearTimeout(guard);
    sockets.forEach((socket) => socket.destroy());
  }
}

function getOnce(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', agent: false, timeout: STALL_MS }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    request.on('timeout', () => request.destroy(new Error('no answer')));
    request.on('error', reject);
  });
}

export async function shortConnections(port: number, count: number, concurrency: number): Promise<LoadResult> {
  const byWorker = new Map<string, number>();
  const started = performance.now();
  let next = 0;
  let errors = 0;
  const client = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      try {
        tally(byWorker, await getOnce(port));
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, client));
  return { requests: count - errors, errors, ms: performance.now() - started, byWorker };
}
