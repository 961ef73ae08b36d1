/**
 * Exercise 03-signals: the config file, read at startup and on every SIGHUP.
 *
 * It is a JSON object with two optional keys:
 *   { "greeting": "hello", "shutdownDeadlineMs": 5000 }
 * greeting            what HELLO answers: a non-empty string without a newline
 * shutdownDeadlineMs  how long a graceful shutdown may wait for connections: a whole number >= 0
 * A missing key takes its value from defaultConfig. Anything else (text that is not JSON, JSON
 * that is not an object, a value of the wrong type, a key not listed here) is a ConfigError.
 */

export interface ServerConfig {
  /** The reply to HELLO. */
  readonly greeting: string;
  /** After SIGTERM/SIGINT, how long to wait for connections before closing them anyway. */
  readonly shutdownDeadlineMs: number;
}

/** What a config file leaves out. */
export const defaultConfig: ServerConfig = {
  greeting: 'hello',
  shutdownDeadlineMs: 5000,
};

/** Every problem with a config file: the server reports it and keeps its old config. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the text of a config file; throws ConfigError when it is not valid. */
export function parseConfig(text: string): ServerConfig {
  throw new Error(`TODO: JSON.parse the ${text.length} characters and check every key (ConfigError when wrong)`);
}

/** Reads and parses a config file; a file that cannot be read is a ConfigError naming it too. */
export async function loadConfig(file: string): Promise<ServerConfig> {
  throw new Error(`TODO: read ${file} (node:fs/promises) and parseConfig it`);
}
