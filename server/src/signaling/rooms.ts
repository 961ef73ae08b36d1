/**
 * Rooms and their peers, the server-side state of mesh mode. A room exists
 * while it has peers: created by its first join, closed by its last leave.
 * Members are kept in join order, which is the order `join` lists them in.
 */
import { randomBytes } from 'node:crypto';
import { SignalingError } from './errors.ts';
import type { NotificationMap, NotificationMethod, PeerInfo, PeerState, RoomState } from './messages.ts';

/** A connection as a room sees it: who it is and how to tell it things. */
export interface RoomMember {
  readonly peer: PeerState;
  notify<M extends NotificationMethod>(method: M, data: NotificationMap[M]): void;
}

export type LeaveReason = 'leave' | 'disconnect' | 'shutdown';

export interface RoomRegistryHooks {
  peerJoined(room: string, peer: PeerState): void;
  peerLeft(room: string, peer: PeerState, reason: LeaveReason): void;
  roomClosed(room: string): void;
}

/** 9 random bytes, 12 base64url characters: unguessable, so a peer id is no handle for others to forge. */
export function newPeerId(): string {
  return randomBytes(9).toString('base64url');
}

function info(peer: PeerState): PeerInfo {
  return { id: peer.id, name: peer.name };
}

export class Room {
  readonly id: string;
  readonly #members = new Map<string, RoomMember>();

  constructor(id: string) {
    this.id = id;
  }

  get size(): number {
    return this.#members.size;
  }

  member(peerId: string): RoomMember | undefined {
    return this.#members.get(peerId);
  }

  /** Everyone but `except`, oldest first. */
  peers(except?: string): PeerInfo[] {
    const out: PeerInfo[] = [];
    for (const [id, member] of this.#members) if (id !== except) out.push(info(member.peer));
    return out;
  }

  /** Adds `member` and tells the others (PROTOCOL.md: peerJoined). */
  add(member: RoomMember): void {
    for (const other of this.#members.values()) other.notify('peerJoined', info(member.peer));
    this.#members.set(member.peer.id, member);
  }

  /** Removes the peer and tells the others (PROTOCOL.md: peerLeft). */
  remove(peerId: string): RoomMember | undefined {
    const member = this.#members.get(peerId);
    if (member === undefined) return undefined;
    this.#members.delete(peerId);
    for (const other of this.#members.values()) other.notify('peerLeft', { id: peerId });
    return member;
  }

  state(): RoomState {
    return { id: this.id, peers: [...this.#members.values()].map(({ peer }) => ({ ...peer })) };
  }
}

export class RoomRegistry {
  readonly #rooms = new Map<string, Room>();
  readonly #peersPerRoom: number;
  readonly #hooks: RoomRegistryHooks;

  constructor(options: { peersPerRoom: number; hooks: RoomRegistryHooks }) {
    this.#peersPerRoom = options.peersPerRoom;
    this.#hooks = options.hooks;
  }

  /** Puts `member` in room `roomId` (creating it) and returns the room. Throws ROOM_FULL. */
  join(roomId: string, member: RoomMember, requestId: number): Room {
    const room = this.#rooms.get(roomId) ?? new Room(roomId);
    if (room.size >= this.#peersPerRoom) {
      throw new SignalingError('ROOM_FULL', `signaling: room "${roomId}" has ${room.size} peers, the limit`, { requestId });
    }
    this.#rooms.set(roomId, room);
    room.add(member);
    this.#hooks.peerJoined(roomId, member.peer);
    return room;
  }

  /** Takes the peer out of its room, closing the room if it was the last one. */
  leave(room: Room, peerId: string, reason: LeaveReason): void {
    const member = room.remove(peerId);
    if (member === undefined) return;
    this.#hooks.peerLeft(room.id, member.peer, reason);
    if (room.size === 0 && this.#rooms.get(room.id) === room) {
      this.#rooms.delete(room.id);
      this.#hooks.roomClosed(room.id);
    }
  }

  states(): RoomState[] {
    return [...this.#rooms.values()].map((room) => room.state());
  }
}
