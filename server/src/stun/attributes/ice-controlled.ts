/**
 * ICE-CONTROLLED (0x8029, RFC 8445 §7.1.3, §16.1): the sender believes it is
 * the controlled agent. Value: the 64-bit tie-breaker (tie-breaker.ts).
 */
import { AttributeType } from '../attribute-type.ts';
import { type TieBreakerAttribute, tieBreakerCodec } from './tie-breaker.ts';

export type IceControlledAttribute = TieBreakerAttribute<'ICE-CONTROLLED'>;

export const iceControlledCodec = tieBreakerCodec('ICE-CONTROLLED', AttributeType.IceControlled);
