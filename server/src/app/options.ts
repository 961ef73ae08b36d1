/**
 * `npm start` options: `node:util` parseArgs, strict, every value checked,
 * typed errors. Only mesh mode exists yet; `--mode` is here so the SFU can add
 * `sfu` as one more value.
 */
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';

export const MODES = ['mesh'] as const;
export type Mode = (typeof MODES)[number];

export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  readonly mode: Mode;
  /** Serve over TLS: with cert and key files, or a self-signed certificate made at start. */
  readonly https: boolean;
  readonly certFile?: string;
  readonly keyFile?: string;
  /** Extra host names and addresses for the generated certificate's subjectAltName. */
  readonly certificateNames: readonly string[];
  /** HMAC secret for room tokens; with it, joins need a token unless allowJoinWithoutToken. */
  readonly tokenSecret?: string;
  readonly allowJoinWithoutToken: boolean;
}

export type ParsedCommandLine = { readonly help: true } | { readonly help: false; readonly options: ServerOptions };

/** A command line we refuse; main prints the message and the usage, and exits 2. */
export class OptionsError extends Error {
  override readonly name = 'OptionsError';
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;
export const TOKEN_SECRET_ENV = 'SIGNALING_SECRET';

export const USAGE = `usage: npm start -- [options]

  --host <address>        address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for every interface)
  --port <n>              port to listen on, 0 for any free one (default ${DEFAULT_PORT})
  --mode <mode>           ${MODES.join(' | ')}: browsers send media to each other (default mesh)
  --https                 serve over TLS with a self-signed certificate made at start
                          (its names: localhost, 127.0.0.1, ::1, --host, this machine's name and addresses)
  --cert <file> --key <file>
                          serve over TLS with this PEM certificate and key (implies --https)
  --cert-name <name>      one more DNS name or IP address for the generated certificate (repeatable)
  --token-secret <secret> require a room token to join (at least 16 bytes; or set ${TOKEN_SECRET_ENV})
  --allow-no-token        with a secret, still let joins without a token in (tokens given are checked)
  -h, --help              this text

Open the printed URL; /?room=<room>&name=<name>[&token=<token>] joins directly.
Tokens: node --import tsx server/scripts/mint-token.ts --room demo --identity alice --secret "$${TOKEN_SECRET_ENV}"`;

/** Parses `args` (process.argv.slice(2)); `env` supplies the token secret when no option does. Throws OptionsError. */
export function parseCommandLine(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string', default: DEFAULT_HOST },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        mode: { type: 'string', default: 'mesh' },
        https: { type: 'boolean', default: false },
        cert: { type: 'string' },
        key: { type: 'string' },
        'cert-name': { type: 'string', multiple: true, default: [] },
        'token-secret': { type: 'string' },
        'allow-no-token': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return { help: true };

  if (isIP(values.host) === 0 && !/^[A-Za-z0-9.-]+$/.test(values.host)) throw new OptionsError(`--host must be an IP address or a host name, got "${values.host}"`);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) throw new OptionsError(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  const mode = MODES.find((known) => known === values.mode);
  if (mode === undefined) throw new OptionsError(`--mode must be one of ${MODES.join(', ')}, got "${values.mode}"`);
  if ((values.cert === undefined) !== (values.key === undefined)) throw new OptionsError('--cert and --key go together');

  const tokenSecret = values['token-secret'] ?? (env[TOKEN_SECRET_ENV] || undefined);
  if (tokenSecret !== undefined && Buffer.byteLength(tokenSecret) < 16) {
    throw new OptionsError(`the token secret must be at least 16 bytes, got ${Buffer.byteLength(tokenSecret)}`);
  }
  if (values['allow-no-token'] && tokenSecret === undefined) throw new OptionsError(`--allow-no-token needs --token-secret or ${TOKEN_SECRET_ENV}`);

  return {
    help: false,
    options: {
      host: values.host,
      port,
      mode,
      https: values.https || values.cert !== undefined,
      ...(values.cert === undefined ? {} : { certFile: values.cert }),
      ...(values.key === undefined ? {} : { keyFile: values.key }),
      certificateNames: values['cert-name'],
      ...(tokenSecret === undefined ? {} : { tokenSecret }),
      allowJoinWithoutToken: values['allow-no-token'],
    },
  };
}
