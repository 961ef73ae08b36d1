/**
 * npm run lab -- 11-sdp show <file>
 * npm run lab -- 11-sdp diff <a> <b>
 * npm run lab -- 11-sdp answer <offer> [--setup passive|active] [--candidate 127.0.0.1:40000]... [--show | --diff]
 * npm run lab -- 11-sdp walk [file]
 */
import { parseArgs } from 'node:util';
import chalk from 'chalk';
import { SdpAttributeError } from '#server/sdp/index.ts';
import { answerTo } from './answer.ts';
import { renderDiff } from './diff.ts';
import { SdpFileError, loadSdpFile, loadSdpText } from './load.ts';
import { renderShow } from './show.ts';
import { renderWalk } from './walk.ts';

const usage = `usage:
  npm run lab -- 11-sdp show <file>
      pretty-print a description: the session, then each m= section with its ICE/DTLS,
      codecs (rtx → apt), header extensions, ssrcs and simulcast, candidates
  npm run lab -- 11-sdp diff <a> <b>
      what changes from a to b, section by section (paired by mid): fields, codecs,
      header extensions and attributes added, removed or changed
  npm run lab -- 11-sdp answer <offer> [--setup passive|active] [--candidate 127.0.0.1:40000]...
                                       [--ufrag <u>] [--pwd <p>] [--fingerprint "sha-256 AB:.."] [--show | --diff]
      the answer an ICE-lite SFU gives, from the reference builder (solutions/11-sdp/answer.ts);
      plain SDP on stdout, or pretty-printed (--show), or as a diff against the offer (--diff)
  npm run lab -- 11-sdp walk [file]
      the description line by line, each line explained (default: plain-offer)
A <file> is a path, or the name of a fixture in server/fixtures/chromium-156/sdp:
  plain-offer, plain-answer, simulcast-offer, nack-rtx-answer, lite-dtls12-answer, ...`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    setup: { type: 'string' },
    candidate: { type: 'string', multiple: true },
    ufrag: { type: 'string' },
    pwd: { type: 'string' },
    fingerprint: { type: 'string' },
    show: { type: 'boolean', default: false },
    diff: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...files] = positionals;

function file(index: number, fallback?: string): string {
  const name = files[index] ?? fallback;
  if (name === undefined) {
    console.error(`11-sdp: ${command} needs ${index === 0 ? 'a file' : 'two files'}\n${usage}`);
    process.exit(2);
  }
  return name;
}

function print(lines: readonly string[]): void {
  console.log(lines.join('\n'));
}

function runAnswer(): void {
  const setup = values.setup;
  if (setup !== undefined && setup !== 'active' && setup !== 'passive') {
    console.error(`11-sdp: --setup must be active or passive, got "${setup}"`);
    process.exit(2);
  }
  const offer = loadSdpFile(file(0));
  const text = answerTo(offer, {
    candidates: values.candidate ?? ['127.0.0.1:40000'],
    ...(setup === undefined ? {} : { setup }),
    ...(values.ufrag === undefined ? {} : { ufrag: values.ufrag }),
    ...(values.pwd === undefined ? {} : { pwd: values.pwd }),
    ...(values.fingerprint === undefined ? {} : { fingerprint: values.fingerprint }),
  });
  const answer = loadSdpText(`answer to ${offer.name}`, text);
  if (values.diff) print(renderDiff(offer, answer));
  else if (values.show) print(renderShow(answer));
  else process.stdout.write(text);
}

/** Malformed SDP: the code, the line number and the line itself; exit status 1. */
function reportSdpError(error: SdpFileError | SdpAttributeError): void {
  if (error instanceof SdpAttributeError) {
    console.error(`${chalk.red(error.code)} ${error.message}`);
  } else {
    console.error(`${chalk.red(`${error.file}${error.line === undefined ? '' : `:${error.line}`}: ${error.code}`)} ${error.message}`);
    if (error.line !== undefined && error.lineText !== undefined) console.error(chalk.dim(`  ${error.line} | `) + error.lineText);
  }
  process.exitCode = 1;
}

try {
  if (command === 'show') print(renderShow(loadSdpFile(file(0))));
  else if (command === 'diff') print(renderDiff(loadSdpFile(file(0)), loadSdpFile(file(1))));
  else if (command === 'answer') runAnswer();
  else if (command === 'walk') print(renderWalk(loadSdpFile(file(0, 'plain-offer'))));
  else {
    console.log(usage);
    process.exitCode = command === undefined || values.help ? 0 : 2;
  }
} catch (error) {
  if (error instanceof RangeError) {
    console.error(`11-sdp: ${error.message}`);
    process.exit(2);
  }
  if (!(error instanceof SdpFileError || error instanceof SdpAttributeError)) throw error;
  reportSdpError(error);
}
