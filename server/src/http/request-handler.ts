/**
 * One function for every HTTP request of the app: a few JSON routes
 * (`/healthz`, `/api/rooms`), the browser modules under `/lib/`, and static
 * files for everything else. GET and HEAD only. WebSocket upgrades never get
 * here: they arrive as the server's 'upgrade' event, which signaling handles.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BrowserModules } from './browser-modules.ts';
import { HttpError } from './errors.ts';
import { contentTypeFor } from './mime-types.ts';
import { resolveStaticFile } from './static-files.ts';

export interface RequestHandlerOptions {
  /** The folder of static files, absolute with symbolic links resolved: server/web. */
  readonly webRoot: string;
  readonly modules: BrowserModules;
  /** Path → the value answered as JSON, computed per request. */
  readonly jsonRoutes: Readonly<Record<string, () => unknown>>;
  /** Errors other than HttpError (bugs, I/O failures): they are answered 500. Default: console.error. */
  readonly onError?: (error: unknown, request: IncomingMessage) => void;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

export const MODULE_PREFIX = '/lib/';

/**
 * Sent with every response. nosniff: a browser must believe our Content-Type.
 * The policy lets the page load only its own scripts, styles and connections
 * (same origin; 'self' covers ws: and wss: to it, CSP Level 3 §6.7.2.9), and
 * show camera frames (blob:, mediastream:).
 */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  // Development server: always revalidate, so an edited file shows on reload.
  'Cache-Control': 'no-cache',
} as const;

export function createRequestHandler(options: RequestHandlerOptions): RequestHandler {
  const onError = options.onError ?? ((error: unknown) => console.error('http: request failed:', error));
  return (request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendText(request, response, error.status, `${error.status} ${error.message}\n`, error.code === 'METHOD_NOT_ALLOWED' ? { Allow: 'GET, HEAD' } : {});
        return;
      }
      onError(error, request);
      if (!response.headersSent) sendText(request, response, 500, '500 internal error\n');
      else response.destroy();
    });
  };
}

async function handle(options: RequestHandlerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw new HttpError('METHOD_NOT_ALLOWED', `${request.method ?? '?'} is not allowed; GET and HEAD are`);
  }
  // The raw target: `new URL` would normalize '..' and percent-decode, hiding what the client sent.
  const target = request.url ?? '/';
  const queryStart = target.search(/[?#]/);
  const urlPath = queryStart < 0 ? target : target.slice(0, queryStart);

  const route = options.jsonRoutes[urlPath];
  if (route !== undefined) {
    send(request, response, 200, 'application/json; charset=utf-8', Buffer.from(`${JSON.stringify(route())}\n`));
    return;
  }
  if (urlPath.startsWith(MODULE_PREFIX)) {
    const code = await options.modules.load(decodeModulePath(urlPath.slice(MODULE_PREFIX.length)));
    send(request, response, 200, contentTypeFor('module.js'), Buffer.from(code));
    return;
  }
  const file = await resolveStaticFile(options.webRoot, urlPath);
  response.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': file.size,
    'Last-Modified': file.modified.toUTCString(),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file.file);
    stream.once('error', reject);
    response.once('close', resolve);
    stream.pipe(response);
  });
}

function decodeModulePath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HttpError('BAD_PATH', `bad percent-encoding in ${JSON.stringify(encoded)}`);
  }
}

function send(request: IncomingMessage, response: ServerResponse, status: number, contentType: string, body: Buffer): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': contentType, 'Content-Length': body.length });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function sendText(request: IncomingMessage, response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  send(request, response, status, 'text/plain; charset=utf-8', Buffer.from(text));
}
