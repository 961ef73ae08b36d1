/** What can end a reliable transfer early, with a stable `code` to branch on. */
export type TransferErrorCode =
  /** One segment was sent maxRetransmissions + 1 times without being acknowledged: the peer is gone. */
  | 'RETRANSMISSION_LIMIT'
  /** write() after end(). */
  | 'ENDED'
  /** write() or end() after close(). */
  | 'CLOSED';

export class TransferError extends Error {
  readonly code: TransferErrorCode;

  constructor(code: TransferErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'TransferError';
  }
}
