/**
 * STUN attribute type numbers.
 *
 * RFC 8489 §14 and §18.3: 0x0000–0x7FFF are comprehension-required (an agent that
 * does not understand one must reject the message, §6.3.1), 0x8000–0xFFFF are
 * comprehension-optional (safe to ignore).
 */
export const AttributeType = {
  // RFC 8489 §14
  MappedAddress: 0x0001,
  Username: 0x0006,
  MessageIntegrity: 0x0008,
  ErrorCode: 0x0009,
  UnknownAttributes: 0x000a,
  Realm: 0x0014,
  Nonce: 0x0015,
  MessageIntegritySha256: 0x001c,
  PasswordAlgorithm: 0x001d,
  Userhash: 0x001e,
  XorMappedAddress: 0x0020,
  PasswordAlgorithms: 0x8002,
  AlternateDomain: 0x8003,
  Software: 0x8022,
  AlternateServer: 0x8023,
  Fingerprint: 0x8028,
  // RFC 8445 §16.1
  Priority: 0x0024,
  UseCandidate: 0x0025,
  IceControlled: 0x8029,
  IceControlling: 0x802a,
  // Chromium's unregistered ICE extras (webrtc api/transport/stun.h), parsed as raw attributes.
  GoogNomination: 0xc001,
  /** 4 bytes: network id (16 bits), network cost (16 bits). Seen on every Chromium 156 check. */
  GoogNetworkInfo: 0xc057,
  GoogLastIceCheckReceived: 0xc058,
  GoogMiscInfo: 0xc059,
  GoogMessageIntegrity32: 0xc060,
} as const;

const COMPREHENSION_OPTIONAL_FIRST = 0x8000;

/** RFC 8489 §14: types below 0x8000 must be understood by the receiver. */
export function isComprehensionRequired(type: number): boolean {
  return type < COMPREHENSION_OPTIONAL_FIRST;
}
