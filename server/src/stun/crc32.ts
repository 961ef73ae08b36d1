/**
 * CRC-32 as FINGERPRINT needs it (RFC 8489 §14.7 points to ITU-T V.42 §8.1.1.6.2,
 * the same CRC as Ethernet and zlib): reflected polynomial 0xEDB88320, initial
 * value and final XOR 0xFFFFFFFF. One table lookup per byte.
 */

const POLYNOMIAL = 0xedb88320;

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = (c & 1) !== 0 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The CRC-32 of `bytes`. Pass the result of a previous call as `previous` to
 * continue over a message given in parts: crc32(b, crc32(a)) === crc32(a ‖ b).
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}
