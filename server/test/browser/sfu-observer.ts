/**
 * The server side of a browser scenario's SFU: every producer and consumer
 * the app's Worker makes, found through the mediasoup-style observers
 * (worker 'newrouter' → router 'newtransport' → transport 'newproducer' /
 * 'newconsumer'). Attach it right after startApp, before any room exists.
 */
import type { Consumer, Producer, Worker } from '#server/sfu/index.ts';
import type { ConsumerStat } from '#server/sfu/index.ts';

export interface ConsumerTotals {
  consumers: number;
  packetsRetransmitted: number;
  nackCount: number;
  packetCount: number;
}

export class SfuObserver {
  readonly producers: Producer[] = [];
  readonly consumers: Consumer[] = [];

  constructor(worker: Worker) {
    worker.observer.on('newrouter', (router) => {
      router.observer.on('newtransport', (transport) => {
        transport.observer.on('newproducer', (producer) => this.producers.push(producer));
        transport.observer.on('newconsumer', (consumer) => this.consumers.push(consumer));
      });
    });
  }

  liveConsumers(): Consumer[] {
    return this.consumers.filter((consumer) => !consumer.closed);
  }

  /** The consumers of these producers (any subscriber), open or not. */
  consumersOf(producerIds: readonly string[]): Consumer[] {
    return this.consumers.filter((consumer) => producerIds.includes(consumer.producerId));
  }

  /** The outbound-rtp counters of these open consumers, added up: what the SFU sent and resent. */
  async sendTotals(consumers: readonly Consumer[]): Promise<ConsumerTotals> {
    const totals: ConsumerTotals = { consumers: 0, packetsRetransmitted: 0, nackCount: 0, packetCount: 0 };
    for (const consumer of consumers) {
      if (consumer.closed) continue;
      const stats = await consumer.getStats().catch(() => []);
      totals.consumers += 1;
      for (const stat of stats) {
        if (stat.type !== 'outbound-rtp') continue;
        const sent = stat as ConsumerStat;
        totals.packetsRetransmitted += sent.packetsRetransmitted;
        totals.nackCount += sent.nackCount;
        totals.packetCount += sent.packetCount;
      }
    }
    return totals;
  }
}
