/**
 * Derives the app's offline base map (`data/boundaries/syria.topo.json`) from the
 * OCHA governorate and district polygons in `../shared/data/gazetteer` (see its
 * SOURCES.md and the README's credits).
 *
 *   npm run build:boundaries [-- SOURCE_DIR]
 *
 * Both layers go into one TopoJSON topology, so a border shared by two districts
 * (or a district and its governorate) is one arc, simplified once: the layers
 * never drift apart or open gaps between neighbours. Coordinates are quantized,
 * which is what makes the file small enough to ship inside the web app.
 *
 * Governorates are named as the project's gazetteer names them (data/gazetteer,
 * «Idlib», «Latakia»), not in OCHA's spelling («Idleb», «Lattakia»): the map,
 * the filter, the counts and a governorate's own place name then say it one
 * way. Districts keep OCHA's names («مركز إدلب» is not the governorate).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import { quantize } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { Objects, Topology } from 'topojson-specification';
import { loadPlaces, shippedDataDir } from '../src/gazetteer/index.js';
import type { Place } from '../src/gazetteer/index.js';

/** Share of the arcs' points kept, by visual importance (Visvalingam weight). */
const KEEP = 0.25;
/** Grid of the quantized coordinates: about 60 m across Syria, finer than the screen. */
const QUANTIZATION = 1e4;

interface Layer {
  file: string;
  /** The source property holding the p-code and the Arabic and English names. */
  keys: { pcode: string; ar: string; en: string; parent?: string };
}

const layers: Record<'governorates' | 'districts', Layer> = {
  governorates: {
    file: 'syria_admin1.geojson',
    keys: { pcode: 'admin1_pcode', ar: 'admin1_ar', en: 'admin1_en' },
  },
  districts: {
    file: 'syria_admin2.geojson',
    keys: { pcode: 'admin2_pcode', ar: 'admin2_ar', en: 'admin2_en', parent: 'admin1_pcode' },
  },
};

/** Keeps only what the map shows: the p-code and both names (and the governorate of a district). */
function readLayer(
  source: string,
  layer: Layer,
  named: ReadonlyMap<string, Place>,
): FeatureCollection {
  const path = join(source, layer.file);
  const collection = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature) => {
      const p = feature.properties ?? {};
      const place = named.get(String(p[layer.keys.pcode]));
      const props: Record<string, unknown> = {
        pcode: p[layer.keys.pcode],
        ar: place?.nameAr ?? p[layer.keys.ar],
        en: place?.nameEn ?? p[layer.keys.en],
      };
      if (layer.keys.parent !== undefined) props['parent'] = p[layer.keys.parent];
      return { type: 'Feature', geometry: feature.geometry, properties: props };
    }),
  };
}

function main(): void {
  const source = resolve(
    process.argv[2] ?? join(process.cwd(), '..', 'shared', 'data', 'gazetteer'),
  );
  const named = new Map(
    loadPlaces()
      .filter((place) => place.kind === 'governorate')
      .map((place) => [place.id, place]),
  );
  const topo: Topology<Objects> = topology({
    governorates: readLayer(source, layers.governorates, named),
    districts: readLayer(source, layers.districts, new Map()),
  }) as Topology<Objects>;
  const weighted = presimplify(topo);
  const simplified = quantize(simplify(weighted, quantile(weighted, 1 - KEEP)), QUANTIZATION);
  const out = join(shippedDataDir(), 'boundaries', 'syria.topo.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(simplified) + '\n');
  const size = Buffer.byteLength(JSON.stringify(simplified));
  console.log(
    `${out}: ${Object.keys(simplified.objects).join(', ')}; ${Math.round(size / 1024)} KB`,
  );
}

main();
