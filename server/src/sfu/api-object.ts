/**
 * What Router, Transport, Producer and Consumer have in common: an id, a
 * closed flag, the application's `appData`, and an `observer` emitter that
 * only the object emits on (mediasoup's shape).
 */
import { TypedEmitter, type EmitFunction } from '../common/typed-emitter.ts';
import type { AppData } from './app-data.ts';
import { InvalidStateError } from './errors.ts';

type EventMap<E> = { [K in keyof E]: unknown[] };

export abstract class ApiObject<Events extends EventMap<Events>, ObserverEvents extends { close: [] } & EventMap<ObserverEvents>> extends TypedEmitter<Events> {
  readonly #id: string;
  readonly #observer: TypedEmitter<ObserverEvents>;
  /** Emits on `observer`; only the object itself calls it. */
  protected readonly emitObserver: EmitFunction<ObserverEvents>;
  #appData: AppData;
  #closed = false;

  constructor(id: string, appData: AppData) {
    super();
    this.#id = id;
    this.#appData = appData;
    ({ emitter: this.#observer, emit: this.emitObserver } = TypedEmitter.withEmitter<ObserverEvents>());
  }

  get id(): string {
    return this.#id;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get appData(): AppData {
    return this.#appData;
  }

  set appData(appData: AppData) {
    this.#appData = appData;
  }

  get observer(): TypedEmitter<ObserverEvents> {
    return this.#observer;
  }

  /**
   * The first step of every close: true the first time, false after, so that
   * each close path is idempotent. Then dependents close (and notify), then
   * the object notifies (`emitClosed`).
   */
  protected markClosed(): boolean {
    if (this.#closed) return false;
    this.#closed = true;
    return true;
  }

  /** The observer's 'close', the last event of every object. */
  protected emitClosed(): void {
    (this.emitObserver as unknown as EmitFunction<{ close: [] }>)('close');
  }

  protected assertOpen(method: string): void {
    if (this.#closed) throw new InvalidStateError(`${this.constructor.name} ${this.#id} is closed (${method})`);
  }
}
