/**
 * The app behind `npm start`, over real sockets on loopback: the routes, raw
 * requests that try to leave the web folder (sent byte for byte, as curl
 * --path-as-is would), the browser modules, signaling on /ws and /api/rooms,
 * SFU mode's wiring (the join response's mode, /api/stats, the worker closed
 * with the app) and mesh mode's, HTTPS with the generated certificate, and
 * `npm start` itself as a process.
 */
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { get as httpsGet } from 'node:https';
import { connect } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWebSocket, SignalingClient, SignalingRequestError } from '../signaling/index.ts';
import type { SfuStats } from '../signaling/sfu/stats.ts';
import { FakeMediaWorker } from '../sfu/index.ts';
import type { MediaPlaneFactory } from './media-plane.ts';
import { parseCommandLine, type ServerOptions } from './options.ts';
import { startApp, type RunningApp } from './start.ts';

/** SFU mode (the default) on free ports: the web port and the media port. */
function options(args: string[]): ServerOptions {
  const parsed = parseCommandLine(['--port', '0', '--rtc-port', '0', ...args]);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.options;
}

function meshOptions(args: string[] = []): ServerOptions {
  const parsed = parseCommandLine(['--port', '0', '--mode', 'mesh', ...args]);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.options;
}

/** The media plane without media: FakeMediaWorker, at the address it was asked for. */
function fakeMediaPlane(made: FakeMediaWorker[]): MediaPlaneFactory {
  return async (listen) => {
    const handler = new FakeMediaWorker();
    made.push(handler);
    return { handler, address: { listenIp: listen.address, port: listen.port, announcedIp: listen.announcedAddress }, whenClosed: async () => {} };
  };
}

/** One raw HTTP/1.1 request, exactly as written; resolves with the status line, headers and body. */
async function raw(port: number, requestLine: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const socket = connect(port, '127.0.0.1');
  // Not end(): a half-closed client may see the server close before it answers. Connection: close ends it.
  socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  let text = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (text += chunk));
  await once(socket, 'close');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

const clients: SignalingClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

describe('the app over HTTP', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(options([]));
  });
  afterAll(() => app.close());

  it('listens where it says, on 127.0.0.1 by default', () => {
    expect(app.origin).toBe(`http://127.0.0.1:${app.port}`);
    expect(app.port).toBeGreaterThan(0);
  });

  it('serves the page with its type, nosniff and a same-origin content security policy', async () => {
    const response = await fetch(`${app.origin}/?room=demo&name=alice`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self'/);
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/app.js"></script>');
    for (const asset of ['/app.js', '/join-call.js', '/sfu-call.js', '/mesh-call.js', '/serial-queue.js', '/tiles.js']) {
      const script = await fetch(`${app.origin}${asset}`);
      expect(script.headers.get('content-type'), asset).toBe('text/javascript; charset=utf-8');
    }
    expect((await fetch(`${app.origin}/style.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${app.origin}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await raw(app.port, 'HEAD /app.js HTTP/1.1');
    const get = await raw(app.port, 'GET /app.js HTTP/1.1');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.body, 'latin1')));
  });

  it.each([
    ['GET /../package.json HTTP/1.1', 403],
    ['GET /../../../../etc/passwd HTTP/1.1', 403],
    ['GET /%2e%2e/%2e%2e/package.json HTTP/1.1', 403],
    ['GET /..%2f..%2fpackage.json HTTP/1.1', 403],
    ['GET /app.js%00 HTTP/1.1', 400],
    ['GET /no-such-file.js HTTP/1.1', 404],
    ['GET /lib/../../package.json HTTP/1.1', 404],
    ['GET /lib/websocket/server.ts HTTP/1.1', 404],
    ['GET /lib/%E0 HTTP/1.1', 400],
  ])('%s → %i, with a plain-text reason', async (requestLine, status) => {
    const response = await raw(app.port, requestLine);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).not.toContain('"name": "webrtc-sfu-course"');
  });

  it('answers other methods 405 with Allow', async () => {
    const response = await raw(app.port, 'POST / HTTP/1.1');
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD');
  });

  it('serves the signaling client as browser JavaScript: types stripped, no imports left, and it loads', async () => {
    const response = await fetch(`${app.origin}/lib/signaling/client.ts`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await response.text();
    expect(code).toContain('export class SignalingClient');
    expect(code).not.toMatch(/^import /m);
    const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { SignalingClient: unknown; SignalingRequestError: unknown };
    expect(typeof module.SignalingClient).toBe('function');
    expect(typeof module.SignalingRequestError).toBe('function');
  });

  it('answers /healthz, and lists in /api/rooms who joined over /ws', async () => {
    expect(await (await fetch(`${app.origin}/healthz`)).json()).toMatchObject({ status: 'ok', mode: 'sfu' });
    expect(await (await fetch(`${app.origin}/api/rooms`)).json()).toEqual({ mode: 'sfu', rooms: [] });
    const client = await SignalingClient.connect(`ws://127.0.0.1:${app.port}/ws`, { createSocket: openNodeWebSocket });
    clients.push(client);
    const { peerId } = await client.request('join', { room: 'r1', name: 'zoe' });
    const listed = (await (await fetch(`${app.origin}/api/rooms`)).json()) as { rooms: unknown };
    expect(listed.rooms).toEqual([{ id: 'r1', peers: [{ id: peerId, name: 'zoe', joinedAt: expect.any(Number) }] }]);
  });
});

describe('the app in SFU mode', () => {
  it('runs the real media worker on the UDP port it was given, and says so in the join response and /api/stats', async () => {
    const app = await startApp(options([]));
    try {
      expect(app.sfu?.media).toEqual({ listenIp: '127.0.0.1', port: expect.any(Number), announcedIp: '127.0.0.1' });
      expect(app.sfu!.media.port).toBeGreaterThan(0);
      const client = await SignalingClient.connect(`ws://127.0.0.1:${app.port}/ws`, { createSocket: openNodeWebSocket });
      clients.push(client);
      const joined = await client.request('join', { room: 'r1', name: 'ann' });
      expect(joined).toMatchObject({ mode: 'sfu', peers: [] });
      const stats = (await (await fetch(`${app.origin}/api/stats`)).json()) as SfuStats;
      expect(stats.mode).toBe('sfu');
      expect(stats.rooms).toEqual([{ id: 'r1', peers: 1, producers: 0, consumers: 0 }]);
      expect(stats.workers).toEqual([
        { pid: process.pid, routers: expect.any(Number), cpu: { userSeconds: expect.any(Number), systemSeconds: expect.any(Number), percent: expect.any(Number) }, memory: { rssBytes: expect.any(Number), heapUsedBytes: expect.any(Number) } },
      ]);
    } finally {
      await app.close();
    }
    expect(app.sfu!.worker.closed).toBe(true);
  });

  it('gives each room a router of the worker, and closes the rooms and the worker with the app', async () => {
    const made: FakeMediaWorker[] = [];
    const app = await startApp(options(['--host', '127.0.0.1', '--announced-ip', '198.51.100.4']), { mediaPlane: fakeMediaPlane(made) });
    let closed = false;
    try {
      expect(app.sfu!.media).toEqual({ listenIp: '127.0.0.1', port: 0, announcedIp: '198.51.100.4' });
      app.sfu!.worker.observer.on('close', () => (closed = true));
      for (const [room, name] of [['a', 'ann'], ['a', 'ben'], ['b', 'cy']] as const) {
        const client = await SignalingClient.connect(`ws://127.0.0.1:${app.port}/ws`, { createSocket: openNodeWebSocket });
        clients.push(client);
        await client.request('join', { room, name });
      }
      const stats = (await (await fetch(`${app.origin}/api/stats`)).json()) as SfuStats;
      expect(stats.rooms.map(({ id, peers }) => [id, peers])).toEqual([
        ['a', 2],
        ['b', 1],
      ]);
      expect(stats.workers[0]!.routers).toBe(2);
      expect(made[0]!.requestLog.filter((request) => request.method === 'worker.createRouter')).toHaveLength(2);
    } finally {
      await app.close();
    }
    expect(closed).toBe(true);
    expect(app.sfu!.worker.closed).toBe(true);
  });

  it('refuses to start when the media port is taken, and leaves the web port free', async () => {
    const first = await startApp(options([]));
    try {
      const error = await startApp(options(['--rtc-port', String(first.sfu!.media.port)])).then(
        () => undefined,
        (failure: unknown) => failure as NodeJS.ErrnoException,
      );
      expect(error?.code).toBe('EADDRINUSE');
    } finally {
      await first.close();
    }
  });
});

describe('the app in mesh mode', () => {
  it('has no SFU: joins say no mode, and /api/stats counts peers only', async () => {
    const app = await startApp(meshOptions());
    try {
      expect(app.sfu).toBeUndefined();
      const client = await SignalingClient.connect(`ws://127.0.0.1:${app.port}/ws`, { createSocket: openNodeWebSocket });
      clients.push(client);
      const joined = await client.request('join', { room: 'm', name: 'ann' });
      expect(joined).not.toHaveProperty('mode');
      await expect(client.request('publish', { sdp: 'v=0' })).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
      expect(await (await fetch(`${app.origin}/api/stats`)).json()).toEqual({ mode: 'mesh', rooms: [{ id: 'm', peers: 1, producers: 0, consumers: 0 }], workers: [] });
      expect(await (await fetch(`${app.origin}/healthz`)).json()).toMatchObject({ mode: 'mesh' });
    } finally {
      await app.close();
    }
  });
});

describe('the app with a token secret', () => {
  it('refuses a join without a token, and lets in one with --allow-no-token', async () => {
    const secret = 'a-secret-of-24-bytes-abc';
    for (const [args, expected] of [
      [['--token-secret', secret], 'TOKEN_REQUIRED'],
      [['--token-secret', secret, '--allow-no-token'], 'joined'],
    ] as const) {
      const app = await startApp(options([...args]));
      try {
        const client = await SignalingClient.connect(`ws://127.0.0.1:${app.port}/ws`, { createSocket: openNodeWebSocket });
        clients.push(client);
        const outcome = await client.request('join', { room: 'r', name: 'n' }).then(
          () => 'joined',
          (error: unknown) => (error instanceof SignalingRequestError ? error.code : String(error)),
        );
        expect(outcome).toBe(expected);
      } finally {
        await app.close();
      }
    }
  });
});

describe('the app over HTTPS', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(options(['--https', '--cert-name', 'demo.test']));
  });
  afterAll(() => app.close());

  it('presents a certificate for localhost, the loopback addresses and --cert-name, and a client trusting it gets the page', async () => {
    expect(app.origin).toBe(`https://127.0.0.1:${app.port}`);
    const certificate = app.certificate!;
    expect(certificate.names).toEqual(['localhost', '127.0.0.1', '::1', 'demo.test']);
    const x509 = new X509Certificate(certificate.cert);
    expect(x509.fingerprint256).toBe(certificate.fingerprint);
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('demo.test')).toBe('demo.test');

    // Verified for real: the certificate is the only trust anchor, and the host is checked against its names.
    const { status, body, peer } = await new Promise<{ status: number; body: string; peer: string }>((resolve, reject) => {
      const request = httpsGet(`${app.origin}/healthz`, { ca: certificate.cert }, (response) => {
        const peer = (response.socket as TLSSocket).getPeerX509Certificate()?.fingerprint256 ?? '';
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, peer }));
      });
      request.on('error', reject);
    });
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
    expect(peer).toBe(certificate.fingerprint);
  });

  it('refuses a client that does not trust the certificate, as a browser would before the user accepts it', async () => {
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      httpsGet(`${app.origin}/`, () => resolve(new Error('connected') as NodeJS.ErrnoException)).on('error', resolve);
    });
    expect(error.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('carries signaling over wss on the same port', async () => {
    const client = await SignalingClient.connect(`wss://localhost:${app.port}/ws`, {
      createSocket: (url) => openNodeWebSocket(url, { tls: { ca: app.certificate!.cert } }),
    });
    clients.push(client);
    expect((await client.request('join', { room: 'tls', name: 'dana' })).peers).toEqual([]);
  });
});

describe('npm start', () => {
  const main = fileURLToPath(new URL('../main.ts', import.meta.url));

  function run(args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    return { child, exited, stdout: () => stdout, stderr: () => stderr };
  }

  it('prints where the SFU call is and its media port, serves it, and exits 0 on SIGTERM', async () => {
    const started = run(['--port', '0', '--rtc-port', '0']);
    try {
      const deadline = Date.now() + 10_000;
      let origin: string | undefined;
      while (origin === undefined && Date.now() < deadline) {
        origin = /^SFU call on (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(started.stdout())?.[1];
        if (origin === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(origin, started.stderr()).toBeDefined();
      expect(started.stdout()).toContain('/?room=demo&name=alice joins directly');
      expect(started.stdout()).toMatch(/media: udp 127\.0\.0\.1:\d+, announced to browsers as 127\.0\.0\.1:\d+/);
      expect(((await (await fetch(`${origin!}/api/stats`)).json()) as SfuStats).workers).toHaveLength(1);
      expect((await fetch(`${origin!}/healthz`)).status).toBe(200);
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    } finally {
      started.child.kill('SIGKILL');
    }
  });

  it('lists its options with --help, and refuses a bad one with exit status 2', async () => {
    const help = run(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(/--host <address>[\s\S]*--port <n>[\s\S]*--mode <mode>[\s\S]*--rtc-port <n>[\s\S]*--listen-ip[\s\S]*--announced-ip[\s\S]*--https/);
    const bad = run(['--mode', 'p2p']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toMatch(/--mode must be one of sfu, mesh[\s\S]*usage: npm start/);
  });
});
