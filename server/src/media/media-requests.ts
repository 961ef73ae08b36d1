/**
 * The media plane's answer to every control-plane request
 * (server/src/sfu/channel-messages.ts, MediaRequestMap): find the object
 * `handlerId` names, act, answer. A request for an object the media plane
 * does not hold (never created, or already taken down by a cascade) fails,
 * as FakeMediaWorker's do; a request that would break an invariant (an id
 * used twice, connect() twice) fails with the reason.
 */
import type { JsonObject, MediaRequestHandlers } from '../sfu/channel-messages.ts';
import type { ConsumerStat, ProducerStat } from '../sfu/stats.ts';
import type { MediaConsumer } from './media-consumer.ts';
import type { MediaProducer } from './media-producer.ts';
import { type MediaRegistry, RouterMedia } from './router-media.ts';
import type { TransportEnvironment, WebRtcTransportMedia } from './webrtc-transport-media.ts';

/** What the handlers work on: the MediaWorker's tables and shared environment. */
export interface MediaPlaneState {
  readonly routers: Map<string, RouterMedia>;
  readonly registry: MediaRegistry;
  readonly environment: TransportEnvironment;
  /** The worker's own state for `worker.dump`. */
  dump(): JsonObject;
}

export function mediaRequestHandlers(state: MediaPlaneState): MediaRequestHandlers {
  const { routers, registry } = state;

  const router = (id: string): RouterMedia => held(routers, id, 'Router');
  const transport = (id: string): WebRtcTransportMedia => held(registry.transports, id, 'Transport');
  const producer = (id: string): MediaProducer => held(registry.producers, id, 'Producer');
  const consumer = (id: string): MediaConsumer => held(registry.consumers, id, 'Consumer');
  /** The router a transport, producer or consumer belongs to. */
  const routerOf = (transportId: string): RouterMedia => {
    for (const candidate of routers.values()) if (candidate.hasTransport(transportId)) return candidate;
    throw new Error(`Transport ${transportId} not found`);
  };

  return {
    'worker.dump': () => state.dump(),
    'worker.createRouter': (_handlerId, { routerId }) => {
      if (typeof routerId !== 'string' || routerId.length === 0) throw new TypeError('routerId must be a non-empty string');
      if (routers.has(routerId)) throw new TypeError(`Router ${routerId} already exists`);
      routers.set(routerId, new RouterMedia(routerId, state.environment, registry));
      return {};
    },

    'router.close': (routerId) => {
      router(routerId).close();
      routers.delete(routerId);
      return {};
    },
    'router.dump': (routerId) => router(routerId).dump(),
    'router.createWebRtcTransport': (routerId, { transportId, iceConsentTimeout }) => router(routerId).createWebRtcTransport(transportId, iceConsentTimeout).data(),

    'transport.close': (transportId) => {
      routerOf(transportId).closeTransport(transport(transportId));
      return {};
    },
    'transport.dump': (transportId) => transport(transportId).dump(),
    'transport.getStats': (transportId) => transport(transportId).getStats(),
    'transport.connect': (transportId, { dtlsParameters }) => ({ dtlsLocalRole: transport(transportId).connect(dtlsParameters) }),
    'transport.restartIce': (transportId) => ({ iceParameters: transport(transportId).restartIce() }),
    'transport.produce': (transportId, data) => {
      routerOf(transportId).produce(transport(transportId), data);
      return {};
    },
    'transport.consume': (transportId, data) => {
      const created = routerOf(transportId).consume(transport(transportId), data);
      return { paused: created.paused, producerPaused: created.producer.paused, score: created.score() };
    },

    'producer.close': (producerId) => {
      routerOfProducer(producer(producerId)).closeProducer(producer(producerId));
      return {};
    },
    'producer.dump': (producerId) => toJson(producer(producerId).dump()),
    'producer.getStats': (producerId) => producer(producerId).getStats(),
    'producer.pause': (producerId) => {
      const found = producer(producerId);
      routerOfProducer(found).pauseProducer(found, true);
      return {};
    },
    'producer.resume': (producerId) => {
      const found = producer(producerId);
      routerOfProducer(found).pauseProducer(found, false);
      return {};
    },

    'consumer.close': (consumerId) => {
      const found = consumer(consumerId);
      routerOfProducer(found.producer).closeConsumer(found);
      return {};
    },
    'consumer.dump': (consumerId) => toJson(consumer(consumerId).dump()),
    'consumer.getStats': (consumerId) => {
      const found = consumer(consumerId);
      const stats: (ConsumerStat | ProducerStat)[] = [found.getStats(), ...found.producer.getStats()];
      return stats;
    },
    'consumer.pause': (consumerId) => {
      consumer(consumerId).pause();
      return {};
    },
    'consumer.resume': (consumerId) => {
      consumer(consumerId).resume();
      return {};
    },
    'consumer.requestKeyFrame': (consumerId) => {
      consumer(consumerId).requestKeyframe();
      return {};
    },
  };

  function routerOfProducer(target: MediaProducer): RouterMedia {
    for (const candidate of routers.values()) if (candidate.hasProducer(target)) return candidate;
    throw new Error(`Producer ${target.id} not found`);
  }
}

/** The object `id` names; a request about one the media plane does not hold fails. */
function held<T>(table: ReadonlyMap<string, T>, id: string, what: string): T {
  const found = table.get(id);
  if (found === undefined) throw new Error(`${what} ${id} not found`);
  return found;
}

/** Dumps are for people: whatever JSON makes of them (undefined fields dropped). */
function toJson(value: Record<string, unknown>): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}
