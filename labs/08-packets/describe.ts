/**
 * One decoded packet as text, in the spirit of `tcpdump -v`: a first line with who talks to whom
 * and the transport header, a second with the link and IP headers and the checksum verdicts.
 */
import { ipProtocolName, type ChecksumCheck, type IpPacket, type TcpFlags, type TcpOption } from '#server/net/index.ts';
import { COOKED_PACKET_TYPES, formatEndpoint, type DecodedPacket, type LinkLayer } from '#server/pcap/index.ts';

const hex16 = (value: number): string => `0x${value.toString(16).padStart(4, '0')}`;

/** tcpdump's letters, in tcpdump's order: [S.] is SYN+ACK, [P.] data with ACK, [F.] FIN with ACK. */
const FLAG_LETTERS: ReadonlyArray<[keyof TcpFlags, string]> = [
  ['fin', 'F'], ['syn', 'S'], ['rst', 'R'], ['psh', 'P'], ['ack', '.'], ['urg', 'U'], ['ece', 'E'], ['cwr', 'W'],
];

export function flagLetters(flags: TcpFlags): string {
  return FLAG_LETTERS.filter(([name]) => flags[name]).map(([, letter]) => letter).join('') || 'none';
}

/** The options as tcpdump writes them: "mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 10". */
export function optionsText(options: readonly TcpOption[]): string {
  return options
    .map((option) => {
      switch (option.kind) {
        case 'mss': return `mss ${option.value}`;
        case 'window-scale': return `wscale ${option.shift}`;
        case 'sack-permitted': return 'sackOK';
        case 'sack': return `sack ${option.blocks.length} ${option.blocks.map((b) => `{${b.left}:${b.right}}`).join('')}`;
        case 'timestamps': return `TS val ${option.value} ecr ${option.echoReply}`;
        case 'unknown': return `opt-${option.type}:${Buffer.from(option.data).toString('hex')}`;
        default: return option.kind === 'end' ? 'eol' : 'nop';
      }
    })
    .join(',');
}

/** Printable text in quotes, or a few bytes of hex. */
function preview(data: Uint8Array): string {
  if (data.length === 0) return '';
  const text = Buffer.from(data.subarray(0, 40)).toString('latin1');
  const more = data.length > 40 ? '...' : '';
  if (/^[\x20-\x7e\r\n\t]*$/.test(text)) return ` ${JSON.stringify(text)}${more}`;
  return ` ${Buffer.from(data.subarray(0, 8)).toString('hex')}${more}`;
}

function linkText(link: LinkLayer | undefined, etherType: number | undefined): string {
  const type = etherType === undefined ? '' : ` type ${hex16(etherType)}`;
  switch (link?.kind) {
    case 'ethernet': {
      const vlans = link.frame.vlanTags.map((tag) => ` vlan ${tag.id}`).join('');
      return `eth ${link.frame.source} > ${link.frame.destination}${vlans}${type}`;
    }
    case 'linux-cooked':
      return `sll${link.version} ${COOKED_PACKET_TYPES[link.packetType] ?? `type ${link.packetType}`}${link.interfaceIndex === undefined ? '' : ` if ${link.interfaceIndex}`}${type}`;
    case 'loopback':
      return `null family ${link.family}`;
    case 'raw':
      return 'raw ip';
    case 'unsupported':
      return `link type ${link.linkType} (not decoded)`;
    default:
      return 'link header cut off';
  }
}

function ipText(ip: IpPacket): string {
  const parts: string[] = [];
  if (ip.version === 4) {
    const h = ip.header;
    parts.push(`ipv4 ttl ${h.ttl} id ${h.identification}${h.dontFragment ? ' DF' : ''} len ${h.totalLength}`);
    if (h.dscp !== 0 || h.ecn !== 0) parts.push(`dscp ${h.dscp} ecn ${h.ecn}`);
    if (h.options.length > 0) parts.push(`options ${h.options.length} bytes`);
    parts.push(`hdr-cksum ${hex16(h.headerChecksum)} ${ip.headerChecksumValid ? 'ok' : 'BAD'}`);
  } else {
    const h = ip.header;
    parts.push(`ipv6 hlim ${h.hopLimit} flow 0x${h.flowLabel.toString(16)} plen ${h.payloadLength}`);
    if (h.trafficClass !== 0) parts.push(`tc 0x${h.trafficClass.toString(16)}`);
    if (ip.extensionHeaders.length > 0) parts.push(`ext ${ip.extensionHeaders.map((e) => e.type).join(',')}`);
  }
  if (ip.fragment) parts.push(`fragment offset ${ip.fragment.offset}${ip.fragment.moreFragments ? ' MF' : ''}`);
  return parts.join(' ');
}

export function checksumText(check: ChecksumCheck): string {
  const expected = check.expected === undefined ? '' : ` (full ${hex16(check.expected)})`;
  switch (check.status) {
    case 'valid': return `cksum ${hex16(check.received)} valid`;
    case 'offloaded': return `cksum ${hex16(check.received)} offloaded${expected}`;
    case 'absent': return 'cksum none (0)';
    case 'incomplete': return `cksum ${hex16(check.received)} not checkable: bytes missing`;
    default: return `cksum ${hex16(check.received)} INVALID${expected}`;
  }
}

function summaryText(decoded: DecodedPacket): string {
  const { ip, transport, captured, etherType } = decoded;
  if (ip && transport?.kind === 'tcp') {
    const { header, payload } = transport.segment;
    const route = `${formatEndpoint({ address: ip.source, port: header.sourcePort })} > ${formatEndpoint({ address: ip.destination, port: header.destinationPort })}`;
    const ack = header.flags.ack ? ` ack ${header.acknowledgmentNumber}` : '';
    const options = header.options.length > 0 ? ` <${optionsText(header.options)}>` : '';
    return `${route}: TCP [${flagLetters(header.flags)}] seq ${header.sequenceNumber}${ack} win ${header.window}${options} len ${payload.length}${preview(payload)}`;
  }
  if (ip && transport?.kind === 'udp') {
    const { header, payload } = transport.datagram;
    const route = `${formatEndpoint({ address: ip.source, port: header.sourcePort })} > ${formatEndpoint({ address: ip.destination, port: header.destinationPort })}`;
    return `${route}: UDP len ${payload.length}${preview(payload)}`;
  }
  if (ip) return `${ip.source} > ${ip.destination}: ${ipProtocolName(ip.protocol)} len ${ip.payload.length}`;
  if (etherType !== undefined) return `ethertype ${hex16(etherType)} len ${captured.data.length}`;
  return `${captured.data.length} bytes`;
}

/** Two lines (three when a layer is broken) for packet number `index`, time relative to `startUs`. */
export function describePacket(index: number, decoded: DecodedPacket, startUs: number): string[] {
  const time = ((decoded.captured.timestampUs - startUs) / 1e6).toFixed(6);
  const details = [linkText(decoded.link, decoded.etherType)];
  if (decoded.ip) details.push(ipText(decoded.ip));
  if (decoded.transport) details.push(`${decoded.transport.kind} ${checksumText(decoded.transport.checksum)}`);
  const lines = [`${String(index).padStart(4)} ${time.padStart(10)}  ${summaryText(decoded)}`, `${' '.repeat(17)}${details.join(' | ')}`];
  if (decoded.error) lines.push(`${' '.repeat(17)}!! ${decoded.error.message} (${decoded.error.code})`);
  return lines;
}
