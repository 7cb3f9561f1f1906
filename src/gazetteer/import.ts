import { createRequire } from 'node:module';
import { phraseKeys } from '../lexicon/index.js';
import {
  PLACE_KINDS,
  PLACES_COLUMNS,
  PlacesFileError,
  distanceKm,
  placeFromFields,
} from './places.js';
import type { Place, PlaceKind } from './places.js';

/** The CSV reader, loaded when a table is imported: extraction, which loads this stage, never needs it. */
function csvParse(): typeof import('csv-parse/sync').parse {
  const require = createRequire(import.meta.url);
  return (require('csv-parse/sync') as typeof import('csv-parse/sync')).parse;
}

/**
 * Places from files a user brings: GeoNames dumps (a country file such as
 * `IQ.txt`, or `cities500.txt`), tables in wathiq's own places format (tab- or
 * comma-separated), and tables in the format of the public Syria gazetteer wathiq
 * is built from (`syria_places.csv`: OCHA p-codes, GeoNames and OpenSyria names).
 */
export type ImportFormat = 'geonames' | 'places' | 'syria-places';

export interface ImportResult {
  readonly format: ImportFormat;
  readonly places: readonly Place[];
  /** Rows left out, by reason («no Arabic name», «already in the gazetteer»). */
  readonly skipped: ReadonlyMap<string, number>;
}

const ARABIC = /[\u0600-\u06ff]/;
const LATIN = /[a-z]/i;
const GEONAMES_FIELDS = 19;

/** The format of a file's text, from its first line; null when it is none wathiq reads. */
export function detectFormat(text: string): ImportFormat | null {
  const first = text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  const fields = first.split('\t');
  if (fields.length >= GEONAMES_FIELDS && /^\d+$/.test(fields[0] ?? '')) return 'geonames';
  const header = first.split(first.includes('\t') ? '\t' : ',').map((h) => h.trim());
  if (PLACES_COLUMNS.every((c) => header.includes(c))) return 'places';
  if (['id', 'name_ar', 'feature', 'admin1_pcode', 'lat', 'lon'].every((c) => header.includes(c)))
    return 'syria-places';
  return null;
}

/**
 * Reads the places in a file's text. `known` are the places already in the
 * gazetteer: Syrian GeoNames places take their admin hierarchy from the nearest
 * known community, and those already known under the same name are left out.
 */
export function importPlaces(text: string, file: string, known: readonly Place[]): ImportResult {
  const format = detectFormat(text);
  switch (format) {
    case 'geonames':
      return placesFromGeoNames(text, known);
    case 'places':
      return { format, places: placesFromTable(text, file), skipped: new Map() };
    case 'syria-places':
      return placesFromSyriaTable(text, file);
    case null:
      throw new PlacesFileError(
        `${file}: not a GeoNames dump nor a places table (expected the columns ${PLACES_COLUMNS.join(', ')})`,
      );
  }
}

function records(text: string, file: string): Record<string, string>[] {
  const delimiter = (text.split('\n', 1)[0] ?? '').includes('\t') ? '\t' : ',';
  try {
    return csvParse()<Record<string, string>>(text, {
      columns: true,
      delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      quote: delimiter === ',' ? '"' : false,
    });
  } catch (error) {
    throw new PlacesFileError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A table in wathiq's own places format, tab- or comma-separated. */
function placesFromTable(text: string, file: string): Place[] {
  return records(text, file).map((r, k) =>
    placeFromFields((column) => r[column] ?? '', `${file}:${String(k + 2)}`),
  );
}

function splitList(value: string, separator: string): string[] {
  return [
    ...new Set(
      value
        .split(separator)
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    ),
  ];
}

/**
 * «محافظة طرطوس», «ناحية راجو»: the admin word is a cue the matcher reads on its
 * own («بمحافظة طرطوس» is the governorate, «في طرطوس» the city), so it is not
 * kept as part of a name.
 */
const ADMIN_WORD = /^(?:محافظة|ناحية|منطقة|مدينة|قضاء)\s+/;

/** Arabic-script spellings among a list of names in several scripts. */
function arabicNames(names: readonly string[]): string[] {
  return names.filter((v) => ARABIC.test(v) && !LATIN.test(v) && !ADMIN_WORD.test(v));
}

/**
 * The public Syria gazetteer's table (`syria_places.csv`). Admin names are
 * OCHA's spelling for each p-code (the one most community rows use), which
 * ACLED-style exports expect; ranks come from OCHA's capital level.
 */
export function placesFromSyriaTable(
  text: string,
  file: string,
  addedArabic: ReadonlyMap<string, readonly string[]> = new Map(),
): ImportResult {
  const rows = records(text, file);
  const admin = [1, 2, 3].map((level) => ochaNames(rows, level));
  const skipped = new Map<string, number>();
  const places: Place[] = [];
  rows.forEach((row, k) => {
    const get = (c: string): string => row[c] ?? '';
    const kind = get('feature');
    const lat = Number(get('lat'));
    const lon = Number(get('lon'));
    if (!PLACE_KINDS.has(kind))
      throw new PlacesFileError(`${file}:${String(k + 2)}: unknown feature "${kind}"`);
    if (get('lat') === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      count(skipped, 'no coordinates');
      return;
    }
    const added = addedArabic.get(get('id')) ?? [];
    const nameAr = get('name_ar') !== '' ? get('name_ar') : (added[0] ?? '');
    const variants = [...arabicNames(splitList(get('alt_names'), '|')), ...added].filter(
      (v) => v !== nameAr,
    );
    const name = (level: number): string => {
      const pcode = get(`admin${String(level)}_pcode`);
      return pcode === '' ? '' : (admin[level - 1]?.get(pcode) ?? get(`admin${String(level)}_en`));
    };
    const capital = /admin_capital_level=(\d)/.exec(get('source'));
    places.push({
      id: get('id'),
      kind: kind as PlaceKind,
      rank: capital !== null ? Number(capital[1]) : kind === 'community' ? 4 : 5,
      nameAr,
      nameEn: get('name_en'),
      variants: [...new Set(variants)],
      admin1Pcode: get('admin1_pcode'),
      admin1: name(1),
      admin2Pcode: get('admin2_pcode'),
      admin2: name(2),
      admin3Pcode: get('admin3_pcode'),
      admin3: name(3),
      lat,
      lon,
    });
  });
  return { format: 'syria-places', places, skipped };
}

function ochaNames(rows: readonly Record<string, string>[], level: number): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.feature !== 'community') continue;
    const pcode = row[`admin${String(level)}_pcode`] ?? '';
    const name = row[`admin${String(level)}_en`] ?? '';
    if (pcode === '' || name === '') continue;
    const byName = counts.get(pcode) ?? new Map<string, number>();
    byName.set(name, (byName.get(name) ?? 0) + 1);
    counts.set(pcode, byName);
  }
  const names = new Map<string, string>();
  for (const [pcode, byName] of counts) {
    const best = [...byName].sort((a, b) => b[1] - a[1])[0];
    if (best !== undefined) names.set(pcode, best[0]);
  }
  return names;
}

function count(skipped: Map<string, number>, reason: string): void {
  skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
}

interface GeoNamesRow {
  readonly id: string;
  readonly name: string;
  readonly names: readonly string[];
  readonly lat: number;
  readonly lon: number;
  readonly featureClass: string;
  readonly featureCode: string;
  readonly country: string;
  readonly admin1: string;
  readonly admin2: string;
  readonly admin3: string;
}

function geoNamesRows(text: string): GeoNamesRow[] {
  const rows: GeoNamesRow[] = [];
  for (const line of text.split('\n')) {
    const f = line.replace(/\r$/, '').split('\t');
    if (f.length < GEONAMES_FIELDS || !/^\d+$/.test(f[0] ?? '')) continue;
    const at = (k: number): string => (f[k] ?? '').trim();
    rows.push({
      id: at(0),
      name: at(1),
      names: [at(1), ...at(3).split(',')].map((n) => n.trim()).filter((n) => n !== ''),
      lat: Number(at(4)),
      lon: Number(at(5)),
      featureClass: at(6),
      featureCode: at(7),
      country: at(8),
      admin1: at(10),
      admin2: at(11),
      admin3: at(12),
    });
  }
  return rows;
}

const ADMIN_KINDS: Readonly<Record<string, PlaceKind>> = {
  ADM1: 'governorate',
  ADM2: 'district',
  ADM3: 'subdistrict',
};

/** GeoNames' populated-place codes by how high a seat they are (capital 0 … other 4). */
const SEAT_RANKS: Readonly<Record<string, number>> = { PPLC: 0, PPLA: 1, PPLA2: 2, PPLA3: 3 };

function kindOfGeoName(row: GeoNamesRow): PlaceKind | null {
  if (row.featureClass === 'A') return ADMIN_KINDS[row.featureCode] ?? null;
  if (row.featureClass === 'P') return row.featureCode === 'PPLX' ? 'neighbourhood' : 'community';
  // Spots and facilities (airports, dams, prisons, camps) and oil fields.
  if (row.featureClass === 'S' || row.featureCode === 'OILF') return 'site';
  return null;
}

/** The id an admin area imported from GeoNames goes by, and its places point to. */
function adminId(row: GeoNamesRow, level: 1 | 2 | 3): string {
  const codes = [row.country, row.admin1, row.admin2, row.admin3].slice(0, level + 1);
  return `geonames:${codes.join('.')}`;
}

/**
 * A GeoNames dump: its places with an Arabic name (GeoNames keeps spellings in
 * every script in one list; the Arabic-script ones are what reports use).
 * Admin areas of the file give the hierarchy; in Syria, where wathiq has OCHA's,
 * each place takes that of the nearest known community instead.
 */
function placesFromGeoNames(text: string, known: readonly Place[]): ImportResult {
  const rows = geoNamesRows(text);
  const skipped = new Map<string, number>();
  const areaNames = new Map<string, string>();
  for (const row of rows) {
    const kind = kindOfGeoName(row);
    if (kind === 'governorate') areaNames.set(adminId(row, 1), row.name);
    if (kind === 'district') areaNames.set(adminId(row, 2), row.name);
    if (kind === 'subdistrict') areaNames.set(adminId(row, 3), row.name);
  }
  const communities = known.filter((p) => p.kind === 'community');
  const knownNames = nameIndex(known);
  const places: Place[] = [];
  for (const row of rows) {
    const kind = kindOfGeoName(row);
    if (kind === null) {
      count(skipped, 'not a place, area or site');
      continue;
    }
    const arabic = [...new Set(arabicNames(row.names))];
    const [nameAr, ...variants] = arabic;
    if (nameAr === undefined) {
      count(skipped, 'no Arabic name');
      continue;
    }
    if (!Number.isFinite(row.lat) || !Number.isFinite(row.lon)) {
      count(skipped, 'no coordinates');
      continue;
    }
    const syrian = row.country === 'SY' && communities.length > 0;
    if (syrian && ADMIN_KINDS[row.featureCode] !== undefined) {
      count(skipped, 'a Syrian admin area (wathiq has OCHA’s)');
      continue;
    }
    if (alreadyKnown(knownNames, arabic, row)) {
      count(skipped, 'already in the gazetteer');
      continue;
    }
    const base = {
      id:
        kind === 'community' || kind === 'neighbourhood' || kind === 'site'
          ? `geonames:${row.id}`
          : '',
      kind,
      rank: kind === 'community' ? (SEAT_RANKS[row.featureCode] ?? 4) : kind === 'site' ? 4 : 5,
      nameAr,
      nameEn: row.name,
      variants,
      lat: row.lat,
      lon: row.lon,
    };
    const hierarchy = syrian
      ? nearestHierarchy(communities, row)
      : geoNamesHierarchy(row, areaNames);
    const id =
      base.id !== ''
        ? base.id
        : adminId(row, kind === 'governorate' ? 1 : kind === 'district' ? 2 : 3);
    places.push({ ...base, ...hierarchy, id });
  }
  return { format: 'geonames', places, skipped };
}

type Hierarchy = Pick<
  Place,
  'admin1Pcode' | 'admin1' | 'admin2Pcode' | 'admin2' | 'admin3Pcode' | 'admin3'
>;

function geoNamesHierarchy(row: GeoNamesRow, areaNames: ReadonlyMap<string, string>): Hierarchy {
  const level = (n: 1 | 2 | 3): { pcode: string; name: string } => {
    const own = [row.admin1, row.admin2, row.admin3][n - 1] ?? '';
    if (own === '' || own === '00') return { pcode: '', name: '' };
    const pcode = adminId(row, n);
    return { pcode, name: areaNames.get(pcode) ?? pcode };
  };
  const [a1, a2, a3] = [level(1), level(2), level(3)];
  // A place whose file gives no admin1 still needs one: its country.
  return {
    admin1Pcode: a1.pcode !== '' ? a1.pcode : `geonames:${row.country}`,
    admin1: a1.pcode !== '' ? a1.name : row.country,
    admin2Pcode: a2.pcode,
    admin2: a2.name,
    admin3Pcode: a3.pcode,
    admin3: a3.name,
  };
}

function nearestHierarchy(
  communities: readonly Place[],
  at: { lat: number; lon: number },
): Hierarchy {
  let best = communities[0];
  let bestKm = Infinity;
  for (const c of communities) {
    const km = distanceKm(c, at);
    if (km < bestKm) {
      best = c;
      bestKm = km;
    }
  }
  return {
    admin1Pcode: best?.admin1Pcode ?? '',
    admin1: best?.admin1 ?? '',
    admin2Pcode: best?.admin2Pcode ?? '',
    admin2: best?.admin2 ?? '',
    admin3Pcode: best?.admin3Pcode ?? '',
    admin3: best?.admin3 ?? '',
  };
}

/** Known places by matching key of each Arabic spelling. */
function nameIndex(places: readonly Place[]): Map<string, Place[]> {
  const index = new Map<string, Place[]>();
  for (const place of places) {
    for (const spelling of [place.nameAr, ...place.variants]) {
      if (spelling === '') continue;
      const key = phraseKeys(spelling).join(' ');
      const list = index.get(key) ?? [];
      list.push(place);
      index.set(key, list);
    }
  }
  return index;
}

/** A place the gazetteer has under one of these spellings within a few kilometres. */
const SAME_PLACE_KM = 5;

function alreadyKnown(
  index: ReadonlyMap<string, readonly Place[]>,
  spellings: readonly string[],
  at: { lat: number; lon: number },
): boolean {
  return spellings.some((s) =>
    (index.get(phraseKeys(s).join(' ')) ?? []).some((p) => distanceKm(p, at) < SAME_PLACE_KM),
  );
}
