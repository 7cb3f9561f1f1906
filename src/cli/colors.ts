import { createColors } from 'picocolors';

/**
 * Colour only a terminal: picocolors alone also colours when `CI` is set, and
 * then escape codes end up in log files and in what scripts read from a pipe.
 * NO_COLOR turns colour off and FORCE_COLOR on, as everywhere else.
 */
function colorsFor(stream: { readonly isTTY?: boolean }) {
  const env = process.env;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const enabled = env.NO_COLOR === undefined && (forced || (stream.isTTY ?? false));
  return createColors(enabled);
}

/** Colours for what goes to standard output. */
export const out = colorsFor(process.stdout);
/** Colours for messages on standard error. */
export const err = colorsFor(process.stderr);
