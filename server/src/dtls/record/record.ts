/**
 * DTLS 1.2 records (RFC 6347 §4.1). One UDP datagram carries one or more records
 * back to back (§4.1.1: "Multiple DTLS records may be placed in a single datagram").
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     type      |    version (major, minor) |        epoch       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 sequence_number (48 bits)                      |
 *   +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                               |            length             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 fragment (length bytes) ...
 *
 *   struct {
 *     ContentType type;
 *     ProtocolVersion version;
 *     uint16 epoch;                                    // New field
 *     uint48 sequence_number;                          // New field
 *     uint16 length;
 *     opaque fragment[DTLSPlaintext.length];
 *   } DTLSPlaintext;
 *
 * DTLSCiphertext has the same header; its fragment is the AEAD output
 * (record/protection.ts). A record is a record whatever its epoch: decryption
 * is a separate step, so the same type serves both.
 */
import { DtlsError } from '../errors.ts';
import { isDtlsVersion } from '../protocol-version.ts';
import { checkUint, copyBytes, readU16, readU48, writeU16, writeU48 } from '../wire.ts';
import { isContentType, isDtls13UnifiedHeader } from './content-type.ts';

export const RECORD_HEADER_SIZE = 13;
const TYPE_OFFSET = 0;
const VERSION_OFFSET = 1;
const EPOCH_OFFSET = 3;
const SEQUENCE_OFFSET = 5;
const LENGTH_OFFSET = 11;

/** RFC 5246 §6.2.1: a plaintext fragment is at most 2^14 bytes. */
export const MAX_PLAINTEXT_LENGTH = 2 ** 14;
/** RFC 5246 §6.2.3: a ciphertext fragment is at most 2^14 + 2048 bytes. */
export const MAX_RECORD_LENGTH = 2 ** 14 + 2048;
/** RFC 6347 §4.1: the sequence number is 48 bits and MUST NOT wrap within an epoch. */
export const MAX_SEQUENCE_NUMBER = 2 ** 48 - 1;

export interface DtlsRecord {
  /** A `ContentType` (20–23). */
  readonly contentType: number;
  /** 0xfefd (DTLS 1.2) or 0xfeff (DTLS 1.0: ClientHello and HelloVerifyRequest, RFC 6347 §4.2.1). */
  readonly version: number;
  /** uint16; incremented on every ChangeCipherSpec (RFC 6347 §4.1). */
  readonly epoch: number;
  /** uint48, per epoch; a retransmission gets a new one (RFC 6347 §4.1). */
  readonly sequenceNumber: number;
  readonly fragment: Uint8Array;
}

/**
 * Parses the record at `offset` of `datagram`. Throws DtlsError for a header or
 * fragment past the end, an unknown content type, a non-DTLS version or an
 * oversized length. The fragment is a copy.
 */
export function parseRecord(datagram: Uint8Array, offset = 0): { value: DtlsRecord; bytesRead: number } {
  const available = datagram.length - offset;
  if (available < RECORD_HEADER_SIZE) {
    throw new DtlsError('RECORD_TRUNCATED', `dtls: record header truncated (${available} bytes at offset ${offset} < ${RECORD_HEADER_SIZE})`);
  }
  const contentType = datagram[offset + TYPE_OFFSET]!;
  if (!isContentType(contentType)) {
    const what = isDtls13UnifiedHeader(contentType) ? ' (a DTLS 1.3 unified header, RFC 9147 §4)' : '';
    throw new DtlsError('UNKNOWN_CONTENT_TYPE', `dtls: unknown record content type ${contentType}${what} at offset ${offset}`);
  }
  const version = readU16(datagram, offset + VERSION_OFFSET);
  if (!isDtlsVersion(version)) {
    throw new DtlsError('BAD_VERSION', `dtls: record version 0x${version.toString(16)} is not DTLS at offset ${offset}`);
  }
  const length = readU16(datagram, offset + LENGTH_OFFSET);
  if (length > MAX_RECORD_LENGTH) {
    throw new DtlsError('RECORD_OVERFLOW', `dtls: record length ${length} > ${MAX_RECORD_LENGTH}`);
  }
  const end = offset + RECORD_HEADER_SIZE + length;
  if (end > datagram.length) {
    throw new DtlsError('RECORD_TRUNCATED', `dtls: record fragment truncated (length ${length}, ${available - RECORD_HEADER_SIZE} bytes left)`);
  }
  return {
    value: {
      contentType,
      version,
      epoch: readU16(datagram, offset + EPOCH_OFFSET),
      sequenceNumber: readU48(datagram, offset + SEQUENCE_OFFSET),
      fragment: copyBytes(datagram, offset + RECORD_HEADER_SIZE, end),
    },
    bytesRead: RECORD_HEADER_SIZE + length,
  };
}

/**
 * Splits a datagram into its records (at least one). Strict: any bad record throws. To keep the
 * good records before a bad one (RFC 6347 §4.1.2.7 lets a receiver discard just the
 * invalid record), loop over `parseRecord` instead.
 */
export function parseRecords(datagram: Uint8Array): DtlsRecord[] {
  if (datagram.length === 0) throw new DtlsError('RECORD_TRUNCATED', 'dtls: empty datagram');
  const records: DtlsRecord[] = [];
  for (let offset = 0; offset < datagram.length; ) {
    const { value, bytesRead } = parseRecord(datagram, offset);
    records.push(value);
    offset += bytesRead;
  }
  return records;
}

export function recordSize(record: DtlsRecord): number {
  return RECORD_HEADER_SIZE + record.fragment.length;
}

/** Writes `record` at `offset` of `buf`; returns the bytes written. Throws RangeError on a bad field or too small a buffer. */
export function serializeRecordInto(record: DtlsRecord, buf: Uint8Array, offset: number): number {
  checkUint('record.contentType', record.contentType, 8);
  checkUint('record.version', record.version, 16);
  checkUint('record.epoch', record.epoch, 16);
  checkUint('record.sequenceNumber', record.sequenceNumber, 48);
  if (record.fragment.length > MAX_RECORD_LENGTH) {
    throw new RangeError(`dtls: record fragment of ${record.fragment.length} bytes > ${MAX_RECORD_LENGTH}`);
  }
  const size = recordSize(record);
  if (!Number.isInteger(offset) || offset < 0 || offset + size > buf.length) {
    throw new RangeError(`dtls: buffer too small (${buf.length} bytes, need ${size} at offset ${offset})`);
  }
  buf[offset + TYPE_OFFSET] = record.contentType;
  writeU16(buf, offset + VERSION_OFFSET, record.version);
  writeU16(buf, offset + EPOCH_OFFSET, record.epoch);
  writeU48(buf, offset + SEQUENCE_OFFSET, record.sequenceNumber);
  writeU16(buf, offset + LENGTH_OFFSET, record.fragment.length);
  buf.set(record.fragment, offset + RECORD_HEADER_SIZE);
  return size;
}

export function serializeRecord(record: DtlsRecord): Uint8Array {
  const out = new Uint8Array(recordSize(record));
  serializeRecordInto(record, out, 0);
  return out;
}

/** Serializes records back to back into one datagram. */
export function serializeRecords(records: readonly DtlsRecord[]): Uint8Array {
  const out = new Uint8Array(records.reduce((sum, record) => sum + recordSize(record), 0));
  let offset = 0;
  for (const record of records) offset += serializeRecordInto(record, out, offset);
  return out;
}

/**
 * The 64-bit record number epoch‖sequence_number (RFC 6347 §4.1.2.1), which the
 * AEAD additional data and nonces use in place of TLS's implicit seq_num.
 */
export function writeRecordNumber(buf: Uint8Array, offset: number, epoch: number, sequenceNumber: number): void {
  writeU16(buf, offset, epoch);
  writeU48(buf, offset + 2, sequenceNumber);
}
