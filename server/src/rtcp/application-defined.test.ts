import { describe } from 'vitest';
import { type ApplicationDefined, applicationDefinedCodec, parseApplicationDefined, serializeApplicationDefined } from './application-defined.ts';
import { hex, itParsesAndWrites, itRefusesToSerialize, itRejects } from './test-support.ts';

const rows: { name: string; bytes: Uint8Array; want: ApplicationDefined }[] = [
  {
    name: 'RFC 3550 §6.7 APP with subtype 3, name and one word of data',
    bytes: hex`
      83 cc 00 03   // V=2 P=0 subtype=3, PT=APP=204, length=3
      00 00 00 2a   // SSRC
      71 6f 73 31   // name "qos1"
      01 02 03 04   // application-dependent data
    `,
    want: { kind: 'application-defined', subtype: 3, ssrc: 42, name: 'qos1', data: hex`01020304` },
  },
  {
    name: 'RFC 3550 §6.7 APP without data',
    bytes: hex`80 cc 00 02  00 00 00 01  41 42 43 44`,
    want: { kind: 'application-defined', subtype: 0, ssrc: 1, name: 'ABCD', data: new Uint8Array() },
  },
];

describe('application-defined (RFC 3550 §6.7)', () => {
  itParsesAndWrites(applicationDefinedCodec, rows);

  itRejects(parseApplicationDefined, [
    { name: 'no name', bytes: hex`80 cc 00 01  00 00 00 01`, code: 'PACKET_TOO_SHORT' },
    { name: 'RFC 3550 §6.7 data that is not whole words after padding', bytes: hex`a0 cc 00 03  00 00 00 01  41 42 43 44  01 02 03 02`, code: 'BAD_LENGTH' },
  ]);

  itRefusesToSerialize(serializeApplicationDefined, [
    { name: 'a name of 3 characters', packet: { ...rows[1]!.want, name: 'ABC' } },
    { name: 'a name beyond Latin-1', packet: { ...rows[1]!.want, name: 'AB€D' } },
    { name: 'data that is not whole words', packet: { ...rows[1]!.want, data: new Uint8Array(2) } },
    { name: 'a subtype over 5 bits', packet: { ...rows[1]!.want, subtype: 32 } },
  ]);
});
