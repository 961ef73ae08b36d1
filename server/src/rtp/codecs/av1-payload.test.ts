import { describe, expect, it } from 'vitest';
import type { RtpErrorCode } from '../errors.ts';
import { hex, thrownCode } from '../test-helpers.ts';
import { av1ObuType, isAv1Keyframe, parseAv1Payload, type Av1Payload } from './av1-payload.ts';

/** The payload of a 0x00 aggregation header alone (every flag clear, no elements) with `fields` changed. */
function av1(fields: Partial<Av1Payload>): Av1Payload {
  return { ...parseAv1Payload(hex('00')), ...fields };
}

const block128 = 'ab'.repeat(128);

/** The aggregation header (§4.4) and element layouts (§4.5) of the AV1 RTP payload format. */
const rows: { name: string; payload: Uint8Array; want: Av1Payload }[] = [
  {
    name: 'W=0 and N=1: every element has a LEB128 size',
    payload: hex(`08            // Z=0 Y=0 W=0 N=1
                  02 12 00      // size 2: temporal delimiter OBU
                  03 0a 0b 0c   // size 3: sequence header OBU (start)`),
    want: av1({ newCodedVideoSequence: true, elements: [hex('12 00'), hex('0a 0b 0c')] }),
  },
  {
    name: 'W=1: the only element has no size and runs to the end',
    payload: hex('10 0a 0b 0c   // W=1'),
    want: av1({ elementCount: 1, elements: [hex('0a 0b 0c')] }),
  },
  {
    name: 'W=2: the first element is sized, the last is not',
    payload: hex(`20            // W=2
                  02 aa bb      // size 2
                  cc dd ee      // the rest`),
    want: av1({ elementCount: 2, elements: [hex('aa bb'), hex('cc dd ee')] }),
  },
  {
    name: 'W=3: two sized elements and an unsized last one',
    payload: hex('30 01 aa 01 bb cc dd'),
    want: av1({ elementCount: 3, elements: [hex('aa'), hex('bb'), hex('cc dd')] }),
  },
  {
    name: 'Z=1 and Y=1: a middle fragment of an OBU',
    payload: hex('d0 aa bb   // Z=1 Y=1 W=1'),
    want: av1({ startsWithContinuation: true, endsWithFragment: true, elementCount: 1, elements: [hex('aa bb')] }),
  },
  {
    name: 'a two-byte LEB128 size (128)',
    payload: hex(`00 80 01 ${block128}`),
    want: av1({ elements: [hex(block128)] }),
  },
  {
    name: 'the aggregation header alone',
    payload: hex('00'),
    want: { startsWithContinuation: false, endsWithFragment: false, elementCount: 0, newCodedVideoSequence: false, elements: [] },
  },
];

describe('parseAv1Payload', () => {
  it.each(rows)('parses $name', ({ payload, want }) => {
    expect(parseAv1Payload(payload)).toEqual(want);
  });

  it('returns elements as views into the payload', () => {
    const payload = rows[2]!.payload;
    const [, last] = parseAv1Payload(payload).elements;
    expect(last!.buffer).toBe(payload.buffer);
    expect(last!.byteOffset).toBe(payload.byteOffset + 4);
  });

  const errorRows: { name: string; payload: Uint8Array; code: RtpErrorCode }[] = [
    { name: 'an empty payload', payload: hex(''), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'an element longer than the payload', payload: hex('00 05 aa'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'a LEB128 size cut short', payload: hex('00 80'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'a LEB128 size of 9 bytes', payload: hex('00 80 80 80 80 80 80 80 80 01'), code: 'BAD_DESCRIPTOR' },
    { name: 'a LEB128 size of 2^32', payload: hex('00 80 80 80 80 10'), code: 'BAD_DESCRIPTOR' },
  ];

  it.each(errorRows)('rejects $name with $code', ({ payload, code }) => {
    expect(thrownCode(() => parseAv1Payload(payload))).toBe(code);
  });
});

describe('isAv1Keyframe (N=1: first packet of a coded video sequence)', () => {
  it.each([
    { name: 'N=1', payload: hex('18 0a 0b'), want: true },
    { name: 'N=0', payload: hex('10 32 00'), want: false },
    { name: 'a continuation (Z=1) of a key frame', payload: hex('90 aa'), want: false },
  ])('$name → $want', ({ payload, want }) => {
    expect(isAv1Keyframe(payload)).toBe(want);
  });

  it('rejects an empty payload', () => {
    expect(thrownCode(() => isAv1Keyframe(hex('')))).toBe('DESCRIPTOR_TOO_SHORT');
  });
});

describe('av1ObuType', () => {
  it.each([
    { name: 'a sequence header', element: hex('0a 0b'), want: 1 },
    { name: 'a temporal delimiter', element: hex('12 00'), want: 2 },
    { name: 'a frame', element: hex('32 10'), want: 6 },
    { name: 'an empty element', element: hex(''), want: undefined },
  ])('reads $name as $want', ({ element, want }) => {
    expect(av1ObuType(element)).toBe(want);
  });
});
