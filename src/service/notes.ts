/**
 * The notes wathiq makes in English — why a report was linked to an event,
 * what a reading warns of — read back into a code and the values they name,
 * so that the app says them in the reader's language. The stages below keep
 * making plain English (the CLI prints it, the store keeps it); this is the
 * one place that knows their shapes, and its tests make real notes to read.
 * A note of a shape not known here keeps code `other` and is shown as made.
 */
import type { CodedWarning, Note, NoteValue } from '../contracts/index.js';
import type { Gazetteer, Place } from '../gazetteer/index.js';

type Values = Record<string, NoteValue>;
type Reader = readonly [RegExp, string, (m: RegExpExecArray) => Values];

const quote = (text: string | undefined): NoteValue => ({ kind: 'quote', text: text ?? '' });
const date = (iso: string | undefined): NoteValue => ({ kind: 'date', date: iso ?? '' });
const type = (name: string | undefined): NoteValue => ({ kind: 'type', type: name ?? '' });
const place = (en: string | undefined, id: string | null = null): NoteValue => ({
  kind: 'place',
  id,
  en: en ?? '',
  ar: null,
});
const number = (text: string | undefined): NoteValue => ({ kind: 'number', value: Number(text) });

const DAY = String.raw`(\d{4}-\d{2}-\d{2})`;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Only a weekday's own name matches: a note naming another is of no known shape, kept as made. */
const WEEKDAY = `(${WEEKDAYS.join('|')})`;
const weekday = (name: string | undefined): NoteValue => ({
  kind: 'weekday',
  day: WEEKDAYS.indexOf(name ?? ''),
});

/** Why two reports' incidents were judged one act (src/link/same-act.ts), in the order tried. */
const LINK_READERS: readonly Reader[] = [
  // A person's join (src/store/linking.ts), named by the person.
  [/^joined by (.+)$/, 'link.joinedBy', (m) => ({ name: quote(m[1]) })],
  [/^same place (\S+) \((.*)\)$/, 'link.samePlace', (m) => ({ place: place(m[2], m[1]) })],
  [new RegExp(`^same day ${DAY}$`), 'link.sameDay', (m) => ({ date: date(m[1]) })],
  [
    new RegExp(`^a day apart across a night \\(${DAY}, ${DAY}\\)$`),
    'link.acrossNight',
    (m) => ({ first: date(m[1]), second: date(m[2]) }),
  ],
  [/^both by (\S+)$/, 'link.sameDoer', (m) => ({ actor: { kind: 'actor', id: m[1] ?? '' } })],
  [/^both (.+)$/, 'link.sameType', (m) => ({ type: type(m[1]) })],
  [/^(\d+(?:\.\d+)?) km apart$/, 'link.nearby', (m) => ({ km: number(m[1]) })],
  [/^(.+) lies in (.+)$/, 'link.within', (m) => ({ place: place(m[1]), area: place(m[2]) })],
  [/^(.+) and (.+)$/, 'link.kindredTypes', (m) => ({ first: type(m[1]), second: type(m[2]) })],
];

/**
 * The words of the warnings extraction gives a code (src/text/dates), by
 * code: the code says what the warning is; its words give only what the note
 * shows besides the day (the date as written, the weekday named, the other
 * day). Each reader's values name the day kept, `kept` or `date`.
 */
const CODED_READERS: Readonly<Record<CodedWarning['code'], readonly Reader[]>> = {
  dates_disagree: [
    [
      new RegExp(`^date «(.*)»: the text names both ${DAY} and ${DAY} for one day; kept ${DAY}$`),
      'reading.datesDisagree',
      (m) => ({ words: quote(m[1]), kept: date(m[4]), other: date(m[3]) }),
    ],
  ],
  weekday_contradicts: [
    [
      new RegExp(
        `^date «(.*)»: the text names ${WEEKDAY} for ${DAY}, which is a ${WEEKDAY} \\(report date ${DAY}\\); kept ${DAY}$`,
      ),
      'reading.weekdayContradictsReport',
      (m) => ({
        words: quote(m[1]),
        said: weekday(m[2]),
        date: date(m[3]),
        actual: weekday(m[4]),
        published: date(m[5]),
      }),
    ],
    [
      new RegExp(
        `^date «(.*)»: the text names ${WEEKDAY} for ${DAY}, which is a ${WEEKDAY}; kept ${DAY}$`,
      ),
      'reading.weekdayContradicts',
      (m) => ({ words: quote(m[1]), said: weekday(m[2]), date: date(m[3]), actual: weekday(m[4]) }),
    ],
  ],
};

/** The day a coded warning's note keeps, as its reader named it. */
function keptDay(note: Note): string | null {
  const kept = note.values['kept'] ?? note.values['date'];
  return kept?.kind === 'date' ? kept.date : null;
}

/** What reading a report warns of with no code (src/ingest, src/extract), in the order tried. */
const READING_READERS: readonly Reader[] = [
  [/^no publication date: relative dates /, 'reading.noPublished', () => ({})],
  [
    /^place «(.*)» read as «(.*)» \((\S+)\), one letter off the gazetteer's spelling$/,
    'reading.spelling',
    (m) => ({ written: quote(m[1]), read: quote(m[2]) }),
  ],
  [
    /^incident i(\d+): place «(.*)» is not in the gazetteer \(wathiq gazetteer add\); no place given$/,
    'reading.unlistedNoPlace',
    (m) => ({ incident: number(m[1]), place: quote(m[2]) }),
  ],
  [
    /^incident i(\d+): place «(.*)» is not in the gazetteer \(wathiq gazetteer add\); placed at «(.*)» \((.*)\), precision ([123])$/,
    'reading.unlistedPlaced',
    (m) => ({
      incident: number(m[1]),
      place: quote(m[2]),
      at: quote(m[3]),
      precision: { kind: 'precision', level: Number(m[5]) },
    }),
  ],
  [/^place «(.*)» is not in the gazetteer$/, 'reading.unlisted', (m) => ({ place: quote(m[1]) })],
  [
    /^(\d+) byte sequence\(s\) that are not UTF-8 replaced by U\+FFFD; the rest is UTF-8$/,
    'reading.strayBytes',
    (m) => ({ count: number(m[1]) }),
  ],
];

function readWith(readers: readonly Reader[], text: string): Note {
  for (const [pattern, code, values] of readers) {
    const m = pattern.exec(text);
    if (m !== null) return { code, values: values(m), text };
  }
  return { code: 'other', values: {}, text };
}

/**
 * Why a report joined its event, each reason with its code. Linking names
 * places in English only; with the gazetteer each place also gets its Arabic
 * name, so that an Arabic reader is never shown an English place word.
 */
export function linkNotes(reasons: readonly string[], gazetteer?: Gazetteer): Note[] {
  const notes = reasons.map((r) => readWith(LINK_READERS, r));
  return gazetteer === undefined ? notes : notes.map((n) => withArabicNames(n, gazetteer));
}

/** Admin areas first: «X lies in Y» names a governorate or district as Y. */
const AREA_KINDS: readonly string[] = ['governorate', 'district', 'subdistrict'];

const byEnglish = new WeakMap<Gazetteer, Map<string, Place[]>>();

function placesNamed(gazetteer: Gazetteer, en: string): readonly Place[] {
  let index = byEnglish.get(gazetteer);
  if (index === undefined) {
    index = new Map();
    for (const p of gazetteer.places) index.set(p.nameEn, [...(index.get(p.nameEn) ?? []), p]);
    byEnglish.set(gazetteer, index);
  }
  return index.get(en) ?? [];
}

/**
 * A place named by the candidates for its English name: the Arabic name they
 * all share (a governorate and its chief district often do), the id only when
 * there is one candidate.
 */
function named(value: NoteValue, candidates: readonly Place[]): NoteValue {
  const [first] = candidates;
  if (value.kind !== 'place' || first === undefined) return value;
  if (!candidates.every((p) => p.nameAr === first.nameAr)) return value;
  return {
    ...value,
    id: value.id ?? (candidates.length === 1 ? first.id : null),
    ar: first.nameAr,
  };
}

function withArabicNames(note: Note, gazetteer: Gazetteer): Note {
  const { place: at, area } = note.values;
  if (note.code === 'link.samePlace' && at?.kind === 'place' && at.id !== null) {
    const known = gazetteer.byId(at.id);
    return { ...note, values: { place: named(at, known === undefined ? [] : [known]) } };
  }
  if (note.code !== 'link.within' || at?.kind !== 'place' || area?.kind !== 'place') return note;
  // The area by its name among admin areas (or any place, if no area has it) …
  const all = placesNamed(gazetteer, area.en);
  const areas = all.filter((p) => AREA_KINDS.includes(p.kind));
  const wide = areas.length > 0 ? areas : all;
  // … and the place by its name among those inside one of them.
  const inside = placesNamed(gazetteer, at.en).filter((p) =>
    wide.some(
      (w) => p.admin1Pcode === w.id || (w.admin2Pcode !== '' && p.admin2Pcode === w.admin2Pcode),
    ),
  );
  return { ...note, values: { place: named(at, inside), area: named(area, wide) } };
}

/**
 * What reading a report warns of, each warning with its note's code. A
 * warning extraction coded (`coded`, from the same reading) is known by its
 * code and day, never by its words alone: words of that shape with no code
 * behind them are kept as made, code `other`. Extraction gives a coded
 * warning's words with it, in the same order, so each code takes the first
 * warning not yet taken whose words read as that code's, for that day.
 */
export function readingNotes(warnings: readonly string[], coded: readonly CodedWarning[]): Note[] {
  const open = [...coded];
  return warnings.map((text) => {
    for (const [k, warning] of open.entries()) {
      const note = readWith(CODED_READERS[warning.code], text);
      if (note.code === 'other' || keptDay(note) !== warning.date) continue;
      open.splice(k, 1);
      return note;
    }
    return readWith(READING_READERS, text);
  });
}
