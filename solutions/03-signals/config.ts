/**
 * Exercise 03-signals: the config file (reference solution).
 * See exercises/03-signals/config.ts for the contract.
 */
import { readFile } from 'node:fs/promises';

export interface ServerConfig {
  readonly greeting: string;
  readonly shutdownDeadlineMs: number;
}

export const defaultConfig: ServerConfig = { greeting: 'hello', shutdownDeadlineMs: 5000 };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const knownKeys = new Set(Object.keys(defaultConfig));

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('config: must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function parseConfig(text: string): ServerConfig {
  const fields = parseJsonObject(text);
  // A typo such as "greting" would otherwise be ignored in silence and the default used.
  const unknown = Object.keys(fields).find((key) => !knownKeys.has(key));
  if (unknown !== undefined) throw new ConfigError(`config: unknown key "${unknown}"`);

  const { greeting = defaultConfig.greeting, shutdownDeadlineMs = defaultConfig.shutdownDeadlineMs } = fields;
  // The greeting is sent as one reply line, so a newline in it would break the protocol.
  if (typeof greeting !== 'string' || greeting === '' || /[\r\n]/.test(greeting)) {
    throw new ConfigError('config: "greeting" must be a non-empty string on one line');
  }
  if (typeof shutdownDeadlineMs !== 'number' || !Number.isInteger(shutdownDeadlineMs) || shutdownDeadlineMs < 0) {
    throw new ConfigError(`config: "shutdownDeadlineMs" must be a whole number of milliseconds >= 0, not ${JSON.stringify(shutdownDeadlineMs)}`);
  }
  return { greeting, shutdownDeadlineMs };
}

export async function loadConfig(file: string): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`config: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseConfig(text);
}
