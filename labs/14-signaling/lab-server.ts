/**
 * The lab's signaling server: node:http with the SFU's SignalingServer on
 * /ws and its live state on GET /api/rooms (the same endpoint the web app
 * serves, so `state` works against either). Every room event is printed.
 */
import http from 'node:http';
import { SignalingServer, type SignalingServerOptions } from '#server/signaling/index.ts';

export async function startLabServer(options: { port: number; host: string; signaling: SignalingServerOptions; log: (line: string) => void }): Promise<{ url: string; close(): Promise<void> }> {
  const { log } = options;
  const signaling = new SignalingServer({ path: '/ws', ...options.signaling });
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/api/rooms') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(signaling.rooms()));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('signaling lab: WebSocket on /ws, state on GET /api/rooms\n');
  });
  signaling.attach(server);
  signaling.on('connection', (connection, request) => {
    log(`connection from ${request.socket.remoteAddress}:${request.socket.remotePort}`);
    connection.on('close', ({ code, reason }) => log(`connection closed: ${code} ${reason}`.trimEnd()));
  });
  signaling.on('peerjoined', ({ room, peer }) => log(`peerjoined  room ${room}  ${peer.id} "${peer.name}"`));
  signaling.on('peerleft', ({ room, peer, reason }) => log(`peerleft    room ${room}  ${peer.id} "${peer.name}" (${reason})`));
  signaling.on('roomclosed', ({ room }) => log(`roomclosed  room ${room}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${options.host}:${port}`,
    async close() {
      await signaling.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
