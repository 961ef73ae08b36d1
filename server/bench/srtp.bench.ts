/**
 * SRTP per-packet cost: protect, and protect + unprotect, of a 1200-byte RTP
 * payload for each profile, against a bare AES-128-GCM encryption of the same
 * payload (the least any SRTP profile can cost in Node: one cipher object and
 * no framing), plus the naive per-packet createCipheriv + createHmac AES-CM
 * protect that limits.md §3 measured as the thing to beat.
 */
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { AesCmKeystream } from '../src/srtp/aes-cm.ts';
import { SRTP_PROFILES, createSrtpSession, type SrtpProfileName } from '../src/srtp/index.ts';
import { measure, type BenchCase, type BenchSection } from './harness.ts';

export const name = 'srtp';

const PAYLOAD_SIZE = 1200;
const HEADER_SIZE = 12;

function rtpPacket(): Buffer {
  const packet = Buffer.alloc(HEADER_SIZE + PAYLOAD_SIZE);
  packet[0] = 0x80;
  packet[1] = 96;
  packet.writeUInt32BE(0x11223344, 8);
  randomBytes(PAYLOAD_SIZE).copy(packet, HEADER_SIZE);
  return packet;
}

function bareGcmEncrypt(): BenchCase {
  const key = randomBytes(16);
  const iv = randomBytes(12);
  const packet = rtpPacket();
  return {
    name: 'bare aes-128-gcm encrypt (createCipheriv, setAAD, update, final, getAuthTag)',
    op: () => {
      const cipher = createCipheriv('aes-128-gcm', key, iv);
      cipher.setAAD(packet.subarray(0, HEADER_SIZE));
      const out = cipher.update(packet.subarray(HEADER_SIZE));
      cipher.final();
      return [out, cipher.getAuthTag()];
    },
  };
}

/** limits.md §3 (a) + (c): a new CTR cipher and a new HMAC per packet. */
function naiveAesCmProtect(): BenchCase {
  const key = randomBytes(16);
  const authKey = randomBytes(20);
  const iv = Buffer.alloc(16);
  const roc = Buffer.alloc(4);
  const packet = rtpPacket();
  let seq = 0;
  return {
    name: 'naive AES_CM_HMAC_SHA1_80 protect (createCipheriv ctr + createHmac)',
    op: () => {
      iv.writeUInt16BE((seq = (seq + 1) & 0xffff), 12);
      const cipher = createCipheriv('aes-128-ctr', key, iv);
      const out = Buffer.allocUnsafe(packet.length + 10);
      packet.copy(out, 0, 0, HEADER_SIZE);
      cipher.update(packet.subarray(HEADER_SIZE)).copy(out, HEADER_SIZE);
      cipher.final();
      const hmac = createHmac('sha1', authKey).update(out.subarray(0, packet.length)).update(roc).digest();
      hmac.copy(out, packet.length, 0, 10);
      return out;
    },
  };
}

/** The design choice in aes-cm.ts, measured alone: a CTR cipher per packet against one long-lived ECB cipher. */
function keystreamCases(): BenchCase[] {
  const key = randomBytes(16);
  const iv = Buffer.alloc(16);
  const payload = randomBytes(PAYLOAD_SIZE);
  const ecb = new AesCmKeystream(key);
  // 8-aligned, as the transform arranges it.
  const target = Buffer.alloc(PAYLOAD_SIZE);
  return [
    {
      name: 'AES-CM keystream + XOR only: createCipheriv aes-128-ctr per packet',
      op: () => {
        iv[13] = (iv[13]! + 1) & 0xff;
        const cipher = createCipheriv('aes-128-ctr', key, iv);
        const out = cipher.update(payload);
        cipher.final();
        return out;
      },
    },
    {
      name: 'AES-CM keystream + XOR only: long-lived aes-128-ecb (aes-cm.ts)',
      op: () => {
        iv[13] = (iv[13]! + 1) & 0xff;
        ecb.xor(iv, target, 0, PAYLOAD_SIZE);
        return target;
      },
    },
  ];
}

function sessionCases(profile: SrtpProfileName): BenchCase[] {
  const { keyLength, saltLength } = SRTP_PROFILES[profile];
  const keys = { profile, masterKey: randomBytes(keyLength), masterSalt: randomBytes(saltLength) };
  const protectOnly = createSrtpSession(keys);
  const sender = createSrtpSession(keys);
  const receiver = createSrtpSession(keys);
  // Each case has its own packet whose SEQ goes up by one per operation, so the ROC advances
  // and the receiver's replay window never refuses a packet.
  const counting = (): (() => Buffer) => {
    const plain = rtpPacket();
    return () => {
      plain.writeUInt16BE((plain.readUInt16BE(2) + 1) & 0xffff, 2);
      return plain;
    };
  };
  const nextAlone = counting();
  const nextPair = counting();
  return [
    { name: `${profile} protectRtp`, op: () => protectOnly.protectRtp(nextAlone()) },
    { name: `${profile} protectRtp + unprotectRtp`, op: () => receiver.unprotectRtp(sender.protectRtp(nextPair())) },
  ];
}

export async function run(): Promise<BenchSection> {
  const baseline = bareGcmEncrypt();
  const cases = [
    baseline,
    naiveAesCmProtect(),
    ...keystreamCases(),
    ...(Object.keys(SRTP_PROFILES) as SrtpProfileName[]).flatMap(sessionCases),
  ];
  return {
    title: `SRTP per packet: ${PAYLOAD_SIZE}-byte RTP payload, 12-byte header`,
    baseline: baseline.name,
    unit: 'packets',
    results: measure(cases, { rounds: 7, batchMs: 150 }),
    notes: [
      'throughput vs baseline > 1 means faster than the bare GCM encryption; compare ratios, not ns (shared, noisy machine).',
      'protectRtp + unprotectRtp is one packet through both ends: what an SFU pays per received packet and per forwarded copy.',
      'limits.md §3 for this machine class: bare GCM encrypt 2.73 µs, naive AES-CM protect ≈ 3.9 µs (2.00 + 1.90), CTR per packet 2.00 µs vs ECB keystream 1.17 µs.',
    ],
  };
}
