import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/i18n.js';
import { typeName } from './types.js';
import { useI18n } from '../i18n/context.js';
import { loadBoundaries } from '../map/basemap.js';
import arTable from '../i18n/ar.json';

export function useTypeLabel(): (type: string) => string {
  const { lang } = useI18n();
  // One function per language: a chart drawn with it is not drawn again on every render.
  return useCallback((type: string) => typeName(lang, type), [lang]);
}

/** ACLED's sub-event types: the translation files name each one. */
export const subEventTypes: readonly string[] = Object.keys(arTable)
  .filter((key) => key.startsWith('sub.'))
  .map((key) => key.slice('sub.'.length));

export interface Governorate {
  pcode: string;
  name: string;
}

/** Governorates by p-code with their names in the reader's language, from the shipped boundaries. */
export function useGovernorates(): Governorate[] {
  const { lang } = useI18n();
  const [list, setList] = useState<Governorate[]>([]);
  useEffect(() => {
    let live = true;
    void loadBoundaries().then((b) => {
      if (!live) return;
      const names = b.governorates.features.map((f) => ({
        pcode: f.properties.pcode,
        name: nameIn(lang, f.properties),
      }));
      names.sort((a, c) => a.name.localeCompare(c.name, lang));
      setList(names);
    });
    return () => {
      live = false;
    };
  }, [lang]);
  return list;
}

function nameIn(lang: Lang, names: { ar: string; en: string }): string {
  return lang === 'ar' ? names.ar : names.en;
}
