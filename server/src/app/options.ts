/**
 * `npm start` options: `node:util` parseArgs, strict, every value checked,
 * typed errors. Two modes: `sfu` (the default: browsers send their media to
 * the server, which forwards it) and `mesh` (browsers send it to each other;
 * lab 12-mesh).
 */
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';

export const MODES = ['sfu', 'mesh'] as const;
export type Mode = (typeof MODES)[number];

export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  readonly mode: Mode;
  /** SFU mode: the one UDP port all media uses (0: any free one). */
  readonly rtcPort: number;
  /** SFU mode: the address the media socket binds; default from --host (rtc-address.ts). */
  readonly listenIp?: string;
  /** SFU mode: the address written in the ICE candidates; default the listen address, or an interface's when that is a wildcard. */
  readonly announcedIp?: string;
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
export const DEFAULT_MODE: Mode = 'sfu';
export const DEFAULT_RTC_PORT = 40_000;
export const TOKEN_SECRET_ENV = 'SIGNALING_SECRET';

export const USAGE = `usage: npm start -- [options]

  --host <address>        address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for every interface)
  --port <n>              port to listen on, 0 for any free one (default ${DEFAULT_PORT})
  --mode <mode>           sfu: browsers send their media to this server, which forwards it (default)
                          mesh: browsers send their media to each other (lab 12-mesh)
  --rtc-port <n>          sfu: the UDP port for all media, 0 for any free one (default ${DEFAULT_RTC_PORT})
  --listen-ip <address>   sfu: the address the media port binds (default --host's address;
                          0.0.0.0 with --host 0.0.0.0)
  --announced-ip <address>
                          sfu: the address browsers send media to, written in the ICE candidates:
                          this machine's public address behind a 1:1 NAT (default the listen
                          address; with 0.0.0.0, this machine's first non-loopback IPv4 address)
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
        mode: { type: 'string', default: DEFAULT_MODE },
        'rtc-port': { type: 'string' },
        'listen-ip': { type: 'string' },
        'announced-ip': { type: 'string' },
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
  if (mode !== 'sfu') {
    const sfuOnly = (['rtc-port', 'listen-ip', 'announced-ip'] as const).find((name) => values[name] !== undefined);
    if (sfuOnly !== undefined) throw new OptionsError(`--${sfuOnly} is for --mode sfu: in a mesh the media never reaches this server`);
  }
  const rtcPortText = values['rtc-port'] ?? String(DEFAULT_RTC_PORT);
  const rtcPort = Number(rtcPortText);
  if (!/^\d+$/.test(rtcPortText) || rtcPort > 65_535) throw new OptionsError(`--rtc-port must be an integer from 0 to 65535, got "${rtcPortText}"`);
  for (const name of ['listen-ip', 'announced-ip'] as const) {
    const value = values[name];
    if (value !== undefined && isIP(value) === 0) throw new OptionsError(`--${name} must be an IP address, got "${value}"`);
  }
  if (values['announced-ip'] === '0.0.0.0' || values['announced-ip'] === '::') throw new OptionsError('--announced-ip must be an address browsers can send to, not a wildcard');

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
      rtcPort,
      ...(values['listen-ip'] === undefined ? {} : { listenIp: values['listen-ip'] }),
      ...(values['announced-ip'] === undefined ? {} : { announcedIp: values['announced-ip'] }),
      https: values.https || values.cert !== undefined,
      ...(values.cert === undefined ? {} : { certFile: values.cert }),
      ...(values.key === undefined ? {} : { keyFile: values.key }),
      certificateNames: values['cert-name'],
      ...(tokenSecret === undefined ? {} : { tokenSecret }),
      allowJoinWithoutToken: values['allow-no-token'],
    },
  };
}
