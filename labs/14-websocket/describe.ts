/**
 * One line per frame, for the lab's traces and its decode/examples commands:
 *
 *   FIN text   MASK 37fa213d  len 5      "Hello"
 */

const OPCODE_NAMES: Readonly<Record<number, string>> = {
  0x0: 'cont',
  0x1: 'text',
  0x2: 'binary',
  0x8: 'close',
  0x9: 'ping',
  0xa: 'pong',
};

export interface FrameFields {
  fin: boolean;
  opcode: number;
  maskingKey: Uint8Array | undefined;
  payload: Uint8Array;
}

/** At most `max` bytes of data as text if it reads as text, else as hex. */
export function preview(payload: Uint8Array, opcode: number, max = 40): string {
  if (opcode === 0x8 && payload.length >= 2) {
    const code = (payload[0]! << 8) | payload[1]!;
    return `status ${code} ${JSON.stringify(new TextDecoder().decode(payload.subarray(2)))}`;
  }
  const head = payload.subarray(0, max);
  const more = payload.length > max ? ` …(+${payload.length - max})` : '';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  return /^[\x20-\x7e\u00a0-\uffff]*$/.test(text) && opcode !== 0x2 ? `${JSON.stringify(text)}${more}` : `${Buffer.from(head).toString('hex')}${more}`;
}

export function describeFrame(frame: FrameFields): string {
  const fin = frame.fin ? 'FIN' : '   ';
  const name = (OPCODE_NAMES[frame.opcode] ?? `0x${frame.opcode.toString(16)}`).padEnd(6);
  const mask = frame.maskingKey === undefined ? '              ' : `MASK ${Buffer.from(frame.maskingKey).toString('hex')} `;
  return `${fin} ${name} ${mask} len ${String(frame.payload.length).padEnd(6)} ${preview(frame.payload, frame.opcode)}`;
}

/** `bytes` as hex in groups of 4 bytes, 16 bytes a line. */
export function hexDump(bytes: Uint8Array, indent = '  '): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = Buffer.from(bytes.subarray(at, at + 16)).toString('hex').replace(/(.{8})/g, '$1 ').trim();
    lines.push(`${indent}${at.toString(16).padStart(4, '0')}  ${row}`);
  }
  return lines.join('\n');
}
