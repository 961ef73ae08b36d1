/**
 * The app behind `npm start`: the web app's files, the browser modules,
 * `/healthz`, `/api/rooms`, and signaling on `/ws`, over HTTP or HTTPS.
 * Mesh mode: the server only introduces peers and relays their SDP and ICE
 * candidates; media flows browser to browser. The SFU mode will add its media
 * side here, next to signaling.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BrowserModules, createRequestHandler, listen, type HttpListener } from '../http/index.ts';
import { SignalingServer } from '../signaling/index.ts';
import { serverCertificate, type ServerCertificate } from './certificate.ts';
import type { ServerOptions } from './options.ts';

/** server/web: the page, its script and styles. */
export const WEB_ROOT = realpathSync(fileURLToPath(new URL('../../web/', import.meta.url)));
/** Where the browser modules' paths start: server/src. */
export const SOURCE_ROOT = realpathSync(fileURLToPath(new URL('../', import.meta.url)));
/** The server's own modules the page imports from /lib/ (written once, with no Node APIs). */
export const BROWSER_MODULE_ENTRIES = ['signaling/client.ts', 'call-stats/index.ts'] as const;
export const SIGNALING_PATH = '/ws';

export interface RunningApp {
  readonly options: ServerOptions;
  /** 'http://127.0.0.1:3000': the bound address; with port 0, the port picked. */
  readonly origin: string;
  readonly port: number;
  readonly signaling: SignalingServer;
  readonly http: HttpListener;
  /** Set with --https. */
  readonly certificate: ServerCertificate | undefined;
  /** Closes every WebSocket (1001), then every HTTP connection. */
  close(): Promise<void>;
}

export async function startApp(options: ServerOptions): Promise<RunningApp> {
  const startedAt = Date.now();
  const modules = new BrowserModules({ sourceRoot: SOURCE_ROOT, entries: BROWSER_MODULE_ENTRIES });
  await modules.prepare();
  const signaling = new SignalingServer({
    path: SIGNALING_PATH,
    ...(options.tokenSecret === undefined ? {} : { tokenSecret: options.tokenSecret, requireToken: !options.allowJoinWithoutToken }),
  });
  signaling.on('error', (error) => console.error('signaling: handler failed:', error));
  const handler = createRequestHandler({
    webRoot: WEB_ROOT,
    modules,
    jsonRoutes: {
      '/healthz': () => ({ status: 'ok', mode: options.mode, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }),
      '/api/rooms': () => ({ mode: options.mode, rooms: signaling.rooms() }),
    },
  });
  const certificate = options.https ? await serverCertificate(options) : undefined;
  const http = await listen({
    host: options.host,
    port: options.port,
    handler,
    ...(certificate === undefined ? {} : { tls: { cert: certificate.cert, key: certificate.key } }),
  });
  signaling.attach(http.server);
  return {
    options,
    origin: http.origin,
    port: http.port,
    signaling,
    http,
    certificate,
    close: async () => {
      await signaling.close();
      await http.close();
    },
  };
}
