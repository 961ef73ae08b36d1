/**
 * Numbers from the IANA registries the headers carry: EtherTypes (IEEE 802 /
 * https://www.iana.org/assignments/ieee-802-numbers) and IP protocol numbers, which
 * IPv4's Protocol and IPv6's Next Header share (https://www.iana.org/assignments/protocol-numbers).
 */

export const EtherType = {
  IPV4: 0x0800,
  ARP: 0x0806,
  /** IEEE 802.1Q VLAN tag. */
  VLAN: 0x8100,
  IPV6: 0x86dd,
  /** IEEE 802.1ad service tag (QinQ). */
  QINQ: 0x88a8,
} as const;

export const IpProtocol = {
  HOP_BY_HOP: 0,
  ICMP: 1,
  TCP: 6,
  UDP: 17,
  ROUTING: 43,
  FRAGMENT: 44,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  NO_NEXT_HEADER: 59,
  DESTINATION_OPTIONS: 60,
  MOBILITY: 135,
  HIP: 139,
  SHIM6: 140,
} as const;

const PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  [IpProtocol.ICMP]: 'ICMP',
  [IpProtocol.TCP]: 'TCP',
  [IpProtocol.UDP]: 'UDP',
  [IpProtocol.ESP]: 'ESP',
  [IpProtocol.ICMPV6]: 'ICMPv6',
  [IpProtocol.NO_NEXT_HEADER]: 'no next header',
};

/** "TCP", "UDP", ... or "protocol 132" for the ones without a name here. */
export function ipProtocolName(protocol: number): string {
  return PROTOCOL_NAMES[protocol] ?? `protocol ${protocol}`;
}
