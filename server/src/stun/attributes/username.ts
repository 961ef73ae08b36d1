/**
 * USERNAME (0x0006, RFC 8489 §14.3): who signed the message. In ICE it is
 * "<ufrag of the receiver>:<ufrag of the sender>" (RFC 8445 §7.2.2), and the
 * receiver checks that the part before the colon is its own ufrag.
 */
import { AttributeType } from '../attribute-type.ts';
import { type TextAttribute, textCodec } from './text.ts';

export type UsernameAttribute = TextAttribute<'USERNAME'>;

/**
 * RFC 5389 §15.3 allowed "less than 513 bytes"; RFC 8489 §14.3 lowered it to 508
 * for senders. Accept the older bound: ICE peers still implement RFC 5389.
 */
export const MAX_USERNAME_BYTES = 512;

export const usernameCodec = textCodec('USERNAME', AttributeType.Username, MAX_USERNAME_BYTES);
