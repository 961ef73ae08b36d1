/**
 * Misuse of the shared UDP port, with a stable `code` to branch on. Bad
 * options are TypeError; what arrives from the network is never an error
 * here: it is routed, or dropped and counted (UdpMuxStats).
 */
export type UdpMuxErrorCode =
  /** register() after the mux closed, or a registration's add* after the mux or the registration closed. */
  | 'CLOSED'
  /** Another transport already receives the checks that name this ufrag. */
  | 'UFRAG_IN_USE';

export class UdpMuxError extends Error {
  readonly code: UdpMuxErrorCode;

  constructor(code: UdpMuxErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'UdpMuxError';
  }
}
