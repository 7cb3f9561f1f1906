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

  get size(): number {
    return this.byLatitude.length;
  }

  /**
   * Adds a place's spot (its two numbers, whatever place is there), unless a place at
   * the same spot was added before: sought among the spots of its latitude where it
   * goes, where a table of longitudes by latitude hashed both numbers of every place.
   */
  add(place: Place): void {
    const at = this.firstFrom(place.lat);
    for (let k = at; k < this.byLatitude.length; k++) {
      const spot = this.byLatitude[k];
      if (spot === undefined || spot.lat !== place.lat) break;
      if (spot.lon === place.lon) return;
    }
    // Moved up by one in a loop: a report places a few spots, and the builtin splice
    // was a call into the runtime for each.
    const spots = this.byLatitude;
    spots.push(place);
    for (let k = spots.length - 1; k > at; k--) spots[k] = spots[k - 1] as Place;
    spots[at] = place;
  }

  /**
   * The distance from the nearest spot to `place` when one is nearer than
   * `reachKm`; otherwise `reachKm` or more (Infinity when none is in reach).
   */
  nearest(place: Place, reachKm: number): number {
    // Sought outwards from the place's latitude, north then south, each way only as far as
    // the reach or the nearest spot found so far (no spot further in latitude is nearer),
    // where every spot within the reach's band was measured, a great-circle distance each.
    // A margin keeps rounding out: a spot nearer than the reach is never left out.
    const spots = this.byLatitude;
    const middle = this.firstFrom(place.lat);
    let nearest = Infinity;
    for (let k = middle; k < spots.length; k++) {
      const spot = spots[k] as Place;
      if ((spot.lat - place.lat) * KM_PER_DEGREE > Math.min(reachKm, nearest) * 1.001) break;
      nearest = Math.min(nearest, distanceKm(spot, place));
    }
    for (let k = middle - 1; k >= 0; k--) {
      const spot = spots[k] as Place;
      if ((place.lat - spot.lat) * KM_PER_DEGREE > Math.min(reachKm, nearest) * 1.001) break;
      nearest = Math.min(nearest, distanceKm(spot, place));
    }
    return nearest;
  }

  /** Where the first spot at latitude `lat` or further north stands. */
  private firstFrom(lat: number): number {
    // Searched here, where a search shared by every list called back for each spot's latitude.
    const spots = this.byLatitude;
    let lo = 0;
    let hi = spots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((spots[mid]?.lat ?? Infinity) < lat) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
