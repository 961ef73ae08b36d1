/**
 * Mints a room token for the signaling server (server/src/signaling/token.ts).
 *
 *   node --import tsx server/scripts/mint-token.ts --room demo --identity alice --ttl 3600 --secret "$SIGNALING_SECRET"
 *
 * The secret may also come from the SIGNALING_SECRET environment variable,
 * which keeps it out of the shell history and `ps`.
 */
import { parseArgs } from 'node:util';
import { MIN_SECRET_BYTES, mintTokenFor } from '../src/signaling/token.ts';

const USAGE = `usage: mint-token --room <room> --identity <name> [--ttl <seconds>=3600] [--secret <secret> | env SIGNALING_SECRET]
Prints a token that lets <identity> join <room> until the TTL runs out.`;

function main(): number {
  const { values } = parseArgs({
    options: {
      room: { type: 'string' },
      identity: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
      secret: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const secret = values.secret ?? process.env['SIGNALING_SECRET'];
  const ttl = Number(values.ttl);
  if (values.help || values.room === undefined || values.identity === undefined) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (secret === undefined || Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    console.error(`mint-token: a secret of at least ${MIN_SECRET_BYTES} bytes is needed (--secret or SIGNALING_SECRET)`);
    return 2;
  }
  if (!Number.isSafeInteger(ttl) || ttl <= 0) {
    console.error('mint-token: --ttl must be a positive whole number of seconds');
    return 2;
  }
  console.log(mintTokenFor(values.room, values.identity, ttl, secret));
  return 0;
}

process.exitCode = main();
