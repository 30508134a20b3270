/**
 * How much of a file named by a workspace or a command line is read, at most. The figures
 * are the product's, shared by the CLI and the editor, so that a file either side accepts the
 * other accepts too. A file past its limit is refused with a message, never read in part.
 */

/**
 * A config: the bench's 1,000-workload config is about 1 MB, and VS Code itself stops
 * offering language features on files past 20 MB.
 */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/**
 * A usage export, streamed a megabyte at a time with memory bounded by the largest record:
 * far above a year of any team's spend logs, and still a bound.
 */
export const MAX_USAGE_BYTES = 8 * 1024 ** 3;

/** "8 MB": a limit as the messages say it. */
export function megabytes(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toPrecision(3))} MB`;
}
