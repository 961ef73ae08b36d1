import { ProtocolError } from '../common/protocol-error.ts';
import type { SignalingErrorCode, WireError } from './messages.ts';

/**
 * Why the server refused a request; becomes the `error` of the response
 * (PROTOCOL.md, "Error codes"). `requestId` is the id of the request it answers,
 * or null when the message was too broken to have one.
 */
export class SignalingError extends ProtocolError<SignalingErrorCode> {
  readonly requestId: number | null;

  constructor(code: SignalingErrorCode, message: string, options?: { requestId?: number | null; cause?: unknown }) {
    super(code, message, options);
    this.requestId = options?.requestId ?? null;
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}
