/**
 * Misuse of an ICE agent, with a stable `code` to branch on. Bad arguments
 * (credentials that are not ice-chars, a negative timeout) are TypeError or
 * RangeError, as for Node's own APIs. What arrives from the network is never
 * an error: it is answered, or dropped and counted (see check-validation.ts).
 */
export type IceAgentErrorCode =
  /** restart() or setRemoteParameters() after the agent closed. */
  'CLOSED';

export class IceAgentError extends Error {
  readonly code: IceAgentErrorCode;

  constructor(code: IceAgentErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'IceAgentError';
  }
}
