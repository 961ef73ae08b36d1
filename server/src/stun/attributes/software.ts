/**
 * SOFTWARE (0x8022, RFC 8489 §14.14): the agent's name and version, for
 * diagnostics only. Chromium 156 sends none on its ICE checks (see the fixtures README).
 */
import { AttributeType } from '../attribute-type.ts';
import { MAX_TEXT_BYTES, type TextAttribute, textCodec } from './text.ts';

export type SoftwareAttribute = TextAttribute<'SOFTWARE'>;

export const softwareCodec = textCodec('SOFTWARE', AttributeType.Software, MAX_TEXT_BYTES);
