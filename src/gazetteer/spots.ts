import { KM_PER_DEGREE, cosineOfLatitude, kmBetween } from './places.js';
import type { Place } from './places.js';

/**
 * The spots a report has placed so far, each once, sorted by latitude. Every
 * candidate of every name asks how near the nearest is, and a long report
 * places hundreds of spots: a great-circle distance is at least the difference
 * in latitude, so only the spots within reach in latitude are measured.
 *
 * A spot is kept as its numbers, side by side in lists of numbers (each
 * latitude's cosine with it), not as its place: a place's coordinates are
 * numbers boxed apart from it, far in memory, and every spot read at every
 * candidate measured loaded them again.
 */
export class Spots {
  private readonly lats: number[] = [];
  private readonly lons: number[] = [];
  private readonly cosines: number[] = [];
  /**
   * The places added, each once: a report names the same towns again and again, and a place
   * added before is known by its address, where its coordinates, numbers boxed apart from it
   * and cold by now, were loaded to find its spot again.
   */
  private readonly added: Place[] = [];
  /**
   * How many of `added` have their spots in the lists: a place's spot is worked out (its
   * coordinates loaded, far in memory, its latitude's cosine taken, its place in the lists
   * found) when a distance is next asked, where it was as the place was added: a report asks
   * no distance after most of the places it resolves, and many reports ask none.
   */
  private spotted = 0;

  get size(): number {
    this.spotAdded();
    return this.lats.length;
  }

  /** Adds a place, its spot worked out when a distance is next asked (`spotAdded`). */
  add(place: Place): void {
    // A search through every place added, by address: a report places a few dozen at most.
    if (!this.added.includes(place)) this.added.push(place);
  }

  /** The spots of the places added since a distance was last asked, put in the lists. */
  private spotAdded(): void {
    const added = this.added;
    for (; this.spotted < added.length; this.spotted++) this.spot(added[this.spotted] as Place);
  }

  /**
   * Puts a place's spot (its two numbers, whatever place is there) in the lists, unless a
   * place at the same spot is there: sought among the spots of its latitude where it goes,
   * where a table of longitudes by latitude hashed both numbers of every place.
   */
  private spot(place: Place): void {
    const lat = place.lat;
    const lon = place.lon;
    const lats = this.lats;
    const lons = this.lons;
    const at = this.firstFrom(lat);
    for (let k = at; k < lats.length; k++) {
      if (lats[k] !== lat) break;
      if (lons[k] === lon) return;
    }
    insertAt(lats, at, lat);
    insertAt(lons, at, lon);
    insertAt(this.cosines, at, cosineOfLatitude(lat));
  }

  /**
   * The distance from the nearest spot to `place` when one is nearer than
   * `reachKm`; otherwise `reachKm` or more (Infinity when none is in reach).
   */
  nearest(place: Place, reachKm: number): number {
    this.spotAdded();
    const lats = this.lats;
    // Nothing placed yet: the place's coordinates are not read.
    if (lats.length === 0) return Infinity;
    const lons = this.lons;
    const cosines = this.cosines;
    const lat = place.lat;
    const lon = place.lon;
    const cos = cosineOfLatitude(lat);
    // Sought outwards from the place's latitude, north then south, each way only as far as
    // the reach or the nearest spot found so far (no spot further in latitude is nearer),
    // where every spot within the reach's band was measured, a great-circle distance each.
    // A margin keeps rounding out: a spot nearer than the reach is never left out.
    const middle = this.firstFrom(lat);
    let nearest = Infinity;
    for (let k = middle; k < lats.length; k++) {
      const spotLat = lats[k] as number;
      if ((spotLat - lat) * KM_PER_DEGREE > Math.min(reachKm, nearest) * 1.001) break;
      nearest = Math.min(
        nearest,
        kmBetween(spotLat, lons[k] as number, cosines[k] as number, lat, lon, cos),
      );
    }
    for (let k = middle - 1; k >= 0; k--) {
      const spotLat = lats[k] as number;
      if ((lat - spotLat) * KM_PER_DEGREE > Math.min(reachKm, nearest) * 1.001) break;
      nearest = Math.min(
        nearest,
        kmBetween(spotLat, lons[k] as number, cosines[k] as number, lat, lon, cos),
      );
    }
    return nearest;
  }

  /** Where the first spot at latitude `lat` or further north stands. */
  private firstFrom(lat: number): number {
    // Searched here, where a search shared by every list called back for each spot's latitude.
    const lats = this.lats;
    let lo = 0;
    let hi = lats.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((lats[mid] ?? Infinity) < lat) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * A number put in a list at `at`, those after it moved up by one in a loop: a report places
 * a few spots, and the builtin splice was a call into the runtime for each.
 */
function insertAt(list: number[], at: number, value: number): void {
  list.push(value);
  for (let k = list.length - 1; k > at; k--) list[k] = list[k - 1] as number;
  list[at] = value;
}
