/**
 * Command-line options shared by the chapter 8 labs that put traffic through
 * an emulated network (this one and 08-realtime-tcp-vs-udp): numbers with
 * their ranges, sizes like 1MiB, and the impairment of each direction. Bad
 * input is a LabOptionError, which main.ts prints with the usage (exit 2).
 */
import type { Impairment } from '#server/netem/index.ts';

export class LabOptionError extends Error {}

/** parseArgs option specs for the impairment flags; percentages and milliseconds, as text. */
export const IMPAIRMENT_OPTIONS = {
  loss: { type: 'string' },
  'back-loss': { type: 'string' },
  dup: { type: 'string' },
  reorder: { type: 'string' },
  delay: { type: 'string' },
  jitter: { type: 'string' },
  seed: { type: 'string', default: '1' },
} as const;

/** Each flag as parseArgs gives it: text, or undefined when not given (0). */
export interface ImpairmentFlags {
  readonly loss?: string | undefined;
  readonly 'back-loss'?: string | undefined;
  readonly dup?: string | undefined;
  readonly reorder?: string | undefined;
  readonly delay?: string | undefined;
  readonly jitter?: string | undefined;
}

export const IMPAIRMENT_USAGE = `impairment (each way unless said): --loss <%> [--back-loss <%> for the way back]
      --dup <%> --reorder <%> --delay <ms one way> --jitter <±ms> --seed <n>`;

/** A number within [min, max], or a LabOptionError naming the option. */
export function numberOption(name: string, text: string, min: number, max: number, integer = false): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
    throw new LabOptionError(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** "1048576", "512KiB", "1MiB", "64k" -> bytes. */
export function sizeOption(name: string, text: string, max: number): number {
  const match = /^(\d+(?:\.\d+)?)\s*(k|kib|kb|m|mib|mb)?$/i.exec(text.trim());
  const unit = (match?.[2] ?? '').toLowerCase();
  const scale = unit.startsWith('m') ? 1 << 20 : unit.startsWith('k') ? 1 << 10 : 1;
  const bytes = match ? Math.round(Number(match[1]) * scale) : Number.NaN;
  if (!(bytes >= 1 && bytes <= max)) throw new LabOptionError(`--${name} must be a size from 1 byte to ${max} bytes (e.g. 1MiB, 512KiB), got "${text}"`);
  return bytes;
}

/** A comma-separated list of numbers, each within [min, max]. */
export function listOption(name: string, text: string, min: number, max: number, integer = false): number[] {
  const items = text.split(',').map((item) => numberOption(name, item.trim(), min, max, integer));
  if (items.length === 0) throw new LabOptionError(`--${name} wants a comma-separated list`);
  return items;
}

/** The two directions' impairments from the flags: [forward (data), backward (ACKs / answers)]. */
export function impairmentsFrom(flags: ImpairmentFlags): [Impairment, Impairment] {
  const percent = (name: string, text = '0'): number => numberOption(name, text, 0, 100) / 100;
  const shared: Impairment = {
    duplicate: percent('dup', flags.dup),
    reorder: percent('reorder', flags.reorder),
    delayMs: numberOption('delay', flags.delay ?? '0', 0, 10_000),
    jitterMs: numberOption('jitter', flags.jitter ?? '0', 0, 10_000),
  };
  const loss = percent('loss', flags.loss);
  const backLoss = flags['back-loss'] === undefined ? loss : percent('back-loss', flags['back-loss']);
  return [
    { ...shared, loss },
    { ...shared, loss: backLoss },
  ];
}

/**
 * Runs the subcommand a lab was given: prints the usage when there is none or --help (exit 0) or
 * it is unknown (exit 2); a LabOptionError thrown by the command prints its message and the usage
 * (exit 2).
 */
export async function runLabCommand(
  lab: string,
  usage: string,
  command: string | undefined,
  help: boolean | undefined,
  commands: Readonly<Record<string, () => Promise<void>>>,
): Promise<void> {
  const run = command === undefined ? undefined : commands[command];
  if (run === undefined || help) {
    console.log(usage);
    process.exitCode = command === undefined || help ? 0 : 2;
    return;
  }
  try {
    await run();
  } catch (error) {
    if (!(error instanceof LabOptionError)) throw error;
    console.error(`${lab}: ${error.message}\n\n${usage}`);
    process.exitCode = 2;
  }
}
