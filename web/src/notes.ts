import { useCallback } from 'preact/hooks';
import type { Note, NoteValue } from '../../src/contracts/index.js';
import { useI18n } from './i18n/context.js';
import { formatDate, formatNumber, isKey, translate, type Lang } from './i18n/i18n.js';
import { vocabularyLabel } from './vocabulary/actors.js';
import { typeName } from './vocabulary/types.js';

/** A place's two names, as the app knows them from the incidents it shows. */
export interface PlaceNames {
  id: string | null;
  name_ar: string;
  name_en: string;
}

/** A Sunday: weekdays are named by the reader's calendar from it. */
const SUNDAY = Date.UTC(2023, 0, 1);

function weekdayName(lang: Lang, day: number): string {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-SY' : 'en-GB', {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(new Date(SUNDAY + day * 86_400_000));
}

function valueText(lang: Lang, value: NoteValue, places: readonly PlaceNames[]): string {
  switch (value.kind) {
    case 'quote':
      return value.text;
    case 'number':
      return formatNumber(lang, value.value);
    case 'date':
      return formatDate(lang, value.date);
    case 'weekday':
      return weekdayName(lang, value.day);
    case 'type':
      return typeName(lang, value.type);
    case 'actor':
      return vocabularyLabel(lang, value.id);
    case 'precision':
      return translate(lang, `precision.${value.level}` as 'precision.1');
    case 'place': {
      // By id where the note gives one; else by its English name among the places shown;
      // else by the Arabic name the server found in the gazetteer.
      const known =
        places.find((p) => value.id !== null && p.id === value.id) ??
        places.find((p) => p.name_en === value.en);
      if (lang === 'en') return known?.name_en ?? value.en;
      // An Arabic reader is never shown an English place word: a place named nowhere in Arabic is said so.
      return known?.name_ar ?? value.ar ?? translate(lang, 'common.placeUnnamed');
    }
  }
}

/**
 * Whether a note is shown as wathiq made it (in English), its code unknown to
 * the translations: such a note is set in its own direction (`dir="auto"`).
 */
export function shownAsMade(note: Note): boolean {
  return !isKey(`note.${note.code}`);
}

/** A note in the reader's language; one whose code the translations lack is shown as made. */
export function noteText(lang: Lang, note: Note, places: readonly PlaceNames[] = []): string {
  const key = `note.${note.code}`;
  if (!isKey(key)) return note.text;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(note.values))
    values[name] = valueText(lang, value, places);
  return translate(lang, key, values);
}

export function useNoteText(): (note: Note, places?: readonly PlaceNames[]) => string {
  const { lang } = useI18n();
  return useCallback((note, places) => noteText(lang, note, places), [lang]);
}
