/**
 * Why an emulated network could not be set up, with a stable `code` to
 * branch on (a lab prints a fallback message for NOT_ROOT and
 * NETEM_UNAVAILABLE, a test skips).
 */
export type NetemErrorCode =
  /** Network namespaces and qdiscs need CAP_NET_ADMIN: run as root. */
  | 'NOT_ROOT'
  /** `ip` or `tc` (iproute2) is not installed. */
  | 'TOOL_MISSING'
  /** The kernel has no netem qdisc (sch_netem not built or not loadable). */
  | 'NETEM_UNAVAILABLE'
  /** An `ip` or `tc` command failed; the message has its stderr. */
  | 'COMMAND_FAILED'
  /** start() or a setter was used after close(). */
  | 'CLOSED';

export class NetemError extends Error {
  readonly code: NetemErrorCode;

  constructor(code: NetemErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'NetemError';
  }
}
