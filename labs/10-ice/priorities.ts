/**
 * `priorities`: a worked table of candidate priorities (RFC 8445 §5.1.2.1),
 * the Chromium values from the fixtures taken apart, and pair priorities
 * (§6.1.2.3) as exact bigints next to what a double makes of them.
 */
import chalk from 'chalk';
import { readFixture, readFixtureText } from '#fixtures/index.ts';
import { type CandidateType, TYPE_PREFERENCE, candidatePriority, pairPriority, priorityParts } from '#server/ice/index.ts';
import { candidateAttribute, parseSessionDescription, readAttributes } from '#server/sdp/index.ts';
import { findAttribute, parseStunMessage } from '#server/stun/index.ts';

const hex = (value: number): string => `0x${value.toString(16).padStart(8, '0')}`;

function row(cells: ReadonlyArray<string | number | bigint>, widths: readonly number[]): string {
  return ('   ' + cells.map((cell, i) => String(cell).padEnd(widths[i] ?? 0)).join('  ')).trimEnd();
}

function printCandidateTable(): void {
  console.log(chalk.bold('Candidate priority') + '  (RFC 8445 §5.1.2.1)');
  console.log('   priority = 2^24 × type preference + 2^8 × local preference + (256 − component ID)\n');
  const widths = [6, 9, 10, 9, 11, 10];
  console.log(chalk.dim(row(['type', 'type pref', 'local pref', 'component', 'priority', 'hex'], widths)));
  const examples: Array<[CandidateType, number, number]> = [
    ['host', 65535, 1],
    ['host', 65535, 2],
    ['host', 65534, 1],
    ['prflx', 65535, 1],
    ['srflx', 65535, 1],
    ['relay', 65535, 1],
  ];
  for (const [type, localPreference, componentId] of examples) {
    const priority = candidatePriority({ type, localPreference, componentId });
    console.log(row([type, TYPE_PREFERENCE[type], localPreference, componentId, priority, hex(priority)], widths));
  }
  console.log(chalk.dim('   The type decides first (126 host, 110 prflx, 100 srflx, 0 relay), then the interface, then RTP (1) over RTCP (2).'));
}

function printChromiumValues(): void {
  console.log(chalk.bold('\nWhat Chromium 156 sent') + '  (server/fixtures/chromium-156)');
  const widths = [11, 11, 40];
  console.log(chalk.dim(row(['priority', 'fields', 'where'], widths)));
  const media = (file: string) => parseSessionDescription(readFixtureText(`sdp/${file}`)).media[0]!;
  const seen = new Set<number>();
  for (const [file, who] of [['plain-offer.sdp', 'Chromium'], ['lite-dtls12-answer.sdp', 'the ICE-lite probe']] as const) {
    for (const candidate of readAttributes(media(file), candidateAttribute)) {
      if (seen.has(candidate.priority)) continue;
      seen.add(candidate.priority);
      const { typePreference, localPreference, componentId } = priorityParts(candidate.priority);
      const where = `${who}: ${candidate.transport} ${candidate.type} (${file})`;
      console.log(row([candidate.priority, `${typePreference}/${localPreference}/${componentId}`, where], widths));
    }
  }
  const check = parseStunMessage(readFixture('stun/c2c-01-answerer-request-controlled.bin'));
  const priority = findAttribute(check, 'PRIORITY')!.value;
  const { typePreference, localPreference, componentId } = priorityParts(priority);
  console.log(row([priority, `${typePreference}/${localPreference}/${componentId}`, 'PRIORITY in its checks: prflx (§7.1.1)'], widths));
  console.log(chalk.dim('   Chromium ranks TCP host candidates with type preference 90, below UDP, and the local preference 32542 comes from its network type.'));
}

function printPairTable(): void {
  console.log(chalk.bold('\nPair priority') + '  (RFC 8445 §6.1.2.3; G: controlling agent\'s candidate, D: controlled agent\'s)');
  console.log('   pair priority = 2^32 × MIN(G, D) + 2 × MAX(G, D) + (G > D ? 1 : 0)\n');
  const widths = [10, 10, 19, 19, 14];
  console.log(chalk.dim(row(['G', 'D', 'exact (bigint)', 'as a Number', 'Number - exact'], widths)));
  const host = candidatePriority({ type: 'host', localPreference: 65535, componentId: 1 });
  const chromium = 2122260223;
  const srflx = candidatePriority({ type: 'srflx', localPreference: 65535, componentId: 1 });
  const relay = candidatePriority({ type: 'relay', localPreference: 65535, componentId: 1 });
  for (const [g, d] of [[host, chromium], [chromium, host], [chromium, chromium], [host, srflx], [srflx, host], [host, relay]] as const) {
    const exact = pairPriority(g, d);
    const rounded = Number(exact);
    console.log(row([g, d, exact, BigInt(rounded), BigInt(rounded) - exact], widths));
  }
  console.log(chalk.dim('   The first two rows are one pair seen with the roles swapped: they differ by the G > D bit alone,'));
  console.log(chalk.dim('   and as Numbers (doubles, exact to 2^53) they are the same. Hence bigint. Chromium\'s getStats()'));
  console.log(chalk.dim('   reports the third row as 9115038255631187000 (stats/call.json): the double, printed short.'));
}

export function printPriorities(): void {
  printCandidateTable();
  printChromiumValues();
  printPairTable();
}
