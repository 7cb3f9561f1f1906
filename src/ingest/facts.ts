import { basename } from 'node:path';
import type { Document, FactSource, FactSources, ReportFact } from '../contracts/index.js';
import { findDates, normalizeForMatching, publicationDay, tokenize } from '../text/index.js';
import { InputError } from './errors.js';
import { yaml } from './lazy.js';

/** A fact about a report and the source that gave it. */
export interface KnownFact {
  readonly value: string;
  readonly source: FactSource;
}

/** What one source says about a report: some of its publication date, outlet, URL and title. */
export type KnownFacts = Partial<Record<ReportFact, KnownFact>>;

/** The names a documenter may give each fact in front matter, a sidecar or a manifest. */
const FACT_KEYS: Readonly<Record<string, ReportFact>> = {
  published: 'published',
  date: 'published',
  outlet: 'outlet',
  source: 'outlet',
  publisher: 'outlet',
  url: 'url',
  link: 'url',
  title: 'title',
};

/**
 * A publication date as a documenter writes it: `YYYY-MM-DD`, or an ISO
 * date-time. Throws when it is no date («2019-02-30», «yesterday»).
 */
export function checkPublished(input: string, value: string): string {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed))
    throw new InputError(input, `published «${value}» is not a date (write YYYY-MM-DD)`);
  if (publicationDay(trimmed) === null)
    throw new InputError(input, `published ${trimmed.slice(0, 10)} is not a day of the calendar`);
  return trimmed;
}

/**
 * The facts of a record of names and values (front matter, a sidecar, a
 * manifest row), under the names `FACT_KEYS` knows; other names are passed over.
 */
export function factsOf(input: string, record: unknown, source: FactSource): KnownFacts {
  if (record === null || typeof record !== 'object' || Array.isArray(record))
    throw new InputError(input, 'expected names and values (published, outlet, url, title)');
  const facts: KnownFacts = {};
  for (const [key, raw] of Object.entries(record)) {
    const fact = FACT_KEYS[key.trim().toLowerCase()];
    if (fact === undefined || facts[fact] !== undefined) continue;
    if (raw === null || raw === undefined || String(raw).trim() === '') continue;
    // YAML reads an unquoted date as a string already; a Date would come from another schema.
    const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim();
    facts[fact] = { value: fact === 'published' ? checkPublished(input, text) : text, source };
  }
  return facts;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * A YAML block at the top of a plain-text report (`---` … `---`) and the text
 * after it. A text without one is returned as it is.
 */
export function splitFrontMatter(input: string, text: string): { facts: KnownFacts; body: string } {
  const match = FRONT_MATTER.exec(text);
  if (match === null) return { facts: {}, body: text };
  let record: unknown;
  try {
    record = yaml().parse(match[1] ?? '');
  } catch (error) {
    const first = (error as Error).message.split('\n')[0] ?? '';
    throw new InputError(input, `front matter is not YAML (${first})`);
  }
  return {
    facts: factsOf(`${input} front matter`, record ?? {}, 'front-matter'),
    body: text.slice(match[0].length),
  };
}

const FILE_NAME_DATE = /(?<!\d)((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)/;

/** A day named in a file's name («2019-03-12-idlib.txt», «sana_20190312.html»). */
export function fileNameFacts(path: string): KnownFacts {
  const match = FILE_NAME_DATE.exec(basename(path));
  if (match === null) return {};
  const day = publicationDay(`${match[1] ?? ''}-${match[2] ?? ''}-${match[3] ?? ''}`);
  return day === null ? {} : { published: { value: day, source: 'file-name' } };
}

/** A line that says when the report was published: «نشر بتاريخ: …», «تاريخ النشر …». */
const PUBLISHED_LINE = /^[ \t]*(?:نشر[ \t]+(?:بتاريخ|في)|تاريخ[ \t]+النشر)(.*)$/m;
/** A dateline: a place and a dash before the day, on the first line («دمشق - 12 آذار 2019»). */
const DATELINE = /^([^\n\d\-–—]{2,40})[-–—](.*)$/;
/** A signature: a last line opening with a dash or a bracket («- وكالة سانا», «(وكالة الأناضول)»). */
const SIGNATURE = /^[-–—(](.{2,60})$/;
/** The words a signature's outlet begins with. */
const OUTLET_WORD = /^(?:وكالة|موقع|صحيفة|جريدة|قناة|شبكة|مرصد|المرصد)\s/;
/** Short vowels and other marks, which the words above are matched without. */
const MARKS = /[\u064B-\u0652\u0670\u0640]/g;

/** The day a piece of text opens with («12 آذار 2019», «الثلاثاء 12/3/2019»), or null. */
function leadingDay(text: string): string | null {
  const head = text.replace(/^[\s:：]+/, '').slice(0, 80);
  const tokens = tokenize(normalizeForMatching(head).text);
  const [first] = findDates(tokens, null);
  if (first?.kind !== 'calendar' || first.precision !== 'day' || first.start > 1) return null;
  return first.from;
}

/**
 * What the text itself says of its publication: a «نشر بتاريخ» line or a
 * dateline on the first line give the date; a signature line the outlet.
 */
export function textFacts(text: string): KnownFacts {
  const facts: { published?: KnownFact; outlet?: KnownFact } = {};
  const lines = text
    .split('\n')
    .map((l) => l.replace(MARKS, '').trim())
    .filter((l) => l !== '');
  const said = lines.map((l) => PUBLISHED_LINE.exec(l)).find((m) => m !== null);
  const fromLine = said === undefined ? null : leadingDay(said[1] ?? '');
  const dateline = DATELINE.exec(lines[0] ?? '');
  const day = fromLine ?? (dateline === null ? null : leadingDay(dateline[2] ?? ''));
  if (day !== null) facts.published = { value: day, source: 'text' };
  const signature = lines.length > 1 ? SIGNATURE.exec(lines.at(-1) ?? '') : null;
  const outlet = signature?.[1]?.replace(/[).]+$/, '').trim();
  if (outlet !== undefined && OUTLET_WORD.test(outlet))
    facts.outlet = { value: outlet, source: 'text' };
  return facts;
}

/** The facts of several sources, each fact from the first source that has it. */
export function mergeFacts(...layers: readonly KnownFacts[]): KnownFacts {
  const merged: KnownFacts = {};
  for (const layer of layers) {
    for (const [fact, known] of Object.entries(layer) as [ReportFact, KnownFact][])
      merged[fact] ??= known;
  }
  return merged;
}

/** The facts a caller gives for every report of a batch (`--published`, `--outlet`, `--url`). */
export function optionFacts(options: {
  readonly published?: string | null;
  readonly outlet?: string | null;
  readonly url?: string | null;
}): KnownFacts {
  const facts: KnownFacts = {};
  if (options.published) facts.published = { value: options.published, source: 'option' };
  if (options.outlet) facts.outlet = { value: options.outlet, source: 'option' };
  if (options.url) facts.url = { value: options.url, source: 'option' };
  return facts;
}

/** A Document of a text and its facts, saying which source gave each. */
export function withFacts(text: string, facts: KnownFacts): Document {
  const sources: FactSources = {};
  for (const [fact, known] of Object.entries(facts) as [ReportFact, KnownFact][])
    sources[fact] = known.source;
  return {
    text,
    title: facts.title?.value ?? null,
    outlet: facts.outlet?.value ?? null,
    url: facts.url?.value ?? null,
    published: facts.published?.value ?? null,
    sources,
  };
}

/** The facts a page, feed item or NDJSON line carried itself. */
export function carried(
  source: FactSource,
  values: Partial<Record<ReportFact, string | null | undefined>>,
): KnownFacts {
  const facts: KnownFacts = {};
  for (const [fact, value] of Object.entries(values) as [ReportFact, string | null | undefined][])
    if (value !== null && value !== undefined && value.trim() !== '')
      facts[fact] = { value, source };
  return facts;
}
