import { SdpAttributeError } from '../errors.ts';
import { attributeCodec } from './attribute-list.ts';

/**
 * RFC 4145 §4: `a=setup:<role>`; WebRTC uses it for the DTLS role (RFC 8842 §5.2, §5.3):
 * the offer says `actpass`, the answer picks `active` (DTLS client) or `passive`.
 */
export type SetupRole = 'active' | 'passive' | 'actpass' | 'holdconn';

const ROLES: readonly string[] = ['active', 'passive', 'actpass', 'holdconn'] satisfies SetupRole[];

export function parseSetup(value: string): SetupRole {
  if (!ROLES.includes(value)) throw new SdpAttributeError('BAD_SETUP', 'setup', value, 'not active, passive, actpass or holdconn');
  return value as SetupRole;
}

export function serializeSetup(role: SetupRole): string {
  return role;
}

export const setupAttribute = attributeCodec('setup', parseSetup, serializeSetup);
