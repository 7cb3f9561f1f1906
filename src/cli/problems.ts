import { currentLang, iso, KEYS, translator } from './i18n.js';
import type { Key, Lang } from './i18n.js';

/**
 * What a lower stage says about one input — why a file cannot be read, why a
 * point lies outside its parent's governorate, why an account cannot be
 * changed — in the language of the run. Those stages speak English to every
 * caller (the API, the logs, the failures table), so the command line knows
 * their messages by shape: each `problem.*` message of the English table is
 * one, its `{name}`s standing for any text. A value that is itself such a
 * message (the «last» reason of a failed job, a hint) is put in its own words
 * too; any other value is isolated, and a message of no known shape is shown
 * as it is, isolated.
 */
interface Shape {
  readonly key: Key;
  readonly pattern: RegExp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SHAPES: readonly Shape[] = KEYS.filter((key) => key.startsWith('problem.')).map((key) => {
  const template = translator('en')(key);
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name === undefined ? escape(part) : `(?<${name}>.*?)`;
    })
    .join('');
  return { key, pattern: new RegExp(`^${source}$`, 's') };
});

/** The message in `lang`, or null when it has no known shape. */
function known(lang: Lang, text: string): string | null {
  for (const { key, pattern } of SHAPES) {
    const m = pattern.exec(text);
    if (m === null) continue;
    const params = Object.fromEntries(
      Object.entries(m.groups ?? {}).map(([name, value]) => [
        name,
        value === '' ? '' : (known(lang, value) ?? iso(value)),
      ]),
    );
    return translator(lang)(key, params);
  }
  return null;
}

/** A lower stage's message about an input, in this run's language. */
export function problem(text: string): string {
  return known(currentLang(), text) ?? iso(text);
}
