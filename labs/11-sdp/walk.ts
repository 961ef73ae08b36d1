/**
 * `walk`: a description line by line, in file order, each line with its explanation from
 * explain.ts. The lines are the file's own text; the parsed model only tells which m= section
 * each m= line starts.
 */
import chalk from 'chalk';
import { explainLine } from './explain.ts';
import type { LoadedSdp } from './load.ts';

const TYPE_COLOURS: Readonly<Record<string, (text: string) => string>> = {
  m: chalk.bold.cyan,
  a: (text) => text,
};

export function renderWalk(sdp: LoadedSdp): string[] {
  const lines = sdp.text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.at(-1) === '') lines.pop();
  const width = `${lines.length}`.length;
  const out = [chalk.bold(sdp.name), chalk.dim('session part: v= o= s= t= and session attributes, then one media section per m= line'), ''];
  let section = 0;
  lines.forEach((line, index) => {
    const media = line.startsWith('m=') ? sdp.description.media[section++] : undefined;
    if (media !== undefined) out.push('');
    const colour = TYPE_COLOURS[line[0] ?? ''] ?? chalk.yellow;
    out.push(`${chalk.dim(`${index + 1}`.padStart(width))}  ${colour(line)}`);
    out.push(`${' '.repeat(width)}  ${chalk.dim(`  ↳ ${explainLine(line, media)}`)}`);
  });
  return out;
}
