/**
 * Keep-alive and dead-peer detection for one connection.
 *
 * RFC 6455 §5.5.2 lets either side ping "as a means to verify that the remote
 * endpoint is still responsive", and a pong (§5.5.3) or any other frame proves
 * it. A peer that vanished without a FIN (laptop lid closed, NAT mapping
 * expired) leaves TCP silent for minutes; pings make traffic that must be
 * answered, and the dead-peer timer ends the connection when nothing comes back.
 *
 * Both timers are unref'd: keep-alive alone never keeps the process running.
 */

export interface KeepAliveOptions {
  /** Send a ping this often; 0 sends none. */
  pingIntervalMs: number;
  /** Give up after this long without receiving anything; 0 never gives up. */
  deadPeerTimeoutMs: number;
  sendPing: () => void;
  onDeadPeer: () => void;
}

export class KeepAlive {
  readonly #options: KeepAliveOptions;
  #pingTimer: NodeJS.Timeout | undefined;
  #deadPeerTimer: NodeJS.Timeout | undefined;

  constructor(options: KeepAliveOptions) {
    this.#options = { ...options };
  }

  start(): void {
    this.stop();
    const { pingIntervalMs, deadPeerTimeoutMs } = this.#options;
    if (pingIntervalMs > 0) this.#pingTimer = setInterval(this.#options.sendPing, pingIntervalMs).unref();
    if (deadPeerTimeoutMs > 0) {
      this.#deadPeerTimer = setTimeout(() => {
        this.stop();
        this.#options.onDeadPeer();
      }, deadPeerTimeoutMs).unref();
    }
  }

  /** Something arrived from the peer: it is alive. Cheap enough to call on every chunk. */
  activity(): void {
    this.#deadPeerTimer?.refresh();
  }

  stop(): void {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#deadPeerTimer);
    this.#pingTimer = undefined;
    this.#deadPeerTimer = undefined;
  }
}
