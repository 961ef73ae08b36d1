/**
 * Exercise 06-cluster, part 3: the worker, the HTTP server each forked process runs.
 *
 * runWorker(options), in each worker (cluster.isWorker): create an http.Server and listen on
 * options.port and options.host like any server (in a worker, cluster turns listen() into a request
 * to the primary: all workers share one port, 0 included). Resolve with the server once it is
 * listening. The routes, GET only (other methods: 405):
 *   GET /              200  worker <cluster.worker.id> pid <process.pid>\n
 *   GET /slow?ms=<n>   200  sends "started worker <id> pid <pid>\n" at once, and "done\n" <n> ms
 *                      later, then ends (n: a whole number from 0 to 60000; otherwise 400)
 *   GET /cpu?ms=<n>    200  worker <id> pid <pid>\n, after keeping the thread busy (a loop, not a
 *                      timer) for <n> ms: a CPU-bound request (n: a whole number from 0 to 1000; otherwise 400)
 *   GET /crash              the worker exits with code 1 at once, without answering (a crash)
 *   anything else      404
 * Every response but /slow's carries a Content-Length (the lab's load generator relies on it).
 * Idle keep-alive connections are kept for 60 s (server.keepAliveTimeout = 60_000).
 *
 * The graceful part: when the primary disconnects this worker, cluster closes the server (its
 * listening is then false) and Node closes the idle keep-alive connections. A response already on
 * its way must still be finished; but then its connection must not stay open for another request,
 * or it keeps the worker alive for the 60 s keep-alive (and the primary kills it at the deadline).
 * So once the server is closed, end each connection as soon as its response is done (and say
 * Connection: close when the headers have not been sent yet).
 *
 * SIGINT and SIGTERM sent to the worker itself must not kill it. Ctrl-C in a terminal signals the
 * whole process group, primary and workers alike, and systemd signals every process of a service:
 * a worker that died of it would cut its requests short. The primary runs the shutdown; a worker
 * ignores these two signals (if the primary itself dies, cluster ends the worker for you).
 */
import type http from 'node:http';
import type { ClusterOptions } from './options.ts';

export async function runWorker(options: ClusterOptions): Promise<http.Server> {
  // TODO: http.createServer with the routes above, keepAliveTimeout, listen, and end each
  // connection after its response once the server has been closed.
  throw new Error(`TODO: serve HTTP on ${options.host}:${options.port} in this worker`);
}
