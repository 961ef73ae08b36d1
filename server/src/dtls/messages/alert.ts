/**
 * Alert protocol (RFC 5246 §7.2, carried in DTLS records of content type 21).
 *
 *   enum { warning(1), fatal(2), (255) } AlertLevel;
 *   struct {
 *       AlertLevel level;
 *       AlertDescription description;
 *   } Alert;
 *
 * Descriptions are kept as numbers so a peer's unknown value still parses;
 * `alertDescriptionName` names the ones RFC 5246 §7.2 (and RFC 7507) define.
 */
import { DtlsError } from '../errors.ts';
import { checkUint, readAll } from '../wire.ts';

export const AlertLevel = { Warning: 1, Fatal: 2 } as const;
export type AlertLevel = (typeof AlertLevel)[keyof typeof AlertLevel];

export interface Alert {
  readonly level: AlertLevel;
  /** An `AlertDescription` value; any 0–255 value from the peer is kept. */
  readonly description: number;
}

export function parseAlert(bytes: Uint8Array): Alert {
  const [level, description] = readAll(bytes, 'Alert', (reader) => [reader.u8('level'), reader.u8('description')] as const);
  if (level !== AlertLevel.Warning && level !== AlertLevel.Fatal) {
    throw new DtlsError('ILLEGAL_PARAMETER', `dtls: Alert level ${level} is neither warning(1) nor fatal(2)`);
  }
  return { level, description };
}

export function serializeAlert(alert: Alert): Uint8Array {
  checkUint('Alert.level', alert.level, 8);
  checkUint('Alert.description', alert.description, 8);
  return Uint8Array.of(alert.level, alert.description);
}

/** A fatal alert (RFC 5246 §7.2.2): the answer to a DtlsError is `fatalAlert(error.alertDescription)`. */
export function fatalAlert(description: number): Alert {
  return { level: AlertLevel.Fatal, description };
}
