import { PLACE_KINDS as KINDS } from '../contracts/values.js';
import type { PlaceKind } from '../contracts/index.js';
/**
 * A place wathiq can put an incident at. `site` is a named spot inside or near a
 * community that users add (an oil field, a checkpoint, a roundabout, a farm).
 */
export type { PlaceKind };

export interface Place {
  /** OCHA p-code where there is one (`SY11`, `SY1101`, `C5710`), else a source-prefixed id. */
  readonly id: string;
  readonly kind: PlaceKind;
  /** 0 capital … 3 sub-district seat, 4 other community, 5 admin area or neighbourhood. */
  readonly rank: number;
  readonly nameAr: string;
  readonly nameEn: string;
  /** Other Arabic spellings. */
  readonly variants: readonly string[];
  readonly admin1Pcode: string;
  readonly admin1: string;
  readonly admin2Pcode: string;
  readonly admin2: string;
  readonly admin3Pcode: string;
  readonly admin3: string;
  readonly lat: number;
  readonly lon: number;
  /** The place it lies in, when a user file names it instead of the admin columns. */
  readonly parent?: string;
  /** From the user's own places file: wins over shipped places where the context allows. */
  readonly user?: boolean;
}

export const PLACES_COLUMNS = [
  'id',
  'kind',
  'rank',
  'name_ar',
  'name_en',
  'variants_ar',
  'admin1_pcode',
  'admin1',
  'admin2_pcode',
  'admin2',
  'admin3_pcode',
  'admin3',
  'lat',
  'lon',
] as const;

/** Columns a user file may add: the p-code of the place a new one lies in. */
export const OPTIONAL_COLUMNS = ['parent'] as const;

/** Every kind of place, as places files spell it. */
export const PLACE_KINDS: ReadonlySet<string> = new Set<string>(KINDS);

/** A places file line that cannot be read: names the file, the line and the problem. */
export class PlacesFileError extends Error {
  override readonly name = 'PlacesFileError';
}

export type PlacesColumn = (typeof PLACES_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/**
 * One place from the fields of a places-file row (`get` returns '' for a column
 * the file lacks). `at` names the row in errors («places.tsv:12»).
 */
export function placeFromFields(get: (column: PlacesColumn) => string, at: string): Place {
  const fail = (problem: string): never => {
    throw new PlacesFileError(`${at}: ${problem}`);
  };
  const id = get('id');
  if (id === '') fail('empty id');
  const nameAr = get('name_ar');
  const variants = [
    ...new Set(
      get('variants_ar')
        .split('|')
        .map((v) => v.trim())
        .filter((v) => v !== '' && v !== nameAr),
    ),
  ];
  if (nameAr === '' && variants.length === 0 && get('name_en') === '')
    fail(`place ${id} has no name`);
  const kind = get('kind');
  if (!PLACE_KINDS.has(kind)) fail(`unknown kind "${kind}"`);
  const lat = Number(get('lat'));
  const lon = Number(get('lon'));
  if (get('lat') === '' || !Number.isFinite(lat) || lat < -90 || lat > 90)
    fail(`bad latitude "${get('lat')}"`);
  if (get('lon') === '' || !Number.isFinite(lon) || lon < -180 || lon > 180)
    fail(`bad longitude "${get('lon')}"`);
  const rank = Number(get('rank') || '4');
  const parent = get('parent');
  if (get('admin1_pcode') === '' && parent === '')
    fail(`place ${id} has neither admin columns nor a parent`);
  return {
    id,
    kind: shared(kind) as PlaceKind,
    rank: Number.isFinite(rank) ? rank : 4,
    nameAr,
    nameEn: get('name_en'),
    variants,
    admin1Pcode: shared(get('admin1_pcode')),
    admin1: get('admin1'),
    admin2Pcode: shared(get('admin2_pcode')),
    admin2: get('admin2'),
    admin3Pcode: shared(get('admin3_pcode')),
    admin3: get('admin3'),
    lat,
    lon,
    ...(parent === '' ? {} : { parent }),
  };
}

/**
 * One string for each kind and admin code, the engine's own copy of its text (a property
 * name's, kept once in its table of strings). Resolution compares and hashes kinds and codes
 * at every candidate of every name («SY02» in sets of a report's areas, `kind === 'community'`),
 * and each place read from a file held a string of its own, compared letter by letter with
 * the same text held elsewhere; two such copies are one string, compared by address.
 */
const sharedStrings = new Map<string, string>();

export function shared(text: string): string {
  let one = sharedStrings.get(text);
  if (one === undefined) {
    one = Object.keys({ [text]: 0 })[0] ?? text;
    sharedStrings.set(text, one);
  }
  return one;
}

/**
 * A place's kind and admin codes made the shared strings (`shared`), in place: for places
 * read back from a knowledge cache (\`v8.deserialize\` gives every string a copy of its own),
 * which the cached name index holds, so they are changed, not copied.
 */
export function shareStrings(place: Place): void {
  const p = place as { -readonly [K in keyof Place]: Place[K] };
  p.kind = shared(p.kind) as PlaceKind;
  p.admin1Pcode = shared(p.admin1Pcode);
  p.admin2Pcode = shared(p.admin2Pcode);
  p.admin3Pcode = shared(p.admin3Pcode);
}

/**
 * Parses a places file (tab-separated, the header above, `parent` optional).
 * Fails on the first bad line with «file:line: problem».
 */
export function parsePlaces(text: string, file: string): Place[] {
  const lines = text.split('\n');
  const header = (lines[0] ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split('\t');
  const missing = PLACES_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new PlacesFileError(`${file}:1: missing column(s) ${missing.join(', ')}`);
  }
  const places: Place[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = (lines[n] ?? '').replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const f = line.split('\t');
    const get = (column: PlacesColumn): string => {
      const k = header.indexOf(column);
      return k < 0 ? '' : (f[k] ?? '').trim();
    };
    places.push(placeFromFields(get, `${file}:${String(n + 1)}`));
  }
  return places;
}

const TSV_UNSAFE = /[\t\r\n]/g;

/** Writes places in the file format `parsePlaces` reads (`parent` only when a place has one). */
export function formatPlaces(places: readonly Place[]): string {
  const withParent = places.some((p) => p.parent !== undefined);
  const header = [...PLACES_COLUMNS, ...(withParent ? OPTIONAL_COLUMNS : [])].join('\t');
  const rows = places.map((p) =>
    [
      p.id,
      p.kind,
      String(p.rank),
      p.nameAr,
      p.nameEn,
      p.variants.join('|'),
      p.admin1Pcode,
      p.admin1,
      p.admin2Pcode,
      p.admin2,
      p.admin3Pcode,
      p.admin3,
      p.lat.toFixed(6),
      p.lon.toFixed(6),
      ...(withParent ? [p.parent ?? ''] : []),
    ]
      .map((field) => field.replace(TSV_UNSAFE, ' '))
      .join('\t'),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

/** Kilometres in a degree of latitude on the sphere `distanceKm` measures on (radius 6,371 km). */
export const KM_PER_DEGREE = (6371 * Math.PI) / 180;

const RADIANS_PER_DEGREE = Math.PI / 180;

/** Great-circle distance in kilometres. */
export function distanceKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  return kmBetween(a.lat, a.lon, cosineOfLatitude(a.lat), b.lat, b.lon, cosineOfLatitude(b.lat));
}

/** The cosine of a latitude in degrees, as `kmBetween` takes it. */
export function cosineOfLatitude(lat: number): number {
  return Math.cos(lat * RADIANS_PER_DEGREE);
}

/**
 * `distanceKm` from two points' numbers, each latitude's cosine given (`cosineOfLatitude`):
 * worked out once for a point measured again and again, the same figure to the last bit.
 */
export function kmBetween(
  latA: number,
  lonA: number,
  cosA: number,
  latB: number,
  lonB: number,
  cosB: number,
): number {
  const dLat = (latB - latA) * RADIANS_PER_DEGREE;
  const dLon = (lonB - lonA) * RADIANS_PER_DEGREE;
  const h = Math.sin(dLat / 2) ** 2 + cosA * cosB * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
