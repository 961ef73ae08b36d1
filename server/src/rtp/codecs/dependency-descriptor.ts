/**
 * The dependency descriptor RTP header extension ("RTP Payload Format for
 * AV1", Appendix A; `a=extmap:<id> https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension`).
 * Chromium sends it with AV1 and, under simulcast, with VP8/VP9/H.264 too, so
 * whether a packet has one is a property of its header extensions, not of the
 * codec. Only the mandatory fields and the structure flag are read here; the
 * template structure itself is for a full SVC forwarder.
 *
 * Appendix A.2 (bit fields, most significant first):
 *   mandatory_descriptor_fields():
 *     start_of_frame                f(1)
 *     end_of_frame                  f(1)
 *     frame_dependency_template_id  f(6)
 *     frame_number                  f(16)
 *   extended_descriptor_fields(), only when the element is longer than 3 bytes:
 *     template_dependency_structure_present_flag  f(1)
 *     ...
 */
import { requireDescriptorBytes } from '../errors.ts';
import { getHeaderExtension } from '../header-extensions.ts';
import type { RtpHeader } from '../packet.ts';
import { readU16 } from '../wire.ts';

const START_OF_FRAME_BIT = 0x80;
const END_OF_FRAME_BIT = 0x40;
const TEMPLATE_ID_MASK = 0x3f;
const MANDATORY_FIELDS_SIZE = 3;
const STRUCTURE_PRESENT_BIT = 0x80;

export interface DependencyDescriptorFields {
  /** start_of_frame: first packet of the frame. */
  startOfFrame: boolean;
  /** end_of_frame: last packet of the frame. */
  endOfFrame: boolean;
  /** frame_dependency_template_id, 0-63. */
  templateId: number;
  /** frame_number, 16 bits, wrapping like a sequence number. */
  frameNumber: number;
  /**
   * template_dependency_structure_present_flag: the descriptor carries the
   * template structure, which senders attach to key frames so a receiver can
   * start decoding there.
   */
  templateStructurePresent: boolean;
}

/** Parses the fields every dependency descriptor starts with (Appendix A.2). */
export function parseDependencyDescriptor(data: Uint8Array): DependencyDescriptorFields {
  requireDescriptorBytes(data.length, MANDATORY_FIELDS_SIZE, 'dependency descriptor');
  const first = data[0]!;
  return {
    startOfFrame: (first & START_OF_FRAME_BIT) !== 0,
    endOfFrame: (first & END_OF_FRAME_BIT) !== 0,
    templateId: first & TEMPLATE_ID_MASK,
    frameNumber: readU16(data, 1),
    templateStructurePresent: data.length > MANDATORY_FIELDS_SIZE && (data[3]! & STRUCTURE_PRESENT_BIT) !== 0,
  };
}

/** Whether the packet carries the dependency descriptor under the negotiated extension id. */
export function hasDependencyDescriptor(header: Pick<RtpHeader, 'extension'>, extensionId: number): boolean {
  return getHeaderExtension(header, extensionId) !== undefined;
}

/** The packet's dependency descriptor fields, or undefined when it has none. */
export function getDependencyDescriptor(
  header: Pick<RtpHeader, 'extension'>,
  extensionId: number,
): DependencyDescriptorFields | undefined {
  const data = getHeaderExtension(header, extensionId);
  return data === undefined ? undefined : parseDependencyDescriptor(data);
}
