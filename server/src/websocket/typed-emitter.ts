/**
 * Moved to server/src/common/typed-emitter.ts (the SFU API uses it too). This
 * forward keeps older import paths working; import from common in new code.
 */
export { TypedEmitter } from '../common/typed-emitter.ts';
