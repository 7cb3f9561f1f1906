/**
 * An input wathiq cannot read as a report. The message names the input and the
 * problem in one line («report.html: no readable text in the HTML»).
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly input: string,
    readonly problem: string,
  ) {
    super(`${input}: ${problem}`);
  }
}
