import { useApi } from '../api/useApi.js';
import type { ApiEvent } from '../api/types.js';
import { EventRow } from '../events/EventRow.js';
import { useI18n } from '../i18n/context.js';
import { isKey } from '../i18n/i18n.js';

interface QueueItem {
  event: ApiEvent;
  /** Why it needs a person: `claims_disagree`, `governorate_only`, `party_sources_only`, `weekday_contradicts`… */
  reasons: string[];
}

/** Events waiting for a person, those that most need one first (the server ranks them). */
export function QueuePage() {
  const { t } = useI18n();
  const queue = useApi<{ items: QueueItem[] }>('/review/queue', { limit: 100 });
  const reason = (r: string) => {
    const key = `reason.${r}`;
    return isKey(key) ? t(key) : r;
  };
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.title')}</h1>
      <p>{t('queue.intro')}</p>
      {queue.error !== null && (
        <p class="error">{t('common.error', { message: queue.error.message })}</p>
      )}
      {queue.data !== null && queue.data.items.length === 0 && <p>{t('queue.none')}</p>}
      <ol class="event-rows queue">
        {queue.data?.items.map((item) => (
          <EventRow event={item.event} key={item.event.id}>
            <ul class="reasons">
              {item.reasons.map((r) => (
                <li key={r}>{reason(r)}</li>
              ))}
            </ul>
          </EventRow>
        ))}
      </ol>
    </section>
  );
}
