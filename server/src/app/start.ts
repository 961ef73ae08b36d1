/**
 * The app behind `npm start`: the web app's files, the browser modules,
 * `/healthz`, `/api/rooms`, `/api/stats`, and signaling on `/ws`, over HTTP
 * or HTTPS.
 *
 * SFU mode (the default): a media worker on one UDP port, the SFU's Worker
 * over it, and the signaling server's SFU methods (SfuRoomService): each
 * room gets a router, each browser publishes to it and receives the others'
 * tracks from it. Mesh mode: the server only introduces peers and relays
 * their SDP and ICE candidates; media flows browser to browser.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BrowserModules, createRequestHandler, listen, type HttpListener } from '../http/index.ts';
import { SignalingServer } from '../signaling/index.ts';
import type { SfuRoomService } from '../signaling/sfu/sfu-room-service.ts';
import type { Worker } from '../sfu/index.ts';
import { serverCertificate, type ServerCertificate } from './certificate.ts';
import { startMediaPlane, type MediaPlane, type MediaPlaneFactory } from './media-plane.ts';
import type { ServerOptions } from './options.ts';
import { rtcAddress } from './rtc-address.ts';

/** server/web: the page, its script and styles. */
export const WEB_ROOT = realpathSync(fileURLToPath(new URL('../../web/', import.meta.url)));
/** Where the browser modules' paths start: server/src. */
export const SOURCE_ROOT = realpathSync(fileURLToPath(new URL('../', import.meta.url)));
/** The server's own modules the page imports from /lib/ (written once, with no Node APIs). */
export const BROWSER_MODULE_ENTRIES = ['signaling/client.ts', 'call-stats/index.ts'] as const;
export const SIGNALING_PATH = '/ws';

/** SFU mode's parts, for the banner, `/api/stats` and tests that look inside. */
export interface RunningSfu {
  readonly worker: Worker;
  readonly rooms: SfuRoomService;
  /** The media port as bound (its port when --rtc-port 0) and the address browsers are told. */
  readonly media: MediaPlane['address'];
  /** Closes the rooms and the worker; resolves once the media port is released. */
  close(): Promise<void>;
}

export interface StartAppHooks {
  /** SFU mode: makes the media plane; default the real media worker (media-plane.ts). Tests pass a fake. */
  readonly mediaPlane?: MediaPlaneFactory;
}

export interface RunningApp {
  readonly options: ServerOptions;
  /** 'http://127.0.0.1:3000': the bound address; with port 0, the port picked. */
  readonly origin: string;
  readonly port: number;
  readonly signaling: SignalingServer;
  readonly http: HttpListener;
  /** Set with --https. */
  readonly certificate: ServerCertificate | undefined;
  /** Set in SFU mode. */
  readonly sfu: RunningSfu | undefined;
  /** Closes every WebSocket (1001), the SFU's rooms and its worker (the media port), then every HTTP connection. */
  close(): Promise<void>;
}

export async function startApp(options: ServerOptions, hooks: StartAppHooks = {}): Promise<RunningApp> {
  const startedAt = Date.now();
  const modules = new BrowserModules({ sourceRoot: SOURCE_ROOT, entries: BROWSER_MODULE_ENTRIES });
  await modules.prepare();
  const certificate = options.https ? await serverCertificate(options) : undefined;
  const sfu = options.mode === 'sfu' ? await startSfu(options, hooks.mediaPlane ?? startMediaPlane) : undefined;
  const signaling = new SignalingServer({
    path: SIGNALING_PATH,
    ...(options.tokenSecret === undefined ? {} : { tokenSecret: options.tokenSecret, requireToken: !options.allowJoinWithoutToken }),
    ...(sfu === undefined ? {} : { extension: sfu.rooms }),
  });
  signaling.on('error', (error) => console.error('signaling: handler failed:', error));
  const handler = createRequestHandler({
    webRoot: WEB_ROOT,
    modules,
    jsonRoutes: {
      '/healthz': () => ({ status: 'ok', mode: options.mode, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }),
      '/api/rooms': () => ({ mode: options.mode, rooms: signaling.rooms() }),
      // A mesh's media never reaches the server: its rooms have peers and nothing else to count.
      '/api/stats': () =>
        sfu?.rooms.stats() ?? { mode: options.mode, rooms: signaling.rooms().map((room) => ({ id: room.id, peers: room.peers.length, producers: 0, consumers: 0 })), workers: [] },
    },
  });
  let http: HttpListener;
  try {
    http = await listen({
      host: options.host,
      port: options.port,
      handler,
      ...(certificate === undefined ? {} : { tls: { cert: certificate.cert, key: certificate.key } }),
    });
  } catch (error) {
    await sfu?.close();
    throw error;
  }
  signaling.attach(http.server);
  return {
    options,
    origin: http.origin,
    port: http.port,
    signaling,
    http,
    certificate,
    sfu,
    close: async () => {
      await signaling.close();
      await sfu?.close();
      await http.close();
    },
  };
}

/** Loads the SFU's modules only in SFU mode: a mesh never needs them. */
async function startSfu(options: ServerOptions, mediaPlane: MediaPlaneFactory): Promise<RunningSfu> {
  const [{ createWorker }, { SfuRoomService }] = await Promise.all([import('../sfu/index.ts'), import('../signaling/sfu/sfu-room-service.ts')]);
  const { listenIp, announcedIp } = rtcAddress(options);
  const plane = await mediaPlane({ address: listenIp, port: options.rtcPort, announcedAddress: announcedIp });
  const worker = await createWorker({ mediaWorker: plane.handler });
  worker.on('died', (error) => console.error('sfu: the media worker died; calls have no media until a restart:', error));
  const rooms = new SfuRoomService({ worker, onError: (error) => console.error('sfu:', error) });
  return {
    worker,
    rooms,
    media: plane.address,
    close: async () => {
      rooms.close();
      worker.close();
      await plane.whenClosed();
    },
  };
}
