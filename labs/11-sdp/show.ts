/**
 * `show`: one description, grouped the way you read it when debugging a call: the session, then
 * per m= section its transport (ICE, DTLS), its codecs, header extensions, sources and candidates.
 * Every value comes through the SFU's typed accessors (server/src/sdp); whatever attribute none of
 * the groups shows is listed raw under "other", so nothing in the file is hidden.
 */
import chalk from 'chalk';
import {
  type Codec,
  type HasAttributes,
  type MediaDescription,
  type SessionDescription,
  candidateAttribute,
  extmapAttribute,
  fingerprintAttribute,
  getAttribute,
  getBundleGroups,
  getCodecs,
  getDirection,
  getMid,
  isRtpMedia,
  iceOptionsAttribute,
  icePwdAttribute,
  iceUfragAttribute,
  isDirection,
  maxMessageSizeAttribute,
  msidAttribute,
  readAttribute,
  readAttributes,
  ridAttribute,
  sctpPortAttribute,
  setupAttribute,
  ssrcAttribute,
  ssrcGroupAttribute,
} from '#server/sdp/index.ts';
import { renderColumns } from './columns.ts';
import type { LoadedSdp } from './load.ts';

/** Flags shown on one line wherever they are. */
const FLAGS = ['ice-lite', 'extmap-allow-mixed', 'rtcp-mux', 'rtcp-rsize', 'end-of-candidates', 'bundle-only'];
/** Attributes the groups below show; anything else goes under "other". */
const SHOWN = new Set([
  ...FLAGS, 'group', 'mid', 'ice-ufrag', 'ice-pwd', 'ice-options', 'fingerprint', 'setup', 'rtpmap', 'fmtp', 'rtcp-fb',
  'extmap', 'msid', 'ssrc', 'ssrc-group', 'rid', 'simulcast', 'candidate', 'sctp-port', 'max-message-size',
]);

const label = (text: string) => chalk.dim(text.padEnd(12));
const field = (name: string, value: string | number | undefined) => (value === undefined ? [] : [`${chalk.dim(name)} ${value}`]);

export function renderShow(sdp: LoadedSdp): string[] {
  const { description } = sdp;
  const lines = [
    chalk.bold(sdp.name),
    chalk.dim(`${sdp.text.split('\n').length - 1} lines (${description.lineEnding === '\r\n' ? 'CRLF' : 'LF'}), ${description.media.length} media sections`),
    '',
    chalk.bold.cyan('session'),
    ...renderSession(description),
  ];
  for (const media of description.media) lines.push('', ...renderMedia(media, description));
  return lines;
}

function renderSession(session: SessionDescription): string[] {
  const { origin } = session;
  const lines = [
    `  ${label('origin')}${origin.username} ${chalk.dim('id')} ${origin.sessionId} ${chalk.dim('version')} ${origin.sessionVersion} ${chalk.dim(`${origin.netType} ${origin.addressType}`)} ${origin.address}`,
    `  ${label('name')}${session.sessionName}  ${chalk.dim('time')} ${session.times.map((time) => `${time.start} ${time.stop}`).join(', ')}`,
  ];
  for (const group of getBundleGroups(session)) lines.push(`  ${label('BUNDLE')}${chalk.green(group.mids.join(' ') || '(empty)')}`);
  lines.push(...renderFlags(session), ...renderTransport(session), ...renderOther(session));
  return lines;
}

function renderMedia(media: MediaDescription, session: SessionDescription): string[] {
  const mid = getMid(media);
  const connection = media.connections.map((c) => `${c.netType} ${c.addressType} ${c.address}`).join(', ');
  const header = [
    chalk.bold.cyan(`m=${media.kind}`),
    mid === undefined ? chalk.red('no mid') : `${chalk.dim('mid')} ${chalk.bold(mid)}`,
    media.port === 0 ? chalk.red('port 0 (rejected)') : `${chalk.dim('port')} ${media.port}`,
    media.protocol,
    isRtpMedia(media) ? chalk.yellow(getDirection(media, session)) : undefined,
    chalk.dim(`c=${connection || '(session)'}`),
  ];
  const lines = [header.filter((part) => part !== undefined).join('  '), ...renderFlags(media), ...renderTransport(media)];
  const codecs = getCodecs(media);
  if (codecs.length > 0) lines.push(`  ${chalk.bold('codecs')}`, ...renderCodecs(codecs));
  const extensions = readAttributes(media, extmapAttribute);
  if (extensions.length > 0) {
    lines.push(`  ${chalk.bold('header extensions')}`);
    lines.push(...renderColumns([{ title: 'id', right: true }, { title: 'uri', colour: chalk.cyan }], extensions.map(({ id, direction, uri, attributes }) => [
      `${id}${direction === undefined ? '' : `/${direction}`}`, `${uri}${attributes === undefined ? '' : ` ${attributes}`}`,
    ])));
  }
  lines.push(...renderSources(media), ...renderCandidates(media));
  const sctpPort = readAttribute(media, sctpPortAttribute);
  const maxMessageSize = readAttribute(media, maxMessageSizeAttribute);
  if (sctpPort !== undefined || maxMessageSize !== undefined) {
    lines.push(`  ${label('SCTP')}${[...field('port', sctpPort), ...field('max-message-size', maxMessageSize)].join('  ')}`);
  }
  lines.push(...renderOther(media));
  return lines;
}

function renderFlags(section: HasAttributes): string[] {
  const flags = FLAGS.filter((flag) => section.attributes.some(({ name }) => name === flag));
  return flags.length === 0 ? [] : [`  ${label('flags')}${chalk.green(flags.join('  '))}`];
}

/** ICE credentials and DTLS role/fingerprint, at whichever level they are written. */
function renderTransport(section: HasAttributes): string[] {
  const lines: string[] = [];
  const ice = [
    ...field('ufrag', readAttribute(section, iceUfragAttribute)),
    ...field('pwd', readAttribute(section, icePwdAttribute)),
    ...field('options', readAttribute(section, iceOptionsAttribute)?.join(' ')),
  ];
  if (ice.length > 0) lines.push(`  ${label('ICE')}${ice.join('  ')}`);
  const fingerprint = readAttribute(section, fingerprintAttribute);
  const dtls = [...field('setup', readAttribute(section, setupAttribute)), ...field('fingerprint', fingerprint && fingerprintAttribute.serialize(fingerprint))];
  if (dtls.length > 0) lines.push(`  ${label('DTLS')}${dtls.join('  ')}`);
  return lines;
}

function renderCodecs(codecs: readonly Codec[]): string[] {
  const rows = codecs.map((codec) => {
    const apt = codec.name.toLowerCase() === 'rtx' ? codec.parameters.get('apt') : undefined;
    const repairedBy = codecs.find((other) => other.name.toLowerCase() === 'rtx' && other.parameters.get('apt') === `${codec.payloadType}`);
    return [
      `${codec.payloadType}`,
      `${codec.name}/${codec.clockRate}${codec.channels === undefined ? '' : `/${codec.channels}`}`,
      apt === undefined ? (repairedBy === undefined ? '' : `${repairedBy.payloadType}`) : `→ ${apt}`,
      [...codec.parameters].filter(([name]) => name !== 'apt' || apt === undefined).map(([name, value]) => (value === '' ? name : `${name}=${value}`)).join(';'),
      codec.feedback.map(({ type, parameter }) => (parameter === undefined ? type : `${type} ${parameter}`)).join(', '),
    ];
  });
  return renderColumns(
    [{ title: 'pt', right: true, colour: chalk.bold }, { title: 'codec', colour: chalk.cyan }, { title: 'rtx', colour: chalk.magenta }, { title: 'fmtp' }, { title: 'rtcp-fb', colour: chalk.dim }],
    rows,
  );
}

/** a=msid, a=ssrc (grouped per SSRC), a=ssrc-group, a=rid and a=simulcast. */
function renderSources(media: MediaDescription): string[] {
  const lines: string[] = [];
  const msid = readAttribute(media, msidAttribute);
  if (msid !== undefined) lines.push(`  ${label('track')}${chalk.dim('stream')} ${msid.streamId}  ${chalk.dim('track')} ${msid.trackId ?? '-'}`);
  const bySsrc = new Map<number, string[]>();
  for (const { ssrc, attribute, value } of readAttributes(media, ssrcAttribute)) {
    bySsrc.set(ssrc, [...(bySsrc.get(ssrc) ?? []), `${chalk.dim(attribute)} ${value ?? ''}`]);
  }
  for (const [ssrc, facts] of bySsrc) lines.push(`  ${label('ssrc')}${chalk.bold(`${ssrc}`)}  ${facts.join('  ')}`);
  for (const { semantics, ssrcs } of readAttributes(media, ssrcGroupAttribute)) {
    lines.push(`  ${label('ssrc-group')}${semantics} ${ssrcs.join(semantics === 'FID' ? ' → rtx ' : ' ')}`);
  }
  const rids = readAttributes(media, ridAttribute);
  if (rids.length > 0) lines.push(`  ${label('rids')}${rids.map((rid) => `${rid.id} ${rid.direction}`).join(', ')}`);
  const simulcast = getAttribute(media, 'simulcast');
  if (simulcast !== undefined) lines.push(`  ${label('simulcast')}${simulcast}`);
  return lines;
}

function renderCandidates(media: MediaDescription): string[] {
  const candidates = readAttributes(media, candidateAttribute);
  if (candidates.length === 0) return [];
  return [
    `  ${chalk.bold('candidates')}`,
    ...renderColumns(
      [{ title: 'transport' }, { title: 'address', colour: chalk.cyan }, { title: 'type' }, { title: 'priority', right: true }, { title: 'foundation' }, { title: 'more', colour: chalk.dim }],
      candidates.map((c) => [
        `${c.component} ${c.transport}${c.tcpType === undefined ? '' : ` ${c.tcpType}`}`,
        `${c.address.includes(':') ? `[${c.address}]` : c.address}:${c.port}`,
        `${c.type}${c.relatedAddress === undefined ? '' : ` from ${c.relatedAddress}:${c.relatedPort ?? '?'}`}`,
        `${c.priority}`,
        c.foundation,
        c.extensions.map(({ name, value }) => `${name} ${value}`).join(' '),
      ]),
    ),
  ];
}

function renderOther(section: HasAttributes): string[] {
  const other = section.attributes.filter(({ name }) => !SHOWN.has(name) && !isDirection(name));
  return other.map(({ name, value }) => `  ${label('other')}${chalk.dim(value === undefined ? `a=${name}` : `a=${name}:${value}`)}`);
}
