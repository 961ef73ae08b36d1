/** wss: the same server on node:https, and the Node client verifying the certificate. */
import https from 'node:https';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCertificate } from '../x509/index.ts';
import { connectWebSocket } from './client.ts';
import type { WebSocketConnection } from './connection.ts';
import { WebSocketServer } from './server.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('WebSocket over TLS', () => {
  it('echoes over wss:// with a certificate the client checks, and refuses an unknown one', async () => {
    const certificate = generateCertificate({ subjectAltNames: ['127.0.0.1'] });
    const server = https.createServer({ cert: certificate.certificatePem(), key: certificate.privateKeyPem() });
    const websockets = new WebSocketServer({ path: '/ws' }).attach(server);
    websockets.on('connection', (connection) => connection.on('message', ({ data }) => connection.send(data)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(async () => {
      await websockets.close();
      await new Promise((resolve) => server.close(resolve));
    });
    const url = `wss://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;

    const connection: WebSocketConnection = await connectWebSocket(url, { tls: { ca: certificate.certificatePem() } });
    cleanups.push(() => connection.terminate());
    const echoed = new Promise((resolve) => connection.once('message', ({ data }) => resolve(data)));
    connection.send('over TLS');
    expect(await echoed).toBe('over TLS');

    await expect(connectWebSocket(url)).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
  });
});
