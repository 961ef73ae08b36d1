/**
 * Exercise 08-realtime-tcp-vs-udp, part 2: a jitter buffer with a playout deadline, the piece of a
 * media receiver that decides whether a frame is played or comes too late.
 *
 * Frames are numbered 0, 1, 2, ... and each carries the time it was sent. The receiver plays frame
 * n at its playout time, sentAtMs + playoutDelayMs: a fixed delay that gives late frames some
 * slack while the picture or sound keeps its rhythm. Frames are played once each, in sequence
 * order; a frame that is not there when a later one is played is concealed instead (the decoder
 * repeats or interpolates), and its slot is gone for good.
 *
 * insert(sequence, sentAtMs, arrivedAtMs) takes one arriving frame:
 *
 *   'too-late'   its slot is gone (sequence < nextSequence: it was played or concealed already),
 *                or it arrived after its playout time (arrivedAtMs > sentAtMs + playoutDelayMs;
 *                exactly at the playout time is still in time); it is dropped
 *   'duplicate'  that sequence is already waiting in the buffer; dropped
 *   'buffered'   kept until its playout time
 *
 * playUntil(nowMs) plays, in sequence order, every waiting frame whose playout time is at or
 * before nowMs, and returns what happened to each slot it passed, in order: before a frame is
 * played, every missing sequence number between nextSequence and it is concealed
 * ({ sequence, played: false }); then the frame is played ({ sequence, played: true }) and
 * nextSequence moves past it. It stops at the first waiting frame (in sequence order) that is not
 * due yet; missing frames before that one are concealed only when it is played. It returns [] when
 * nothing is due.
 *
 * nextSequence starts at 0: the stream starts with frame 0. stats (a snapshot):
 *   played, concealed   slots played and concealed so far
 *   tooLate, duplicates inserts that returned those
 *   buffered            frames waiting now
 *
 * Errors: RangeError for a playoutDelayMs that is negative or not finite, a sequence that is not
 * an integer >= 0, and times that are not finite numbers.
 *
 *   const buffer = new PlayoutBuffer({ playoutDelayMs: 100 });
 *   buffer.insert(0, 0, 30)     -> 'buffered'
 *   buffer.insert(2, 40, 60)    -> 'buffered'        (1 is missing for now)
 *   buffer.playUntil(100)       -> [{ sequence: 0, played: true }]
 *   buffer.playUntil(140)       -> [{ sequence: 1, played: false }, { sequence: 2, played: true }]
 *   buffer.insert(1, 20, 150)   -> 'too-late'        (its slot was concealed)
 */

export type InsertResult = 'buffered' | 'too-late' | 'duplicate';

export interface PlayoutEvent {
  readonly sequence: number;
  /** false: the frame was not there in time and its slot was concealed. */
  readonly played: boolean;
}

export interface PlayoutStats {
  readonly played: number;
  readonly concealed: number;
  readonly tooLate: number;
  readonly duplicates: number;
  readonly buffered: number;
}

export interface PlayoutBufferOptions {
  /** How long after it was sent each frame is played, ms. */
  readonly playoutDelayMs: number;
}

export class PlayoutBuffer {
  constructor(options: PlayoutBufferOptions) {
    // TODO: check and remember the playout delay.
    throw new Error(`TODO: create a playout buffer (${options.playoutDelayMs} ms)`);
  }

  /** The first sequence number whose slot has not been played or concealed yet. */
  get nextSequence(): number {
    throw new Error('TODO: return the next sequence to play');
  }

  get stats(): PlayoutStats {
    throw new Error('TODO: return a snapshot of the counters');
  }

  insert(sequence: number, sentAtMs: number, arrivedAtMs: number): InsertResult {
    // TODO: too late, duplicate, or kept until its playout time.
    throw new Error(`TODO: insert frame ${sequence} (sent ${sentAtMs}, arrived ${arrivedAtMs})`);
  }

  playUntil(nowMs: number): PlayoutEvent[] {
    // TODO: play what is due, concealing the gaps before each frame played.
    throw new Error(`TODO: play what is due at ${nowMs}`);
  }
}
