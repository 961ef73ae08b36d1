import { attributeFailure } from '../errors.ts';
import { splitFields } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';
import { isRidId } from './rid.ts';

/** One rid in a simulcast list; `paused` is the `~` prefix (RFC 8853 §5.1: "initially paused"). */
export interface SimulcastRid {
  rid: string;
  paused: boolean;
}

/**
 * RFC 8853 §5.1: `a=simulcast:<send|recv> <list> [<recv|send> <list>]`.
 * A list is streams separated by `;`, each stream one or more alternative rids
 * separated by `,`: `send q;h;f` is three streams, `recv 1,2;~3` two streams, the
 * first with two alternative formats and the second paused.
 */
export interface Simulcast {
  send?: SimulcastRid[][];
  recv?: SimulcastRid[][];
}

const bad = attributeFailure('BAD_SIMULCAST', 'simulcast');

export function parseSimulcast(value: string): Simulcast {
  const fields = splitFields(value);
  if (fields === undefined || (fields.length !== 2 && fields.length !== 4)) throw bad(value, 'want "send|recv <list>" once or twice');
  const simulcast: Simulcast = {};
  for (let i = 0; i < fields.length; i += 2) {
    const direction = fields[i];
    if (direction !== 'send' && direction !== 'recv') throw bad(value, `${JSON.stringify(direction)} is not send or recv`);
    if (simulcast[direction] !== undefined) throw bad(value, `${direction} appears twice`);
    simulcast[direction] = parseStreams(value, fields[i + 1]!);
  }
  return simulcast;
}

/** RFC 8853 §5.1: sc-str-list = sc-alt-list *(";" sc-alt-list); sc-alt-list = sc-id *("," sc-id); sc-id = ["~"] rid-id. */
function parseStreams(value: string, list: string): SimulcastRid[][] {
  return list.split(';').map((stream) =>
    stream.split(',').map((id) => {
      const paused = id.startsWith('~');
      const rid = paused ? id.slice(1) : id;
      if (!isRidId(rid)) throw bad(value, `${JSON.stringify(id)} is not a rid`);
      return { rid, paused };
    }),
  );
}

function serializeStreams(streams: SimulcastRid[][]): string {
  return streams.map((stream) => stream.map(({ rid, paused }) => (paused ? `~${rid}` : rid)).join(',')).join(';');
}

export function serializeSimulcast(simulcast: Simulcast): string {
  const parts: string[] = [];
  if (simulcast.send !== undefined) parts.push(`send ${serializeStreams(simulcast.send)}`);
  if (simulcast.recv !== undefined) parts.push(`recv ${serializeStreams(simulcast.recv)}`);
  return parts.join(' ');
}

export const simulcastAttribute = attributeCodec('simulcast', parseSimulcast, serializeSimulcast);
