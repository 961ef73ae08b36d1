import { describe } from 'vitest';
import { parsePictureLossIndication, pictureLossIndicationCodec } from './picture-loss-indication.ts';
import { hex, itParsesAndWrites, itRejects } from './test-support.ts';

describe('picture loss indication (RFC 4585 §6.3.1)', () => {
  itParsesAndWrites(pictureLossIndicationCodec, [
    {
      name: 'RFC 4585 §6.3.1 a PLI: FMT=1, PT=PSFB, length 2, no FCI',
      bytes: hex`
        81 ce 00 02   // V=2 P=0 FMT=1, PT=PSFB=206, length=2
        00 00 00 01   // SSRC of packet sender
        0a 0b 0c 0d   // SSRC of media source
      `,
      want: { kind: 'picture-loss-indication', senderSsrc: 1, mediaSsrc: 0x0a0b0c0d },
    },
  ]);

  itRejects(parsePictureLossIndication, [
    { name: 'RFC 4585 §6.3.1 an FCI (the length field MUST be 2)', bytes: hex`81 ce 00 03  00 00 00 01  00 00 00 02  00 00 00 00`, code: 'BAD_FCI' },
    { name: 'no media SSRC', bytes: hex`81 ce 00 01  00 00 00 01`, code: 'PACKET_TOO_SHORT' },
    { name: 'a FIR handed to the PLI parser', bytes: hex`84 ce 00 02  00 00 00 01  00 00 00 02`, code: 'WRONG_PACKET_TYPE' },
  ]);
});
