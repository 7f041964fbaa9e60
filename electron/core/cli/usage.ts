/** What every command of the command line shares: usage errors (exit 2) with a Thai and an English message. */
export class UsageError extends Error {
  constructor(
    readonly th: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** One command: takes its own arguments (after the command name), writes to stdout/stderr, returns the exit code. */
export type Command = Readonly<{
  /** One usage line in English and in Thai. */
  usage: Readonly<{ en: string; th: string }>;
  run(argv: readonly string[]): Promise<number>;
}>;
