import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { shippedDataDir } from '../lexicon/index.js';

interface AreaProps {
  pcode: string;
  ar: string;
  en: string;
}

/** A governorate's outline as shipped in data/boundaries (OCHA's, simplified for the map). */
export interface Area {
  readonly pcode: string;
  readonly nameAr: string;
  readonly nameEn: string;
  /** Each polygon's rings: the outline first, then its holes. */
  readonly polygons: readonly (readonly (readonly Position[])[])[];
}

export interface Point {
  readonly lat: number;
  readonly lon: number;
}

/**
 * The shipped outlines are simplified and quantized for the map (about 60 m
 * grid, a quarter of the vertices kept), so a point this close to a border may
 * fall on the wrong side of the drawn line: it counts as on the border.
 */
export const BORDER_TOLERANCE_KM = 2;

/** Ray casting, even-odd over every ring: a point in a hole is outside. */
function insidePolygon(point: Point, rings: readonly (readonly Position[])[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (
        yi > point.lat !== yj > point.lat &&
        point.lon < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi
      )
        inside = !inside;
    }
  }
  return inside;
}

/** Kilometres from a point to a segment, on a plane tangent at the point (fine at a few km). */
function segmentKm(point: Point, a: Position, b: Position): number {
  const kmLat = 111.32;
  const kmLon = kmLat * Math.cos((point.lat * Math.PI) / 180);
  const ax = ((a[0] ?? 0) - point.lon) * kmLon;
  const ay = ((a[1] ?? 0) - point.lat) * kmLat;
  const bx = ((b[0] ?? 0) - point.lon) * kmLon;
  const by = ((b[1] ?? 0) - point.lat) * kmLat;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** The governorate outlines, and where a point lies among them. */
export class Boundaries {
  readonly #areas: ReadonlyMap<string, Area>;

  constructor(areas: readonly Area[]) {
    this.#areas = new Map(areas.map((a) => [a.pcode, a]));
  }

  area(pcode: string): Area | undefined {
    return this.#areas.get(pcode);
  }

  contains(area: Area, point: Point): boolean {
    return area.polygons.some((rings) => insidePolygon(point, rings));
  }

  /** How far a point lies outside an area, in km; 0 inside it. */
  distanceOutsideKm(area: Area, point: Point): number {
    if (this.contains(area, point)) return 0;
    let best = Infinity;
    for (const rings of area.polygons)
      for (const ring of rings)
        for (let i = 1; i < ring.length; i++)
          best = Math.min(best, segmentKm(point, ring[i - 1] ?? [], ring[i] ?? []));
    return best;
  }

  /** The governorate a point lies in, or null outside all of them. */
  governorateAt(point: Point): Area | null {
    for (const area of this.#areas.values()) if (this.contains(area, point)) return area;
    return null;
  }
}

type BoundaryTopology = Topology<{ governorates: GeometryCollection<AreaProps> }>;

function polygonsOf(f: Feature<Polygon | MultiPolygon, AreaProps>): Position[][][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/** The governorate outlines shipped in data/boundaries/syria.topo.json. */
export function loadBoundaries(
  file = join(shippedDataDir(), 'boundaries', 'syria.topo.json'),
): Boundaries {
  const topo = JSON.parse(readFileSync(file, 'utf8')) as BoundaryTopology;
  const collection = feature(topo, topo.objects.governorates) as FeatureCollection<
    Polygon | MultiPolygon,
    AreaProps
  >;
  return new Boundaries(
    collection.features.map((f) => ({
      pcode: f.properties.pcode,
      nameAr: f.properties.ar,
      nameEn: f.properties.en,
      polygons: polygonsOf(f),
    })),
  );
}
