/**
 * PRIORITY (0x0024, RFC 8445 §7.1.1, §16.1): the priority the sender would give
 * a peer-reflexive candidate learnt from this check. A 32-bit unsigned integer.
 *
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                           Priority                            |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Chromium 156 sends 1853824767 (0x6E7F1EFF): type preference 110, prflx.
 */
import { AttributeType } from '../attribute-type.ts';
import { type Uint32Attribute, uint32Codec } from './uint32.ts';

export type PriorityAttribute = Uint32Attribute<'PRIORITY'>;

export const priorityCodec = uint32Codec('PRIORITY', AttributeType.Priority);
