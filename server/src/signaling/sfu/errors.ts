/**
 * The SFU's typed errors as signaling error codes (PROTOCOL.md, "SFU mode"):
 * what the browser sent cannot be negotiated → BAD_SDP; the object is gone →
 * INVALID_STATE; the media plane failed → MEDIA_ERROR. Anything else is not
 * the client's doing and stays a bug (INTERNAL_ERROR).
 */
import { SdpAttributeError, SdpParseError } from '../../sdp/index.ts';
import { InvalidStateError, MediaWorkerError, UnsupportedError } from '../../sfu/index.ts';
import { SdpNegotiationError } from '../../sfu/sdp/errors.ts';
import { SignalingError } from '../errors.ts';

/** The SignalingError for `error` if it is one the client can be told about, else `error` itself. */
export function toSignalingError(error: unknown, method: string): unknown {
  if (error instanceof SignalingError) return error;
  if (error instanceof SdpParseError || error instanceof SdpAttributeError || error instanceof SdpNegotiationError) {
    return new SignalingError('BAD_SDP', `signaling: ${method}: ${error.message} (${error.code})`, { cause: error });
  }
  // A codec or extension the router cannot route, found once the SDP is read as RTP parameters.
  if (error instanceof UnsupportedError) return new SignalingError('BAD_SDP', `signaling: ${method}: ${error.message}`, { cause: error });
  if (error instanceof InvalidStateError) return new SignalingError('INVALID_STATE', `signaling: ${method}: ${error.message}`, { cause: error });
  if (error instanceof MediaWorkerError) return new SignalingError('MEDIA_ERROR', `signaling: ${method}: the media plane failed: ${error.message}`, { cause: error });
  return error;
}

/** Runs `action`, turning the SFU's typed errors into SignalingErrors. */
export async function answering<T>(method: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw toSignalingError(error, method);
  }
}
