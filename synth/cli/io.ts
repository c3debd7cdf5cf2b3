/** Exit codes: the platform is fine (or, for diff, unchanged), the platform has errors (or diff found changes), the command could not run. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** The CLI's view of its process, so tests can run it in-process. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  /** Whether stderr is a terminal: colours by default, and progress of long steps. */
  readonly interactive: boolean;
  /** Environment variables (NO_COLOR, FORCE_COLOR, EPL_*). */
  readonly env: Readonly<Record<string, string | undefined>>;
}
