import { useI18n } from '../i18n/context.js';
import { SyriaMap } from '../map/SyriaMap.js';

export function EventsPage() {
  const { t } = useI18n();
  return (
    <section class="events-page" aria-labelledby="events-title">
      <h1 id="events-title">{t('nav.events')}</h1>
      <SyriaMap label={t('map.label')} />
    </section>
  );
}
