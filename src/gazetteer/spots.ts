import { countBelow } from '../text/index.js';
import { KM_PER_DEGREE, distanceKm } from './places.js';
import type { Place } from './places.js';

/**
 * The spots a report has placed so far, each once, sorted by latitude. Every
 * candidate of every name asks how near the nearest is, and a long report
 * places hundreds of spots: a great-circle distance is at least the difference
 * in latitude, so only the spots within reach in latitude are measured.
 */
export class Spots {
  private readonly byLatitude: Place[] = [];
  /** Longitudes placed, by latitude: a spot is its two numbers, whatever place is there. */
  private readonly placed = new Map<number, Set<number>>();

  get size(): number {
    return this.byLatitude.length;
  }

  /** Adds a place's spot, unless a place at the same spot was added before. */
  add(place: Place): void {
    let longitudes = this.placed.get(place.lat);
    if (longitudes === undefined) {
      longitudes = new Set();
      this.placed.set(place.lat, longitudes);
    }
    if (longitudes.has(place.lon)) return;
    longitudes.add(place.lon);
    this.byLatitude.splice(this.firstFrom(place.lat), 0, place);
  }

  /**
   * The distance from the nearest spot to `place` when one is nearer than
   * `reachKm`; otherwise `reachKm` or more (Infinity when none is in reach).
   */
  nearest(place: Place, reachKm: number): number {
    // A margin keeps rounding out: a spot nearer than the reach is never left out.
    const band = (reachKm * 1.001) / KM_PER_DEGREE;
    let nearest = Infinity;
    for (let k = this.firstFrom(place.lat - band); k < this.byLatitude.length; k++) {
      const spot = this.byLatitude[k];
      if (spot === undefined || spot.lat > place.lat + band) break;
      nearest = Math.min(nearest, distanceKm(spot, place));
    }
    return nearest;
  }

  /** Where the first spot at latitude `lat` or further north stands. */
  private firstFrom(lat: number): number {
    return countBelow(this.byLatitude, (spot) => spot.lat, lat);
  }
}
