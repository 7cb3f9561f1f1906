import { isKey, translate, type Lang } from '../i18n/i18n.js';

/** Event and sub-event types are ACLED's fixed set: their names are in the translation files. */
export function typeName(lang: Lang, type: string): string {
  const key = `type.${type}`;
  const sub = `sub.${type}`;
  if (isKey(key)) return translate(lang, key);
  if (isKey(sub)) return translate(lang, sub);
  return type;
}
