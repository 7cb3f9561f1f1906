import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/context.js';
import type { ApiEvent } from '../api/types.js';
import { typeColor } from '../vocabulary/colors.js';
import { useTypeLabel } from '../vocabulary/labels.js';
import { useActorLabel } from '../vocabulary/actors.js';

/** One event in a list: what, when, where, who, how many killed, how many reports, review status. */
export function EventRow({ event, children }: { event: ApiEvent; children?: ComponentChildren }) {
  const { t, date, lang } = useI18n();
  const typeLabel = useTypeLabel();
  const actorLabel = useActorLabel();
  const place =
    event.location === null
      ? t('common.unknown')
      : lang === 'ar'
        ? event.location.name_ar
        : event.location.name_en;
  const actors = [event.actor1, event.actor2]
    .filter((a) => a !== null)
    .map(actorLabel)
    .join(lang === 'ar' ? ' ← ' : ' → ');
  return (
    <li class="event-row">
      <span class="swatch" style={{ background: typeColor(event.event_type) }} aria-hidden="true" />
      <a href={`/events/${encodeURIComponent(event.id)}`} class="event-link">
        <span class="what">{typeLabel(event.sub_event_type)}</span>
        <span class="where">{place}</span>
      </a>
      <span class="when">
        {event.date.start === null
          ? t('common.unknown')
          : date(event.date.start, event.date.precision)}
      </span>
      {actors !== '' && <span class="who">{actors}</span>}
      {event.fatalities !== null && (
        <span class="killed">{t('events.killed', { count: event.fatalities.best })}</span>
      )}
      <span class="reports">{t('events.reports', { count: event.members.length })}</span>
      <span class={`status status-${event.review_status}`}>
        {t(`status.${event.review_status}`)}
      </span>
      {event.private && <span class="private">{t('events.private')}</span>}
      {children}
    </li>
  );
}
