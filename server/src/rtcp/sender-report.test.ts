import { describe, it } from 'vitest';
import { RtcpParseError } from './errors.ts';
import { type SenderReport, parseSenderReport, senderReportCodec, serializeSenderReport } from './sender-report.ts';
import { hex, itParsesAndWrites, itRefusesToSerialize, itRejects, toHex } from './test-support.ts';

const block = {
  ssrc: 0x0586e8e5,
  fractionLost: 0x40,
  cumulativeLost: -1,
  extendedHighestSequence: 0x0001_1a66,
  jitter: 9,
  lastSenderReport: 0xd7fc6538,
  delaySinceLastSenderReport: 0x1ff2,
};

const senderInfo = hex`
  ee af d7 fa 89 40 bb b1   // NTP timestamp
  d4 1a 39 10               // RTP timestamp
  00 00 00 1d               // sender's packet count = 29
  00 00 57 0b               // sender's octet count = 22283
`;

const base: SenderReport = {
  kind: 'sender-report',
  ssrc: 0x3355b747,
  ntpTimestamp: 0xeeafd7fa8940bbb1n,
  rtpTimestamp: 0xd41a3910,
  packetCount: 29,
  octetCount: 22283,
  reports: [],
  profileExtensions: new Uint8Array(),
};

describe('sender report (RFC 3550 §6.4.1)', () => {
  itParsesAndWrites(senderReportCodec, [
    {
      name: 'RFC 3550 §6.4.1 SR with RC=0, as Chromium sends before it has received anything',
      bytes: hex`
        80 c8 00 06   // V=2 P=0 RC=0, PT=SR=200, length=6
        33 55 b7 47   // SSRC of sender
        ${toHex(senderInfo)}
      `,
      want: base,
    },
    {
      name: 'RFC 3550 §6.4.1 SR with one report block (fraction 1/4, cumulative lost −1 after a duplicate)',
      bytes: hex`
        81 c8 00 0c   // RC=1, length=12
        33 55 b7 47
        ${toHex(senderInfo)}
        05 86 e8 e5   // SSRC_1
        40 ff ff ff   // fraction lost = 64/256, cumulative lost = -1 (24-bit signed)
        00 01 1a 66   // extended highest sequence: 1 cycle, seq 0x1a66
        00 00 00 09   // jitter
        d7 fc 65 38   // LSR
        00 00 1f f2   // DLSR
      `,
      want: { ...base, reports: [block] },
    },
    {
      name: 'RFC 3550 §6.4.1 profile-specific extension after the blocks is kept',
      bytes: hex`
        80 c8 00 07
        33 55 b7 47
        ${toHex(senderInfo)}
        de ad be ef   // profile-specific extension
      `,
      want: { ...base, profileExtensions: hex`de ad be ef` },
    },
  ]);

  itRejects(parseSenderReport, [
    { name: 'a body shorter than SSRC + sender info', bytes: hex`80 c8 00 05  33 55 b7 47 ${toHex(senderInfo.subarray(0, 16))}`, code: 'PACKET_TOO_SHORT' },
    { name: 'RC=1 with no room for the block', bytes: hex`81 c8 00 06  33 55 b7 47 ${toHex(senderInfo)}`, code: 'BAD_LENGTH' },
    { name: 'a length field longer than the buffer', bytes: hex`80 c8 00 07  33 55 b7 47 ${toHex(senderInfo)}`, code: 'BAD_LENGTH' },
    { name: 'an RR handed to the SR parser', bytes: hex`80 c9 00 01  33 55 b7 47`, code: 'WRONG_PACKET_TYPE' },
    {
      name: 'padding leaving a ragged profile extension',
      bytes: hex`a0 c8 00 07  33 55 b7 47 ${toHex(senderInfo)} 00 00 00 01`,
      code: 'BAD_LENGTH',
    },
  ]);

  itRefusesToSerialize(serializeSenderReport, [
    { name: 'more than 31 report blocks (RC is 5 bits)', packet: { ...base, reports: Array.from({ length: 32 }, () => block) } },
    { name: 'an SSRC over 32 bits', packet: { ...base, ssrc: 2 ** 32 } },
    { name: 'an NTP timestamp over 64 bits', packet: { ...base, ntpTimestamp: 1n << 64n } },
    { name: 'a cumulative lost outside 24-bit signed', packet: { ...base, reports: [{ ...block, cumulativeLost: 0x800000 }] } },
    { name: 'a profile extension that is not whole words', packet: { ...base, profileExtensions: new Uint8Array(3) } },
  ]);
});
