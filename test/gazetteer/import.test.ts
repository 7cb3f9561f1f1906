import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PlacesFileError,
  detectFormat,
  formatPlaces,
  importPlaces,
  loadGazetteer,
  locateMentions,
} from '../../src/gazetteer/index.js';
import { normalizeForMatching, splitSentences, tokenize } from '../../src/text/index.js';

const known = loadGazetteer().places;

/** A GeoNames dump line: 19 tab-separated fields. */
function geoname(f: {
  id: string;
  name: string;
  alternates: string;
  lat: number;
  lon: number;
  cls: string;
  code: string;
  country: string;
  admin1: string;
  admin2?: string;
}): string {
  return [
    f.id,
    f.name,
    f.name,
    f.alternates,
    String(f.lat),
    String(f.lon),
    f.cls,
    f.code,
    f.country,
    '',
    f.admin1,
    f.admin2 ?? '',
    '',
    '',
    '0',
    '',
    '300',
    'Asia/Baghdad',
    '2024-01-01',
  ].join('\t');
}

const IRAQ = [
  geoname({
    id: '99000001',
    name: 'Nineveh',
    alternates: 'Ninawa,نينوى,محافظة نينوى',
    lat: 36.2,
    lon: 42.5,
    cls: 'A',
    code: 'ADM1',
    country: 'IQ',
    admin1: '15',
  }),
  geoname({
    id: '99000002',
    name: 'Mosul',
    alternates: 'Al Mawsil,الموصل',
    lat: 36.34,
    lon: 43.13,
    cls: 'P',
    code: 'PPLA',
    country: 'IQ',
    admin1: '15',
  }),
  geoname({
    id: '99000003',
    name: 'Sinjar',
    alternates: 'Shingal,سنجار,شنكال',
    lat: 36.32,
    lon: 41.87,
    cls: 'P',
    code: 'PPLA2',
    country: 'IQ',
    admin1: '15',
  }),
  geoname({
    id: '99000004',
    name: 'Tall Abtah',
    alternates: 'Tal Abta',
    lat: 35.9,
    lon: 42.6,
    cls: 'P',
    code: 'PPL',
    country: 'IQ',
    admin1: '15',
  }),
  geoname({
    id: '99000005',
    name: 'Some Ridge',
    alternates: 'جبل ما',
    lat: 36.0,
    lon: 42.0,
    cls: 'T',
    code: 'RDGE',
    country: 'IQ',
    admin1: '15',
  }),
].join('\n');

describe('importing GeoNames dumps', () => {
  it('recognises a dump from its first line', () => {
    expect(detectFormat(IRAQ)).toBe('geonames');
  });

  it('takes the places with an Arabic name, their variants and the admin areas of the file', () => {
    const result = importPlaces(IRAQ, 'IQ.txt', known);
    const mosul = result.places.find((p) => p.id === 'geonames:99000002');
    expect(mosul).toMatchObject({
      kind: 'community',
      rank: 1,
      nameAr: 'الموصل',
      nameEn: 'Mosul',
      admin1Pcode: 'geonames:IQ.15',
      admin1: 'Nineveh',
    });
    expect(result.places.find((p) => p.id === 'geonames:99000003')?.variants).toEqual(['شنكال']);
    expect(result.places.find((p) => p.id === 'geonames:IQ.15')).toMatchObject({
      kind: 'governorate',
      nameAr: 'نينوى',
    });
    expect(result.skipped.get('no Arabic name')).toBe(1);
    expect(result.skipped.get('not a place, area or site')).toBe(1);
  });

  it('makes imported places resolvable, with their countryside', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wathiq-import-')), 'places.tsv');
    writeFileSync(file, formatPlaces(importPlaces(IRAQ, 'IQ.txt', known).places));
    const gazetteer = loadGazetteer({ userPlacesFiles: [file] });
    const place = (phrase: string): [string | undefined, number | undefined] => {
      const tokens = tokenize(normalizeForMatching(phrase).text);
      const hit = locateMentions(gazetteer, tokens, splitSentences(tokens))[0]?.resolved;
      return [hit?.place.id, hit?.precision];
    };
    expect(place('في مدينة سنجار')).toEqual(['geonames:99000003', 1]);
    expect(place('في مدينة شنكال')).toEqual(['geonames:99000003', 1]);
    expect(place('في ريف الموصل')).toEqual(['geonames:IQ.15', 3]);
  });

  it('gives Syrian places the OCHA hierarchy of the nearest community and leaves out those it has', () => {
    const syria = [
      geoname({
        id: '99000010',
        name: 'Al Mayadin',
        alternates: 'الميادين',
        lat: 35.0196,
        lon: 40.4518,
        cls: 'P',
        code: 'PPLA2',
        country: 'SY',
        admin1: '07',
      }),
      geoname({
        id: '99000011',
        name: 'New Farm',
        alternates: 'مزرعة الأمل الجديدة',
        lat: 35.03,
        lon: 40.46,
        cls: 'P',
        code: 'PPL',
        country: 'SY',
        admin1: '07',
      }),
    ].join('\n');
    const result = importPlaces(syria, 'SY.txt', known);
    expect(result.skipped.get('already in the gazetteer')).toBe(1);
    expect(result.places).toHaveLength(1);
    expect(result.places[0]).toMatchObject({ admin1Pcode: 'SY09', admin2Pcode: 'SY0903' });
  });
});

describe('importing places tables', () => {
  it('reads the places format as CSV too', () => {
    const csv = [
      'id,kind,rank,name_ar,name_en,variants_ar,admin1_pcode,admin1,admin2_pcode,admin2,admin3_pcode,admin3,lat,lon,parent',
      'user:omar,site,4,حقل العمر,Al-Omar oil field,"حقل العمر النفطي|حقول العمر",,,,,,,35.10,40.50,SY0903',
    ].join('\n');
    expect(detectFormat(csv)).toBe('places');
    const [omar] = importPlaces(csv, 'mine.csv', known).places;
    expect(omar).toMatchObject({
      id: 'user:omar',
      kind: 'site',
      parent: 'SY0903',
      variants: ['حقل العمر النفطي', 'حقول العمر'],
    });
  });

  it('reads the public Syria table, with OCHA spellings for admin names', () => {
    const csv = [
      'id,name_ar,name_en,alt_names,feature,admin1_pcode,admin1_ar,admin1_en,admin2_pcode,admin2_ar,admin2_en,admin3_pcode,admin3_ar,admin3_en,lat,lon,source',
      'C9001,قرية أولى,First,قرية الأولى|First Village,community,SY09,دير الزور,Deir-ez-Zor,SY0903,الميادين,Al Mayadin,SY090300,مركز الميادين,Al Mayadin,35.0,40.4,OCHA-COD-2015;admin_capital_level=3',
    ].join('\n');
    const [place] = importPlaces(csv, 'syria_places.csv', known).places;
    expect(place).toMatchObject({
      id: 'C9001',
      rank: 3,
      variants: ['قرية الأولى'],
      admin2: 'Al Mayadin',
    });
  });

  it('refuses a file in no known format, naming it', () => {
    expect(() => importPlaces('name;lat;lon\nx;1;2\n', 'odd.txt', known)).toThrow(PlacesFileError);
    expect(() => importPlaces('name;lat;lon\nx;1;2\n', 'odd.txt', known)).toThrow(
      /^odd\.txt: not a GeoNames/,
    );
  });

  it('names the row of a bad coordinate', () => {
    const csv =
      'id,kind,rank,name_ar,name_en,variants_ar,admin1_pcode,admin1,admin2_pcode,admin2,admin3_pcode,admin3,lat,lon\nx,site,4,حاجز,,,SY09,D,,,,,91,40\n';
    expect(() => importPlaces(csv, 'mine.csv', known)).toThrow(/mine\.csv:2: bad latitude "91"/);
  });
});
