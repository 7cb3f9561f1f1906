import { useCallback, useMemo, useState } from 'preact/hooks';
import { useApi } from '../api/useApi.js';
import { queryString } from '../api/client.js';
import { sendEarly } from '../api/early.js';
import type { EventPage, Facets, Timeline as TimelineData } from '../api/types.js';
import { EventRow } from '../events/EventRow.js';
import { EventsMap } from '../events/EventsMap.js';
import { Counts } from '../events/Counts.js';
import { FilterBar } from '../events/FilterBar.js';
import { filterFromQuery, filterParams, filterToQuery, type Filter } from '../filter.js';
import { useI18n } from '../i18n/context.js';
import { navigate } from '../router.js';
import { Timeline } from '../timeline/Timeline.js';
import { eventTypes } from '../vocabulary/colors.js';
import { useTypeLabel } from '../vocabulary/labels.js';

const exportFormats = ['csv', 'acled', 'geojson', 'json', 'ndjson'] as const;

/** What the page asks the server for a filter: its first page (or the one after `cursor`), counts, timeline. */
function requests(filter: Filter, cursor: string | null) {
  const params = filterParams(filter);
  return {
    params,
    list: { ...params, after: cursor, limit: 50 },
  };
}

/** Sends the page's first requests for the address's filter before the app has rendered (see api/early). */
export function sendEventsPageEarly(search: string): void {
  const { params, list } = requests(filterFromQuery(new URLSearchParams(search)), null);
  sendEarly('/events', list);
  sendEarly('/events/facets', params);
  sendEarly('/events/timeline', params);
}

/**
 * The filter bar, the list, the map, the timeline and the counts: all five read
 * the one filter in the address, so they always show the same events.
 */
export function EventsPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const typeLabel = useTypeLabel();
  const filter = useMemo(() => filterFromQuery(query), [query]);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const { params, list } = requests(filter, cursor);
  const page = useApi<EventPage>('/events', list);
  const facets = useApi<Facets>('/events/facets', params);
  const timeline = useApi<TimelineData>('/events/timeline', params);

  const setFilter = useCallback((next: Filter) => {
    setCursors([null]);
    const search = filterToQuery(next).toString();
    navigate(`/events${search === '' ? '' : `?${search}`}`);
  }, []);
  const narrow = useCallback(
    (change: Partial<Filter>) => {
      setFilter({ ...filter, ...change });
    },
    [filter, setFilter],
  );
  const buckets = timeline.data?.buckets ?? [];

  return (
    <section class="events-page" aria-labelledby="events-title">
      <h1 id="events-title">{t('nav.events')}</h1>
      <FilterBar
        filter={filter}
        actors={facets.data?.actor ?? []}
        claimants={facets.data?.claimant ?? []}
        onChange={setFilter}
      />
      <div class="events-grid">
        <section class="events-list" aria-label={t('events.list')}>
          <p class="total" role="status" data-testid="event-total">
            {page.data?.total !== undefined
              ? t('events.count', { count: page.data.total })
              : page.loading
                ? t('common.loading')
                : ''}
          </p>
          {page.error !== null && (
            <p class="error">{t('common.error', { message: page.error.message })}</p>
          )}
          {page.data !== null && page.data.events.length === 0 && <p>{t('events.none')}</p>}
          <ol class="event-rows">
            {page.data?.events.map((event) => (
              <EventRow event={event} key={event.id} />
            ))}
          </ol>
          <nav class="pager" aria-label={t('events.list')}>
            <button
              type="button"
              disabled={cursors.length < 2}
              onClick={() => {
                setCursors((c) => c.slice(0, -1));
              }}
            >
              {t('common.previous')}
            </button>
            <button
              type="button"
              disabled={page.data?.next == null}
              onClick={() => {
                const next = page.data?.next ?? null;
                if (next !== null) setCursors((c) => [...c, next]);
              }}
            >
              {t('common.next')}
            </button>
          </nav>
          <div class="exports">
            <span>{t('events.export')}</span>
            {exportFormats.map((format) => (
              <a
                key={format}
                class="button"
                href={`/api/export${queryString({ ...params, format })}`}
                download
              >
                {format.toUpperCase()}
              </a>
            ))}
          </div>
        </section>
        <div class="events-side">
          <EventsMap filter={filter} />
          {timeline.data !== null && (
            <Timeline
              buckets={buckets}
              period={timeline.data.period}
              order={eventTypes}
              typeLabel={typeLabel}
              onRange={(range) => {
                narrow(range);
              }}
            />
          )}
          {facets.data !== null && <Counts facets={facets.data} onPick={narrow} />}
        </div>
      </div>
    </section>
  );
}
