/**
 * ICE-CONTROLLING (0x802A, RFC 8445 §7.1.3, §16.1): the sender believes it is
 * the controlling agent. Value: the 64-bit tie-breaker (tie-breaker.ts).
 */
import { AttributeType } from '../attribute-type.ts';
import { type TieBreakerAttribute, tieBreakerCodec } from './tie-breaker.ts';

export type IceControllingAttribute = TieBreakerAttribute<'ICE-CONTROLLING'>;

export const iceControllingCodec = tieBreakerCodec('ICE-CONTROLLING', AttributeType.IceControlling);
