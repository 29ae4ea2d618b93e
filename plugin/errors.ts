/** Errors that end a command with exit code 2 and one line on stderr (no stack unless -v). */

/** The command could not do its job: bad input, unreadable file, unreachable cluster. Exit code 2. */
export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** The message of any thrown value, without a stack. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Exit codes, as kubectl users expect them. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

/** A bad flag, argument or command: the message is followed by a pointer to --help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Everything wrong with the input of a run, one problem a line (`FILE:LINE: reason`). The message joins them so
 * that the CLI's one `error: ` prefix starts every line.
 */
export class InputError extends CliError {
  constructor(readonly problems: string[]) {
    super(problems.join('\nerror: '));
    this.name = 'InputError';
  }
}

/** One human line for a file-system error code. */
export function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory';
    case 'ELOOP': return 'too many levels of symbolic links (a loop?)';
    default: return error.message;
  }
}
