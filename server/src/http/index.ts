/**
 * The app's HTTP side on node:http and node:https: static files safe from
 * path traversal with the right Content-Type, JSON routes, and the server's
 * own TypeScript modules transpiled for the browser.
 *
 *   import { BrowserModules, createRequestHandler, listen } from '#server/http/index.ts';
 *
 *   const modules = new BrowserModules({ sourceRoot: 'server/src', entries: ['signaling/client.ts'] });
 *   await modules.prepare();                                   // throws if one imports node:*
 *   const handler = createRequestHandler({ webRoot, modules, jsonRoutes: { '/healthz': () => ({ status: 'ok' }) } });
 *   const http = await listen({ host: '127.0.0.1', port: 3000, handler, tls: { cert, key } });
 *   signaling.attach(http.server);
 *
 * Refusals are `HttpError` with a stable `code` and the HTTP status.
 */
export { BrowserModules, type BrowserModulesOptions } from './browser-modules.ts';
export { HttpError, type HttpErrorCode } from './errors.ts';
export { FALLBACK_CONTENT_TYPE, contentTypeFor } from './mime-types.ts';
export { MODULE_PREFIX, createRequestHandler, type RequestHandler, type RequestHandlerOptions } from './request-handler.ts';
export { listen, type HttpListener, type ListenOptions, type TlsCredentials } from './server.ts';
export { decodeUrlPath, isInside, resolveStaticFile, type StaticFile } from './static-files.ts';
