/**
 * Ethernet II frames (IEEE 802.3 clause 3 with the EtherType of RFC 894), with IEEE 802.1Q /
 * 802.1ad VLAN tags, as a capture shows them: no preamble, usually no FCS.
 *
 *   +-------------------+-------------------+------------+-------------------------+
 *   | destination (6)   | source (6)        | EtherType  | payload (46-1500 on the |
 *   |                   |                   | (2)        | wire, padded; IP's own  |
 *   +-------------------+-------------------+------------+ length says how much)   |
 *   A VLAN tag sits before the EtherType: TPID 0x8100 (or 0x88A8) | PCP:3 DEI:1 VID:12.
 *
 * `tcpdump -i lo` on Linux captures Ethernet frames with both MAC addresses zero.
 */
import { NetParseError, viewOfAtLeast } from './errors.ts';
import { checkField } from './field.ts';
import { EtherType } from './ip-protocol.ts';

export const ETHERNET_HEADER_LENGTH = 14;
const MAC_LENGTH = 6;
const VLAN_TAG_LENGTH = 4;

export interface VlanTag {
  /** 0x8100 (802.1Q) or 0x88A8 (802.1ad). */
  readonly tpid: number;
  /** Priority code point, 0-7. */
  readonly priority: number;
  readonly dropEligible: boolean;
  /** VLAN identifier, 0-4095. */
  readonly id: number;
}

export interface EthernetFrame {
  /** "aa:bb:cc:dd:ee:ff" */
  readonly destination: string;
  readonly source: string;
  readonly vlanTags: readonly VlanTag[];
  /** What the payload is (0x0800 IPv4, 0x86DD IPv6, ...); values up to 1500 are an 802.3 length instead. */
  readonly etherType: number;
  /** A view into the frame. */
  readonly payload: Uint8Array;
}

export type EthernetFrameInput = Omit<EthernetFrame, 'vlanTags' | 'payload'> & { readonly vlanTags?: readonly VlanTag[] };

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** "aa:bb:cc:dd:ee:ff" from 6 bytes (by table: every captured frame gets two of these). */
export function formatMac(bytes: Uint8Array): string {
  let text = HEX_BYTES[bytes[0]!]!;
  for (let i = 1; i < bytes.length; i++) text += `:${HEX_BYTES[bytes[i]!]}`;
  return text;
}

function macBytes(text: string): Uint8Array {
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(text)) throw new RangeError(`ethernet: ${JSON.stringify(text)} is not a MAC address`);
  return Uint8Array.from(text.split(':'), (part) => Number.parseInt(part, 16));
}

function isVlanTpid(etherType: number): boolean {
  return etherType === EtherType.VLAN || etherType === EtherType.QINQ;
}

export function parseEthernetFrame(bytes: Uint8Array): EthernetFrame {
  const view = viewOfAtLeast(bytes, ETHERNET_HEADER_LENGTH, 'ethernet: frame');
  const vlanTags: VlanTag[] = [];
  let offset = 2 * MAC_LENGTH;
  let etherType = view.getUint16(offset);
  while (isVlanTpid(etherType)) {
    if (bytes.length < offset + VLAN_TAG_LENGTH + 2) {
      throw new NetParseError('TOO_SHORT', `ethernet: VLAN tag at ${offset} cut off (size ${bytes.length})`);
    }
    const tci = view.getUint16(offset + 2);
    vlanTags.push({ tpid: etherType, priority: tci >> 13, dropEligible: (tci & 0x1000) !== 0, id: tci & 0x0fff });
    offset += VLAN_TAG_LENGTH;
    etherType = view.getUint16(offset);
  }
  return {
    destination: formatMac(bytes.subarray(0, MAC_LENGTH)),
    source: formatMac(bytes.subarray(MAC_LENGTH, 2 * MAC_LENGTH)),
    vlanTags,
    etherType,
    payload: bytes.subarray(offset + 2),
  };
}

export function serializeEthernetFrame(frame: EthernetFrameInput, payload: Uint8Array): Uint8Array {
  const tags = frame.vlanTags ?? [];
  const headerLength = ETHERNET_HEADER_LENGTH + VLAN_TAG_LENGTH * tags.length;
  const out = new Uint8Array(headerLength + payload.length);
  const view = new DataView(out.buffer);
  out.set(macBytes(frame.destination), 0);
  out.set(macBytes(frame.source), MAC_LENGTH);
  let offset = 2 * MAC_LENGTH;
  for (const tag of tags) {
    if (!isVlanTpid(tag.tpid)) throw new RangeError(`ethernet: VLAN TPID must be 0x8100 or 0x88a8, got 0x${tag.tpid.toString(16)}`);
    checkField('ethernet', 'VLAN priority', tag.priority, 3);
    checkField('ethernet', 'VLAN id', tag.id, 12);
    view.setUint16(offset, tag.tpid);
    view.setUint16(offset + 2, (tag.priority << 13) | (tag.dropEligible ? 0x1000 : 0) | tag.id);
    offset += VLAN_TAG_LENGTH;
  }
  view.setUint16(offset, checkField('ethernet', 'EtherType', frame.etherType, 16));
  out.set(payload, headerLength);
  return out;
}
