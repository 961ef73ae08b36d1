/**
 * NONCE (0x0015, RFC 8489 §14.10): the server's nonce for the long-term
 * credential mechanism (§9.2). Like REALM, unused by ICE.
 */
import { AttributeType } from '../attribute-type.ts';
import { MAX_TEXT_BYTES, type TextAttribute, textCodec } from './text.ts';

export type NonceAttribute = TextAttribute<'NONCE'>;

export const nonceCodec = textCodec('NONCE', AttributeType.Nonce, MAX_TEXT_BYTES);
