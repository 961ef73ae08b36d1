import { describe, expect, it } from 'vitest';
import { parseEthernetFrame, serializeEthernetFrame } from './ethernet.ts';
import { errorCode, hex } from './test-helpers.ts';

describe('parseEthernetFrame', () => {
  it('reads addresses and the EtherType of an untagged frame, as tcpdump -i lo captures them', () => {
    const frame = parseEthernetFrame(hex('000000000000 000000000000 0800 4500'));
    expect(frame).toMatchObject({ destination: '00:00:00:00:00:00', source: '00:00:00:00:00:00', vlanTags: [], etherType: 0x0800 });
    expect([...frame.payload]).toEqual([0x45, 0x00]);
  });

  it('reads stacked 802.1ad and 802.1Q tags (PCP, DEI, VID)', () => {
    const frame = parseEthernetFrame(hex('ffffffffffff 02aabbccddee 88a8 b064 8100 0fff 86dd 60'));
    expect(frame.destination).toBe('ff:ff:ff:ff:ff:ff');
    expect(frame.source).toBe('02:aa:bb:cc:dd:ee');
    expect(frame.vlanTags).toEqual([
      { tpid: 0x88a8, priority: 5, dropEligible: true, id: 100 },
      { tpid: 0x8100, priority: 0, dropEligible: false, id: 4095 },
    ]);
    expect(frame.etherType).toBe(0x86dd);
  });

  it('rejects a frame shorter than its header, or a cut-off tag, with TOO_SHORT', () => {
    expect(errorCode(() => parseEthernetFrame(hex('000000000000 000000000000 08')))).toBe('TOO_SHORT');
    expect(errorCode(() => parseEthernetFrame(hex('000000000000 000000000000 8100 0001 08')))).toBe('TOO_SHORT');
  });
});

describe('serializeEthernetFrame', () => {
  it('writes back what it parsed, tags included', () => {
    const original = hex('ffffffffffff 02aabbccddee 88a8 b064 8100 0fff 86dd 60');
    const frame = parseEthernetFrame(original);
    expect(Buffer.from(serializeEthernetFrame(frame, frame.payload)).equals(Buffer.from(original))).toBe(true);
  });

  it('refuses a malformed MAC, a VLAN id over 4095 and a TPID that is not a tag', () => {
    const base = { destination: '00:00:00:00:00:00', source: '00:00:00:00:00:00', etherType: 0x0800 };
    expect(() => serializeEthernetFrame({ ...base, source: '00:00:00:00:00' }, new Uint8Array(0))).toThrow(RangeError);
    expect(() => serializeEthernetFrame({ ...base, vlanTags: [{ tpid: 0x8100, priority: 0, dropEligible: false, id: 4096 }] }, new Uint8Array(0))).toThrow(RangeError);
    expect(() => serializeEthernetFrame({ ...base, vlanTags: [{ tpid: 0x0800, priority: 0, dropEligible: false, id: 1 }] }, new Uint8Array(0))).toThrow(RangeError);
  });
});
