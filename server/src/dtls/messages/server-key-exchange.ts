/**
 * ServerKeyExchange for the ECDHE_ECDSA suites (RFC 8422 §5.4; RFC 5246 §7.4.3).
 *
 *   enum { explicit_prime (1), explicit_char2 (2), named_curve (3), reserved(248..255) } ECCurveType;
 *   struct {
 *       ECCurveType    curve_type;             // must be named_curve (RFC 8422 §5.4)
 *       NamedCurve     namedcurve;
 *       opaque point <1..2^8-1>;               // ECPoint: the server's ephemeral public key
 *   } ServerECDHParams;
 *
 *   struct {
 *       ServerECDHParams params;
 *       digitally-signed struct {               // over client_random ‖ server_random ‖ params
 *           opaque client_random[32];
 *           opaque server_random[32];
 *           ServerECDHParams params;
 *       } signed_params;
 *   } ServerKeyExchange;
 *
 * The layout depends on the key exchange; every suite we offer is ECDHE with a
 * signature, so this parser is the only one. `serializeEcdheParams` gives the bytes
 * that the signature covers (crypto/signature.ts `serverKeyExchangeSignedData`).
 */
import { DtlsError } from '../errors.ts';
import { type Reader, Writer, readAll } from '../wire.ts';
import { type DigitallySigned, readDigitallySigned, writeDigitallySigned } from './digitally-signed.ts';

/** RFC 8422 §5.4: "explicit_prime" and "explicit_char2" are deprecated; only named_curve is used. */
export const EC_CURVE_TYPE_NAMED_CURVE = 3;

const POINT_BOUNDS = { min: 1 };

export interface EcdheParams {
  /** A NamedGroup (crypto/ecdhe.ts). */
  readonly namedGroup: number;
  /** The encoded public key: 32 bytes for x25519, 65 (0x04‖X‖Y) for secp256r1. */
  readonly publicKey: Uint8Array;
}

export interface ServerKeyExchange {
  readonly kind: 'server_key_exchange';
  readonly params: EcdheParams;
  readonly signed: DigitallySigned;
}

function readEcdheParams(reader: Reader): EcdheParams {
  const curveType = reader.u8('curve_type');
  if (curveType !== EC_CURVE_TYPE_NAMED_CURVE) {
    throw new DtlsError('ILLEGAL_PARAMETER', `dtls: ServerKeyExchange curve_type ${curveType}, only named_curve (3) is allowed`);
  }
  const namedGroup = reader.u16('namedcurve');
  const publicKey = reader.vector(1, 'point', POINT_BOUNDS);
  return { namedGroup, publicKey };
}

function writeEcdheParams(writer: Writer, params: EcdheParams): Writer {
  return writer.u8('curve_type', EC_CURVE_TYPE_NAMED_CURVE).u16('namedcurve', params.namedGroup).vector(1, 'point', params.publicKey, POINT_BOUNDS);
}

/** The ServerECDHParams bytes, as sent and as signed. */
export function serializeEcdheParams(params: EcdheParams): Uint8Array {
  return writeEcdheParams(new Writer(), params).finish();
}

export function parseServerKeyExchange(body: Uint8Array): ServerKeyExchange {
  return readAll(body, 'ServerKeyExchange', (reader) => ({ kind: 'server_key_exchange', params: readEcdheParams(reader), signed: readDigitallySigned(reader) }));
}

export function serializeServerKeyExchange(message: ServerKeyExchange): Uint8Array {
  return writeDigitallySigned(writeEcdheParams(new Writer(), message.params), message.signed).finish();
}
