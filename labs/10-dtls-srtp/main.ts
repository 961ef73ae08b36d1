/**
 * npm run lab -- 10-dtls-srtp server --port <udp port> [options]
 * npm run lab -- 10-dtls-srtp client --port <udp port> [options]
 */
import { parseArgs } from 'node:util';
import { X509ParseError } from '#server/x509/index.ts';
import { runClient, runServer, type EndpointOptions } from './endpoint.ts';
import { LabOptionError, loadCertificate, parseFingerprint, parseProfiles } from './options.ts';

const usage = `usage:
  npm run lab -- 10-dtls-srtp server --port <udp port> [options]
      wait for a DTLS 1.2 client; print the SRTP profile, the keying material and the client's
      certificate fingerprint once the handshake completes; echo its application data.
      --port 0 picks a free port (printed on the "listening:" line)
  npm run lab -- 10-dtls-srtp client --port <udp port> [options]
      connect to the server; print the same lines; send each line typed (and each --send) and
      print what comes back. Ctrl-C closes the connection (close_notify)
options:
  --host <addr>          server: address to bind; client: the server's address (default 127.0.0.1)
  --profile <name>       SRTP profile to offer, repeatable, in order of preference (default:
                         SRTP_AES128_CM_HMAC_SHA1_80 then SRTP_AEAD_AES_128_GCM; openssl names work too)
  --cert <pem> --key <pem>   our certificate and ECDSA P-256 key (default: a fresh self-signed one)
  --fingerprint "sha-256 AB:CD:…"   fail the handshake unless the peer's certificate has this fingerprint
  --keys                 also print the SRTP master keys and RFC 3711 session keys
  --keylog <file>        append each handshake's master secret to <file> (NSS key log format, for Wireshark)
  --send <text>          client: send this line once connected (repeatable)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    profile: { type: 'string', multiple: true },
    cert: { type: 'string' },
    key: { type: 'string' },
    fingerprint: { type: 'string' },
    keys: { type: 'boolean', default: false },
    send: { type: 'string', multiple: true },
    keylog: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

function portOption(text: string | undefined, allowZero: boolean): number {
  const port = Number(text);
  if (text === undefined || !Number.isInteger(port) || port < (allowZero ? 0 : 1) || port > 65535) {
    throw new LabOptionError(`--port must be a UDP port${allowZero ? ' (0: any free one)' : ''}, got ${text === undefined ? 'nothing' : `"${text}"`}`);
  }
  return port;
}

function endpointOptions(role: 'server' | 'client'): EndpointOptions {
  return {
    host: values.host,
    port: portOption(values.port, role === 'server'),
    profiles: parseProfiles(values.profile),
    certificate: loadCertificate(values.cert, values.key),
    fingerprint: parseFingerprint(values.fingerprint),
    keys: values.keys,
    send: values.send ?? [],
    keyLogFile: values.keylog,
  };
}

try {
  if (command === 'server') {
    await runServer(endpointOptions('server'));
    process.exit(0);
  } else if (command === 'client') {
    await runClient(endpointOptions('client'));
  } else {
    console.log(usage);
    process.exitCode = command === undefined || values.help ? 0 : 2;
  }
} catch (error) {
  if (!(error instanceof LabOptionError || error instanceof X509ParseError || (error as NodeJS.ErrnoException).code !== undefined)) throw error;
  console.error(`10-dtls-srtp: ${(error as Error).message}`);
  if (error instanceof LabOptionError) console.error(usage);
  process.exit(2);
}
