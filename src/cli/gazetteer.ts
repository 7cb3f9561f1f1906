import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { err as pc } from './colors.js';
import {
  PlacesFileError,
  arabicNameProblem,
  formatPlaces,
  loadBoundaries,
  outsideParentProblem,
  importPlaces,
  locateMentions,
  parsePlaces,
  withParentHierarchy,
} from '../gazetteer/index.js';
import type { Gazetteer, LocatedMention, Place, PlaceKind } from '../gazetteer/index.js';
import { normalizeForMatching, splitSentences, toOriginalSpan, tokenize } from '../text/index.js';
import type { NormalizedText, Token } from '../text/index.js';
import { fsProblem } from '../ingest/index.js';
import { loadKnowledge, userPlacesFile } from '../service/index.js';
import { printable } from './terminal.js';
import { currentLang, iso, say } from './i18n.js';
import { problem } from './problems.js';

function readUserPlaces(file: string): Place[] {
  return existsSync(file) ? parsePlaces(readFileSync(file, 'utf8'), file) : [];
}

/** Replaces the user's places file whole, so that a crash leaves the old one or the new one. */
function writeUserPlaces(file: string, places: readonly Place[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, formatPlaces(places));
  renameSync(temporary, file);
}

/** New places replace those of the same id and keep their position; the rest are appended. */
function upsert(
  existing: readonly Place[],
  added: readonly Place[],
): { places: Place[]; replaced: number } {
  const incoming = new Map(added.map((p) => [p.id, p]));
  let replaced = 0;
  const places = existing.map((p) => {
    const next = incoming.get(p.id);
    if (next === undefined) return p;
    incoming.delete(p.id);
    replaced++;
    return next;
  });
  return { places: [...places, ...incoming.values()], replaced };
}

function hierarchy(place: Place): string {
  return [place.admin1, place.admin2, place.admin3].filter((n) => n !== '').join(' › ');
}

export interface AddFlags {
  lat: number;
  lon: number;
  parent: string;
  variants?: string;
  kind?: PlaceKind;
  nameEn?: string;
  id?: string;
}

/** `wathiq gazetteer add`: one place into the user's places file. */
export function addPlace(dir: string, nameAr: string, flags: AddFlags): number {
  const file = userPlacesFile(dir);
  const { gazetteer } = loadKnowledge(dir);
  const parent = gazetteer.byId(flags.parent);
  if (parent === undefined) return refuse(say('gazetteer.noParent', { parent: iso(flags.parent) }));
  const variants = (flags.variants ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '' && v !== nameAr);
  for (const name of [nameAr, ...variants]) {
    const nameProblem = arabicNameProblem(name);
    if (nameProblem !== null)
      return refuse(say('gazetteer.notArabic', { problem: problem(nameProblem) }));
  }
  const outside = outsideParentProblem(loadBoundaries(), parent, {
    lat: flags.lat,
    lon: flags.lon,
  });
  if (outside !== null) return refuse(say('gazetteer.outside', { problem: problem(outside) }));
  const kind = flags.kind ?? (AREAS.has(parent.kind) ? 'community' : 'site');
  const id =
    flags.id ??
    `user:${createHash('sha256').update(`${nameAr}|${parent.id}`).digest('hex').slice(0, 10)}`;
  const place = withParentHierarchy(
    {
      id,
      kind,
      rank: 4,
      nameAr,
      nameEn: flags.nameEn ?? '',
      variants,
      admin1Pcode: '',
      admin1: '',
      admin2Pcode: '',
      admin2: '',
      admin3Pcode: '',
      admin3: '',
      lat: flags.lat,
      lon: flags.lon,
      parent: parent.id,
    },
    parent,
  );
  const { places, replaced } = upsert(readUserPlaces(file), [place]);
  writeUserPlaces(file, places);
  const others = namesakes(gazetteer, nameAr).filter((p) => p.id !== id);
  process.stdout.write(
    `${say(replaced > 0 ? 'gazetteer.updated' : 'gazetteer.added', {
      id: iso(id),
      name: iso(nameAr),
      kind: iso(kind),
      hierarchy: iso(hierarchy(place)),
      file: iso(file),
    })}\n`,
  );
  if (others.length > 0) {
    const list = others.map((p) => `${iso(p.id)} (${iso(hierarchy(p))})`).join(say('list'));
    process.stdout.write(`${say('gazetteer.namesake', { name: iso(nameAr), others: list })}\n`);
  }
  return 0;
}

function refuse(message: string): number {
  process.stderr.write(`${pc.red('wathiq:')} ${printable(message)}\n`);
  return 1;
}

/**
 * `wathiq gazetteer remove`: takes a place out of the user's places file, by id
 * or by name. Shipped places are refused, not hidden: a wrong shipped place is
 * corrected by adding one of the same id, which replaces it.
 */
export function removePlace(dir: string, which: string): number {
  const file = userPlacesFile(dir);
  const mine = readUserPlaces(file);
  const byId = mine.filter((p) => p.id === which);
  const matches =
    byId.length > 0 ? byId : mine.filter((p) => p.nameAr === which || p.variants.includes(which));
  const [place, ...more] = matches;
  if (place === undefined) {
    const shipped = loadKnowledge(dir).gazetteer.byId(which);
    return refuse(
      shipped === undefined
        ? say('gazetteer.noSuch', { which: iso(which), file: iso(file) })
        : say('gazetteer.shipped', { id: iso(which), name: iso(shipped.nameAr), file: iso(file) }),
    );
  }
  if (more.length > 0)
    return refuse(
      say('gazetteer.several', {
        which: iso(which),
        count: matches.length,
        list: matches.map((p) => `${iso(p.id)} (${iso(hierarchy(p))})`).join(say('list')),
      }),
    );
  const children = mine.filter((p) => p.parent === place.id);
  if (children.length > 0)
    return refuse(
      say('gazetteer.parentOf', {
        id: iso(place.id),
        name: iso(place.nameAr),
        children: children.map((p) => `${iso(p.id)} ${iso(p.nameAr)}`).join(say('list')),
      }),
    );
  writeUserPlaces(
    file,
    mine.filter((p) => p !== place),
  );
  process.stdout.write(
    `${say('gazetteer.removed', {
      id: iso(place.id),
      name: iso(place.nameAr),
      hierarchy: iso(hierarchy(place)),
      file: iso(file),
    })}\n`,
  );
  return 0;
}

const AREAS: ReadonlySet<PlaceKind> = new Set(['governorate', 'district', 'subdistrict']);

function namesakes(gazetteer: Gazetteer, name: string): Place[] {
  const tokens = tokenize(normalizeForMatching(name).text);
  const match = gazetteer.names.longestAt(tokens, 0);
  return match === null || match.end !== tokens.length
    ? []
    : [...new Set(match.values.map((v) => v.place))];
}

/** `wathiq gazetteer import`: GeoNames dumps and places tables into the user's places file. */
export function importFiles(dir: string, files: readonly string[]): number {
  const placesFile = userPlacesFile(dir);
  let failed = 0;
  for (const file of files) {
    try {
      const { gazetteer } = loadKnowledge(dir);
      const result = importPlaces(readFileSync(file, 'utf8'), file, gazetteer.places);
      const imported = result.places;
      const { places, replaced } = upsert(readUserPlaces(placesFile), imported);
      writeUserPlaces(placesFile, places);
      const left = [...result.skipped].map(([reason, n]) => `${String(n)} ${problem(reason)}`);
      const line = say('gazetteer.imported', {
        file: iso(file),
        count: imported.length,
        format: iso(result.format),
        fresh: imported.length - replaced,
        replaced,
        left: left.length > 0 ? say('gazetteer.leftOut', { list: left.join(say('list')) }) : '',
      });
      process.stdout.write(`${line}\n`);
    } catch (error) {
      failed++;
      const reason =
        error instanceof PlacesFileError
          ? problem(error.message)
          : `${iso(file)}: ${problem(fsProblem(error, 'file'))}`;
      process.stderr.write(`${pc.red('wathiq:')} ${printable(reason)}\n`);
    }
  }
  if (failed === 0)
    process.stdout.write(`${say('gazetteer.userPlaces', { file: iso(placesFile) })}\n`);
  return failed > 0 ? 1 : 0;
}

function describe(
  normalized: NormalizedText,
  tokens: readonly Token[],
  located: LocatedMention,
): string {
  const { mention, resolved } = located;
  const [s, e] = toOriginalSpan(
    normalized,
    tokens[mention.start]?.start ?? 0,
    tokens[mention.end - 1]?.end ?? 0,
  );
  const words = normalized.original.slice(s, e);
  if (resolved === null) {
    return mention.candidates.length === 0
      ? say('gazetteer.notIn', { words: iso(words) })
      : say('gazetteer.noReading', { words: iso(words), count: mention.candidates.length });
  }
  const p = resolved.place;
  const also =
    resolved.alternatives.length === 0
      ? ''
      : say('gazetteer.also', {
          list: resolved.alternatives
            .map((a) => `${iso(a.id)} (${iso(a.admin1)})`)
            .join(say('list')),
        });
  return say('gazetteer.reading', {
    words: iso(words),
    arrow: currentLang() === 'ar' ? '←' : '→',
    id: iso(p.id),
    ar: iso(p.nameAr),
    en: iso(p.nameEn),
    hierarchy: iso(hierarchy(p)),
    lat: p.lat.toFixed(4),
    lon: p.lon.toFixed(4),
    precision: resolved.precision,
    also,
  });
}

/** `wathiq gazetteer lookup`: how wathiq reads the places in a phrase or a sentence. */
export function lookup(dir: string, phrases: readonly string[]): number {
  const { gazetteer } = loadKnowledge(dir);
  for (const phrase of phrases) {
    const normalized = normalizeForMatching(phrase);
    const tokens = tokenize(normalized.text);
    const located = locateMentions(gazetteer, tokens, splitSentences(tokens));
    if (located.length === 0)
      process.stdout.write(`${say('gazetteer.noPlace', { phrase: iso(printable(phrase)) })}\n`);
    for (const l of located)
      process.stdout.write(`${printable(describe(normalized, tokens, l))}\n`);
  }
  return 0;
}
