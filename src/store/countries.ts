import type { Location } from '../contracts/index.js';

/** A country as ACLED and UCDP name and number it. */
export interface Country {
  readonly name: string;
  /** ISO 3166 numeric (ACLED's `iso`). */
  readonly iso: number;
  /** ISO 3166 alpha-3 (the prefix of ACLED's `event_id_cnty`). */
  readonly iso3: string;
  /** Gleditsch–Ward number (UCDP's `country_id`). */
  readonly gw: number;
  /** ACLED's region. */
  readonly region: string;
}

/** Syria and the countries places are imported for (GeoNames dumps of the neighbours). */
const COUNTRIES: Readonly<Record<string, Country>> = {
  SY: { name: 'Syria', iso: 760, iso3: 'SYR', gw: 652, region: 'Middle East' },
  IQ: { name: 'Iraq', iso: 368, iso3: 'IRQ', gw: 645, region: 'Middle East' },
  LB: { name: 'Lebanon', iso: 422, iso3: 'LBN', gw: 660, region: 'Middle East' },
  TR: { name: 'Turkey', iso: 792, iso3: 'TUR', gw: 640, region: 'Middle East' },
  JO: { name: 'Jordan', iso: 400, iso3: 'JOR', gw: 663, region: 'Middle East' },
  IL: { name: 'Israel', iso: 376, iso3: 'ISR', gw: 666, region: 'Middle East' },
  PS: { name: 'Palestine', iso: 275, iso3: 'PSE', gw: 666, region: 'Middle East' },
  IR: { name: 'Iran', iso: 364, iso3: 'IRN', gw: 630, region: 'Middle East' },
};

const SYRIA = COUNTRIES.SY as Country;

/**
 * The country of an event's place: Syria for OCHA p-codes (`SY…`) and for
 * events with no place, the GeoNames country of an imported place
 * (`geonames:IQ.08`).
 */
export function countryOf(location: Location | null): Country {
  const code = /^geonames:([A-Z]{2})/.exec(location?.admin1_pcode ?? '')?.[1];
  if (code === undefined) return SYRIA;
  return (
    COUNTRIES[code] ?? {
      name: code,
      iso: 0,
      iso3: code,
      gw: 0,
      region: '',
    }
  );
}
