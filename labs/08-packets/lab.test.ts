/**
 * The lab's pieces on the shipped capture: the per-packet lines, the flow table, the worked
 * checksum, the traffic generator on loopback, and the lab as a process.
 */
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLoopbackCapture } from '#fixtures/loopback/index.ts';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';
import { decodePacket, readCapture } from '#server/pcap/index.ts';
import { checksumSteps } from './checksum-steps.ts';
import { describePacket } from './describe.ts';
import { FlowTable } from './flows.ts';
import { makeTraffic } from './traffic.ts';

const MAIN = path.join(labsDir, '08-packets', 'main.ts');
const decoded = readCapture(readLoopbackCapture()).map(decodePacket);
const processes: RunningProcess[] = [];

afterEach(() => {
  processes.splice(0).forEach((child) => child.kill());
});

function lab(...args: string[]): RunningProcess {
  const child = runTypeScript(MAIN, args);
  processes.push(child);
  return child;
}

describe('08-packets: describePacket', () => {
  it('writes the first SYN like tcpdump -v, with the checksum verdicts', () => {
    const [first, details] = describePacket(1, decoded[0]!, decoded[0]!.captured.timestampUs);
    expect(first).toBe('   1   0.000000  127.0.0.1.43934 > 127.0.0.1.40808: TCP [S] seq 1236278005 win 65495 <mss 65495,sackOK,TS val 1214360075 ecr 0,nop,wscale 10> len 0');
    expect(details).toContain('ipv4 ttl 64 id 15200 DF len 60 hdr-cksum 0x015a ok');
    expect(details).toContain('tcp cksum 0xfe30 offloaded (full 0xade5)');
  });

  it('shows data as text, the RST as valid, and IPv6 with its flow label', () => {
    expect(describePacket(4, decoded[3]!, 0)[0]).toMatch(/TCP \[P\.\] .* len 6 "hello\\n"$/);
    expect(describePacket(21, decoded[20]!, 0)[1]).toMatch(/tcp cksum 0x77bd valid$/);
    expect(describePacket(34, decoded[33]!, 0).join('\n')).toMatch(/::1\.43598 > ::1\.40808: UDP len 6 "ping 1"\n.*ipv6 hlim 64 flow 0x[0-9a-f]+ plen 14 \| udp cksum 0x0021 offloaded/);
  });
});

describe('08-packets: FlowTable', () => {
  it('groups the capture into its six conversations with their counts, flags and verdicts', () => {
    const table = new FlowTable();
    for (const packet of decoded) table.add(packet);
    const lines = table.lines();
    expect(lines[0]).toBe('Flows: 6');
    expect(lines[2]).toMatch(/^ {2}TCP +127\.0\.0\.1\.43934 +127\.0\.0\.1\.40808 +7\/6 +391\/359 +19\/39 +[\d.]+ ms +S \. P F +13 offloaded$/);
    expect(lines[4]).toMatch(/^ {2}TCP +127\.0\.0\.1\.48198 +127\.0\.0\.1\.40809 +1\/1 +60\/40 +0\/0 .* S \. R +1 offloaded, 1 valid$/);
    expect(lines[6]).toMatch(/^ {2}UDP +::1\.43598 +::1\.40808 +3\/3 +162\/162 +18\/18 /);
    expect(lines.at(-1)).toBe('  IPv4 header checksums: 21 valid, 0 bad');
  });
});

describe('08-packets: checksumSteps', () => {
  it('works the RFC 1071 §3 example as the RFC does', () => {
    expect(checksumSteps(Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]))).toEqual([
      '8 bytes',
      '  + 0001  = 00001',
      '  + f203  = 0f204',
      '  + f4f5  = 1e6f9',
      '  + f6f7  = 2ddf0',
      '  fold: ddf0 + 2 (the carries) = ddf2',
      '  sum ddf2, checksum = ~sum = 220d',
      '  check: the sum of the data and 220d is ffff (all ones means intact)',
    ]);
  });
});

describe('08-packets: traffic', () => {
  it('plays the capture\'s conversation on loopback: TCP and UDP over IPv4 and IPv6', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const lines: string[] = [];
    await makeTraffic({ port: Math.min(port, 65000), log: (line) => lines.push(line) });
    expect(lines.filter((line) => /^tcp (127\.0\.0\.1|::1): closed/.test(line))).toHaveLength(2);
    expect(lines.filter((line) => /^udp (127\.0\.0\.1|::1): 3 datagrams each way$/.test(line))).toHaveLength(2);
  }, 15_000);
});

describe('08-packets: the lab as a process', () => {
  it('prints usage with no arguments', async () => {
    const child = lab();
    expect((await child.waitForExit(10_000)).code).toBe(0);
    expect(child.stdout()).toMatch(/^usage:\n {2}npm run lab -- 08-packets read/);
  });

  it('reads the shipped capture by default and ends with the flows', async () => {
    const child = lab('read', '--count', '2');
    expect((await child.waitForExit(10_000)).code).toBe(0);
    expect(child.stdout()).toMatch(/loopback\.pcap: 41 packets\n {3}1 .*\n.*\n {3}2 .*TCP \[S\.\]/);
    expect(child.stdout()).toMatch(/Flows: 6\n/);
    expect(child.stdout()).not.toMatch(/\n {3}3 /);
  });

  it('refuses bytes that are not hex, and a file that is not there, with a message', async () => {
    const badHex = lab('checksum', 'xyz');
    expect((await badHex.waitForExit(10_000)).code).toBe(2);
    const missing = lab('/nonexistent/capture.pcap');
    expect((await missing.waitForExit(10_000)).code).toBe(1);
    expect(missing.stderr()).toMatch(/08-packets: .*ENOENT/);
  });
});
