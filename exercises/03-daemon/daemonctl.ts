/**
 * Exercise 03-daemon: daemonctl, which starts a program as a daemon and stops, checks and
 * restarts it later, the way an init script or `start-stop-daemon` does.
 *
 *   node --import tsx daemonctl.ts <command> --pid-file <file> [--log-file <file>]
 *                                  [--stop-timeout-ms <ms>] [-- <program> [args...]]
 *
 *   --pid-file         where the daemon's pid is kept (required)
 *   --log-file         where the daemon's stdout and stderr are appended (default /dev/null)
 *   --stop-timeout-ms  how long stop waits after SIGTERM before SIGKILL (default 5000)
 *   -- <program> ...   what start and restart run: the program's path and its own arguments
 *
 * Each command prints these lines on stdout, exactly, and exits with the code shown
 * (the codes follow the LSB conventions for init scripts):
 *
 * start     Runs the program as a daemon (in a session of its own, no controlling terminal,
 *           working directory /, stdin from /dev/null, stdout and stderr appended to the log
 *           file), writes its pid to the pid file and exits, leaving the daemon running.
 *             started pid <n>                            exit 0
 *             already running pid <n>                    exit 1; the running daemon and its pid file stay as they are
 *             failed to start: <error message>           exit 1 when the program cannot be executed; no pid file
 * stop      Sends SIGTERM and waits until the daemon has exited. If it is still running
 *           --stop-timeout-ms later, it prints the first line below and sends SIGKILL.
 *           Removes the pid file.
 *             pid <n> still running <ms> ms after SIGTERM; sending SIGKILL
 *             stopped pid <n>                            exit 0
 *             not running                                exit 0 (nothing to stop is not an error)
 *             pid <n> survived SIGKILL                   exit 1
 * status      running pid <n>                            exit 0
 *             not running                                exit 3
 * restart   stop, then start: prints the lines of both and exits with start's code (when stop
 *           fails, it exits with stop's code and starts nothing).
 *
 * A stale pid file, one that names a process that is gone (it crashed, the machine rebooted) or
 * that holds no pid, is reported, deleted, and then the command goes on as if there had been none:
 *             removed stale pid file (pid <n> is not running)
 *             removed stale pid file (no pid in it)
 *
 * Usage errors (no or an unknown command, no --pid-file, start or restart without a program, a
 * --stop-timeout-ms that is not a whole number >= 0) print a message and the usage on stderr
 * and exit 2.
 *
 * Build it from the pieces in pid-file.ts, process-alive.ts and daemon.ts; their tests check
 * them one by one, and test/daemonctl.test.ts runs this file as a real process.
 */

async function main(argv: readonly string[]): Promise<number> {
  // TODO: parse argv with parseArgs from node:util (allowPositionals: true; everything after
  // `--` arrives as positionals), run the command with daemon.ts and return its exit code.
  throw new Error(`TODO: implement daemonctl (the contract is at the top of daemonctl.ts) for: ${argv[0] ?? '(no command)'}`);
}

process.exitCode = await main(process.argv.slice(2));
