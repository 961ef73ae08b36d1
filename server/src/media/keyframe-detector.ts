/**
 * Which packets start a key frame, per codec, from the payload alone (the
 * parsers live in server/src/rtp/codecs). The SFU needs this to end a
 * consumer's wait for a key frame (a new or resumed subscriber cannot decode
 * anything before one) and to stop asking the publisher for one.
 *
 * Only the first packet of a key frame answers true: that is where a consumer
 * may start forwarding.
 */
import { RtpParseError, isAv1Keyframe, isH264Keyframe, isVp8Keyframe, isVp9Keyframe } from '../rtp/index.ts';

/** A payload → is it the start of a key frame; throws RtpParseError on a malformed payload. */
type KeyframeTest = (payload: Uint8Array) => boolean;

/** By lower-case MIME type (mediasoup's and ORTC's `mimeType`). */
const testsByMimeType: ReadonlyMap<string, KeyframeTest> = new Map([
  ['video/vp8', isVp8Keyframe],
  ['video/vp9', isVp9Keyframe],
  ['video/h264', isH264Keyframe],
  ['video/av1', isAv1Keyframe],
]);

/** Whether the SFU can find key frames of this codec, and so wait for them. Audio never needs to. */
export function detectsKeyframes(mimeType: string): boolean {
  return testsByMimeType.has(mimeType.toLowerCase());
}

/**
 * The key-frame test for a codec, or one that always says false (audio, and
 * video codecs the SFU does not parse). A malformed payload is not a key
 * frame: the packet is still forwarded, the receiver's decoder judges it.
 */
export function keyframeDetectorFor(mimeType: string): (payload: Uint8Array) => boolean {
  const test = testsByMimeType.get(mimeType.toLowerCase());
  if (test === undefined) return () => false;
  return (payload) => {
    if (payload.length === 0) return false;
    try {
      return test(payload);
    } catch (error) {
      if (error instanceof RtpParseError) return false;
      throw error;
    }
  };
}
