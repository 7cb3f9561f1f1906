/**
 * Derives wathiq's gazetteer (`data/gazetteer/places.tsv`) from the public place
 * data in `../shared/data/gazetteer` (OCHA COD p-codes, GeoNames, OpenSyria; see
 * its SOURCES.md and the README's credits).
 *
 *   npm run build:gazetteer [-- SOURCE_DIR]
 *
 * One row per place: p-code, kind, rank, Arabic and English names, Arabic
 * variants, the admin hierarchy (OCHA spellings, joined on p-codes) and WGS84
 * coordinates. Normal use reads only the derived file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatPlaces, placesFromSyriaTable, shippedDataDir } from '../src/gazetteer/index.js';

/** Arabic names wathiq adds where the source has English only (Damascus neighbourhoods). */
function readArabicNames(file: string): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [id, ...spellings] = line.split('\t').map((f) => f.trim());
    if (id !== undefined && spellings.length > 0)
      names.set(
        id,
        spellings.flatMap((s) => s.split('|')).filter((s) => s !== ''),
      );
  }
  return names;
}

function main(): void {
  const source = resolve(
    process.argv[2] ?? join(process.cwd(), '..', 'shared', 'data', 'gazetteer'),
  );
  const file = join(source, 'syria_places.csv');
  const arabic = readArabicNames(
    join(shippedDataDir(), 'gazetteer', 'sources', 'damascus-neighbourhoods-ar.tsv'),
  );
  const { places, skipped } = placesFromSyriaTable(readFileSync(file, 'utf8'), file, arabic);
  const out = join(shippedDataDir(), 'gazetteer', 'places.tsv');
  writeFileSync(out, formatPlaces(places));
  const left = [...skipped].map(([reason, n]) => `${String(n)} ${reason}`).join(', ');
  console.log(
    `wrote ${String(places.length)} places to ${out}${left === '' ? '' : ` (left out: ${left})`}`,
  );
}

main();
