/**
 * `state`: the server's rooms and peers, from GET /api/rooms, as a table.
 * Accepts the bare array of SignalingServer.rooms() or an object with a
 * `rooms` field holding it.
 */
import type { RoomState } from '#server/signaling/index.ts';

export async function fetchRooms(baseUrl: string): Promise<RoomState[]> {
  const response = await fetch(new URL('/api/rooms', baseUrl), { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`GET /api/rooms answered ${response.status}`);
  const body = (await response.json()) as RoomState[] | { rooms: RoomState[] };
  return Array.isArray(body) ? body : body.rooms;
}

function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

export function renderRooms(rooms: readonly RoomState[], now = Date.now()): string[] {
  if (rooms.length === 0) return ['no rooms'];
  const lines: string[] = [];
  for (const room of rooms) {
    lines.push(`room ${room.id}: ${room.peers.length} peer${room.peers.length === 1 ? '' : 's'}`);
    for (const peer of room.peers) {
      lines.push(`  ${peer.id.padEnd(14)} ${peer.name.padEnd(20)} joined ${new Date(peer.joinedAt).toISOString().slice(11, 19)} (${ago(now - peer.joinedAt)} ago)`);
    }
  }
  return lines;
}
