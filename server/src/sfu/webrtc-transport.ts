/**
 * A transport to one browser PeerConnection: ICE-lite on the media plane's
 * shared UDP port, DTLS 1.2, SRTP (mediasoup's WebRtcTransport).
 *
 *   const transport = await router.createWebRtcTransport();
 *   // → signaling: transport.iceParameters, iceCandidates, dtlsParameters
 *   await transport.connect({ dtlsParameters: remoteDtlsParametersFromSdp });
 *
 * Events: 'routerclose', 'icestatechange', 'iceselectedtuplechange', 'dtlsstatechange'.
 * Observer: 'close', 'newproducer', 'newconsumer', and the three state changes.
 * An 'icestatechange' to 'closed' (the peer's consent expired, RFC 7675) closes
 * the transport, as close() would.
 */
import type { AppData } from './app-data.ts';
import type { MediaEventName, MediaNotificationMap, WebRtcTransportData } from './channel-messages.ts';
import type { ControlContext } from './control-context.ts';
import { InvalidStateError } from './errors.ts';
import type { WebRtcTransportStat } from './stats.ts';
import { Transport, type RouterLink, type TransportEvents, type TransportObserverEvents } from './transport.ts';
import {
  type DtlsParameters,
  type DtlsState,
  type IceCandidate,
  type IceParameters,
  type IceRole,
  type IceState,
  type TransportTuple,
  validateDtlsParameters,
} from './webrtc-transport-parameters.ts';

type StateChangeEvents = {
  icestatechange: [IceState];
  iceselectedtuplechange: [TransportTuple];
  dtlsstatechange: [DtlsState];
};

export type WebRtcTransportEvents = TransportEvents & StateChangeEvents;
export type WebRtcTransportObserverEvents = TransportObserverEvents & StateChangeEvents;

export interface WebRtcTransportOptions {
  /** RFC 7675 §5.1: seconds without a valid ICE check before 'disconnected'. Default 30. */
  iceConsentTimeout?: number;
  appData?: AppData;
}

export const DEFAULT_ICE_CONSENT_TIMEOUT = 30;

export interface WebRtcTransportInit {
  id: string;
  data: WebRtcTransportData;
  context: ControlContext;
  router: RouterLink;
  appData: AppData;
}

export class WebRtcTransport extends Transport<WebRtcTransportEvents, WebRtcTransportObserverEvents> {
  readonly #data: WebRtcTransportData;
  #connected = false;

  /** @internal Made by `Router.createWebRtcTransport`. */
  constructor(init: WebRtcTransportInit) {
    super(init);
    this.#data = structuredClone(init.data);
  }

  get iceRole(): IceRole {
    return this.#data.iceRole;
  }

  get iceParameters(): IceParameters {
    return this.#data.iceParameters;
  }

  get iceCandidates(): IceCandidate[] {
    return this.#data.iceCandidates;
  }

  get iceState(): IceState {
    return this.#data.iceState;
  }

  get iceSelectedTuple(): TransportTuple | undefined {
    return this.#data.iceSelectedTuple;
  }

  /** The SFU's DTLS parameters; `role` becomes 'client' or 'server' after `connect`. */
  get dtlsParameters(): DtlsParameters {
    return this.#data.dtlsParameters;
  }

  get dtlsState(): DtlsState {
    return this.#data.dtlsState;
  }

  /** Gives the remote DTLS role and fingerprints (from its SDP); once per transport. */
  async connect({ dtlsParameters }: { dtlsParameters: DtlsParameters }): Promise<void> {
    this.assertOpen('connect');
    const remote = validateDtlsParameters(dtlsParameters);
    if (this.#connected) throw new InvalidStateError(`Transport ${this.id}: connect() was already called`);
    this.#connected = true;
    try {
      const { dtlsLocalRole } = await this.context.channel.request('transport.connect', this.id, { dtlsParameters: remote });
      this.#data.dtlsParameters.role = dtlsLocalRole;
    } catch (error) {
      this.#connected = false;
      throw error;
    }
  }

  /** New ICE credentials (for an ICE restart offer); returns them. */
  async restartIce(): Promise<IceParameters> {
    this.assertOpen('restartIce');
    const { iceParameters } = await this.context.channel.request('transport.restartIce', this.id, {});
    this.#data.iceParameters = iceParameters;
    return iceParameters;
  }

  async getStats(): Promise<WebRtcTransportStat[]> {
    this.assertOpen('getStats');
    return this.context.channel.request('transport.getStats', this.id, {});
  }

  protected override onClosed(): void {
    this.#data.iceState = 'closed';
    delete this.#data.iceSelectedTuple;
    this.#data.dtlsState = 'closed';
  }

  protected override handleNotification(event: MediaEventName, data: unknown): void {
    switch (event) {
      case 'icestatechange': {
        const { iceState } = data as MediaNotificationMap['transport']['icestatechange'];
        this.#data.iceState = iceState;
        this.safeEmit('icestatechange', iceState);
        this.emitObserver('icestatechange', iceState);
        // The media plane closed the transport itself (RFC 7675: the peer's consent expired): mirror it.
        if (iceState === 'closed') this.close();
        break;
      }
      case 'iceselectedtuplechange': {
        const { iceSelectedTuple } = data as MediaNotificationMap['transport']['iceselectedtuplechange'];
        this.#data.iceSelectedTuple = iceSelectedTuple;
        this.safeEmit('iceselectedtuplechange', iceSelectedTuple);
        this.emitObserver('iceselectedtuplechange', iceSelectedTuple);
        break;
      }
      case 'dtlsstatechange': {
        const { dtlsState } = data as MediaNotificationMap['transport']['dtlsstatechange'];
        this.#data.dtlsState = dtlsState;
        this.safeEmit('dtlsstatechange', dtlsState);
        this.emitObserver('dtlsstatechange', dtlsState);
        break;
      }
      default:
        break;
    }
  }
}
