/**
 * What every control-plane object shares with its worker: the channel, and
 * the table that hands each media-plane event to the object its `handlerId`
 * names. Objects subscribe when created and unsubscribe when closed, so an
 * event for a closed object is dropped (and counted) rather than delivered.
 */
import type { Channel } from './channel.ts';
import type { MediaEventName, MediaMethod, MediaRequestData } from './channel-messages.ts';

export type NotificationListener = (event: MediaEventName, data: unknown) => void;

export class ControlContext {
  readonly channel: Channel;
  readonly #listeners = new Map<string, NotificationListener>();
  #droppedEvents = 0;

  constructor(channel: Channel) {
    this.channel = channel;
    channel.on('event', (handlerId, event, data) => {
      const listener = this.#listeners.get(handlerId);
      if (listener === undefined) this.#droppedEvents++;
      else listener(event, data);
    });
  }

  /** Events for objects that were closed or never existed. */
  get droppedEvents(): number {
    return this.#droppedEvents;
  }

  subscribe(handlerId: string, listener: NotificationListener): void {
    this.#listeners.set(handlerId, listener);
  }

  unsubscribe(handlerId: string): void {
    this.#listeners.delete(handlerId);
  }

  /**
   * A close request: the object is already closed on this side, so nobody
   * waits for the answer, and a failure (the worker is gone, or already
   * dropped the object in its own cascade) changes nothing.
   */
  notifyClosed<M extends MediaMethod>(method: M, handlerId: string, data: MediaRequestData<M>): void {
    if (this.channel.closed) return;
    this.channel.request(method, handlerId, data).catch(() => {});
  }
}
