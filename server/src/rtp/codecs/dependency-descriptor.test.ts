import { describe, expect, it } from 'vitest';
import { parseRtpPacket } from '../packet.ts';
import { hex, thrownCode } from '../test-helpers.ts';
import {
  getDependencyDescriptor,
  hasDependencyDescriptor,
  parseDependencyDescriptor,
  type DependencyDescriptorFields,
} from './dependency-descriptor.ts';

describe('parseDependencyDescriptor (AV1 RTP Appendix A.2 mandatory fields)', () => {
  it.each<{ name: string; data: Uint8Array; want: DependencyDescriptorFields }>([
    {
      name: 'a whole frame in one packet, mandatory fields only',
      data: hex('c5 00 02   // S=1 E=1 template=5, frame_number=2'),
      want: { startOfFrame: true, endOfFrame: true, templateId: 5, frameNumber: 2, templateStructurePresent: false },
    },
    {
      name: 'the first packet of a key frame, with the template structure',
      data: hex('80 00 03 80 02 04 4e   // S=1 template=0 frame=3, structure present'),
      want: { startOfFrame: true, endOfFrame: false, templateId: 0, frameNumber: 3, templateStructurePresent: true },
    },
    {
      name: 'extended fields without the structure',
      data: hex('3f ff ff 40   // template=63 frame=65535, active decode targets only'),
      want: { startOfFrame: false, endOfFrame: false, templateId: 63, frameNumber: 0xffff, templateStructurePresent: false },
    },
  ])('parses $name', ({ data, want }) => {
    expect(parseDependencyDescriptor(data)).toEqual(want);
  });

  it('rejects fewer than 3 bytes with DESCRIPTOR_TOO_SHORT', () => {
    expect(thrownCode(() => parseDependencyDescriptor(hex('c5 00')))).toBe('DESCRIPTOR_TOO_SHORT');
  });
});

describe('hasDependencyDescriptor / getDependencyDescriptor', () => {
  const withDd = parseRtpPacket(hex('90 76 00 01 00 00 00 02 00 00 00 03 be de 00 01 c2 c5 00 02'));
  const withoutDd = parseRtpPacket(hex('90 76 00 01 00 00 00 02 00 00 00 03 be de 00 01 40 31 00 00'));

  it('find the extension under the negotiated id only', () => {
    expect(hasDependencyDescriptor(withDd, 12)).toBe(true);
    expect(hasDependencyDescriptor(withDd, 11)).toBe(false);
    expect(hasDependencyDescriptor(withoutDd, 12)).toBe(false);
  });

  it('parse it when present', () => {
    expect(getDependencyDescriptor(withDd, 12)?.templateId).toBe(5);
    expect(getDependencyDescriptor(withoutDd, 12)).toBeUndefined();
  });
});
