import { loadPlaces, userPlacesFile } from '../gazetteer/index.js';
import type { Place } from '../gazetteer/index.js';
import { loadNames } from '../lexicon/index.js';
import type { LexiconNames } from '../lexicon/index.js';

/**
 * What commands that only read the store need of wathiq's knowledge: the
 * actors' and claimants' names, and the places table, read when first asked
 * for. Reading the dictionaries and the gazetteer whole (their indexes for
 * matching reports) costs more than opening the store, and nothing read from
 * the store needs them.
 */
export interface Catalog {
  readonly names: LexiconNames;
  /** The shipped places and the user's; the file is read on the first call. */
  readonly places: readonly Place[];
  /** A place by id, from the same table. */
  place(id: string): Place | undefined;
}

/** The catalog of a data folder: the shipped names, the shipped places and the folder's own. */
export function loadCatalog(dataDir: string): Catalog {
  let table: { places: readonly Place[]; byId: ReadonlyMap<string, Place> } | null = null;
  const places = (): NonNullable<typeof table> => {
    if (table === null) {
      const all = loadPlaces({ userPlacesFiles: [userPlacesFile(dataDir)] });
      table = { places: all, byId: new Map(all.map((p) => [p.id, p])) };
    }
    return table;
  };
  return {
    names: loadNames(),
    get places() {
      return places().places;
    },
    place: (id) => places().byId.get(id),
  };
}
