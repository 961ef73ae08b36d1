/**
 * Typed events, with the map written as tuples:
 *
 *   type Events = { message: [WebSocketMessage]; close: [CloseEvent] };
 *
 * Only the owner emits (`safeEmit` is protected; an object that exposes a
 * second emitter, like the SFU's `observer`, gets one with its emit function
 * from `TypedEmitter.withEmitter()`). Two differences from a bare
 * EventEmitter, both so that a connection's own state stays consistent:
 * - An 'error' nobody listens to is dropped instead of thrown; the 'close'
 *   event that always follows carries the status code.
 * - A listener that throws does not unwind the protocol code that emitted: the
 *   exception is rethrown on the next tick, where it surfaces like any uncaught
 *   error of the application's own (it is never swallowed).
 */
import { EventEmitter } from 'node:events';

type Listener<Args extends unknown[]> = (...args: Args) => void;

export type EmitFunction<Events extends { [K in keyof Events]: unknown[] }> = <K extends keyof Events & string>(event: K, ...args: Events[K]) => void;

export class TypedEmitter<Events extends { [K in keyof Events]: unknown[] }> {
  readonly #emitter = new EventEmitter();

  on<K extends keyof Events & string>(event: K, listener: Listener<Events[K]>): this {
    this.#emitter.on(event, listener as Listener<unknown[]>);
    return this;
  }

  once<K extends keyof Events & string>(event: K, listener: Listener<Events[K]>): this {
    this.#emitter.once(event, listener as Listener<unknown[]>);
    return this;
  }

  off<K extends keyof Events & string>(event: K, listener: Listener<Events[K]>): this {
    this.#emitter.off(event, listener as Listener<unknown[]>);
    return this;
  }

  /** A plain emitter for others to listen on, and the function that emits on it, for its owner only. */
  static withEmitter<Events extends { [K in keyof Events]: unknown[] }>(): { emitter: TypedEmitter<Events>; emit: EmitFunction<Events> } {
    const emitter = new TypedEmitter<Events>();
    return { emitter, emit: (event, ...args) => emitter.safeEmit(event, ...args) };
  }

  listenerCount<K extends keyof Events & string>(event: K): number {
    return this.#emitter.listenerCount(event);
  }

  protected safeEmit<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
    if (event === 'error' && this.#emitter.listenerCount(event) === 0) return;
    try {
      this.#emitter.emit(event, ...args);
    } catch (error) {
      process.nextTick(() => {
        throw error;
      });
    }
  }
}
