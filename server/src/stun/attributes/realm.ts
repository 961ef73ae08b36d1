/**
 * REALM (0x0014, RFC 8489 §14.9): the long-term credential realm (§9.2). ICE
 * uses short-term credentials and never sends it; parsed for TURN-style
 * messages and the RFC 5769 §2.4 vector.
 */
import { AttributeType } from '../attribute-type.ts';
import { MAX_TEXT_BYTES, type TextAttribute, textCodec } from './text.ts';

export type RealmAttribute = TextAttribute<'REALM'>;

export const realmCodec = textCodec('REALM', AttributeType.Realm, MAX_TEXT_BYTES);
