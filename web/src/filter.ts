/**
 * One filter drives the list, the map, the timeline, the counts and the exports
 * of the events page, so they always show the same events. It lives in the
 * page's address: a filtered view can be bookmarked or sent to a colleague.
 */
export interface Filter {
  from?: string;
  to?: string;
  /** Governorate p-code (`SY07`). */
  governorate?: string;
  type?: string;
  actor?: string;
  claimant?: string;
  status?: string;
  search?: string;
  /** `only` private events, or `none`; absent: both (as far as the role may see). */
  private?: 'only' | 'none';
}

export const filterKeys = [
  'from',
  'to',
  'governorate',
  'type',
  'actor',
  'claimant',
  'status',
  'search',
  'private',
] as const;

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function filterFromQuery(query: URLSearchParams): Filter {
  const filter: Filter = {};
  for (const key of filterKeys) {
    const value = query.get(key)?.trim();
    if (value === undefined || value === '') continue;
    if ((key === 'from' || key === 'to') && !isoDay.test(value)) continue;
    if (key === 'private') {
      if (value === 'only' || value === 'none') filter.private = value;
      continue;
    }
    filter[key] = value;
  }
  return filter;
}

export function filterToQuery(filter: Filter): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filter[key];
    if (value !== undefined && value !== '') query.set(key, value);
  }
  return query;
}

/** The filter as the API's query parameters. */
export function filterParams(filter: Filter): Record<string, string> {
  return Object.fromEntries(filterToQuery(filter));
}

export function isEmpty(filter: Filter): boolean {
  return filterKeys.every((key) => filter[key] === undefined);
}
