/**
 * Control characters (C0, DEL, C1): in a report's title or outlet, an escape
 * sequence would retitle, recolour or clear the reader's terminal. Tabs and
 * line breaks inside a field would break the line it is printed on.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Text from a report, a file name or an error, made safe to print on a terminal line. */
export function printable(text: string): string {
  return text.replace(CONTROL, (run) => (/^[\t\n\r]+$/.test(run) ? ' ' : ''));
}

/**
 * A value (an event, a document result, a search hit) with every string in it
 * made printable: what comes from reports is cleaned once, before any line is built.
 */
export function printableAll<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return printable(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
  return value;
}
