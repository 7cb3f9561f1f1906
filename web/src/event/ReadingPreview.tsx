import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Incident, Note } from '../api/types.js';
import { incidentEvidence } from '../evidence/fields.js';
import { useI18n } from '../i18n/context.js';
import { isKey, type Key } from '../i18n/i18n.js';
import { useActorLabel } from '../vocabulary/actors.js';
import { governorateName } from '../vocabulary/governorate.js';
import { useGovernorates, useTypeLabel } from '../vocabulary/labels.js';
import { shownAsMade, useNoteText } from '../notes.js';
import { ReportText } from './ReportText.js';

export interface Reading {
  /** `pasted`, or the file (and line or item) it came from. */
  source: string;
  /** The text as wathiq read it: every span points into it. */
  text: string;
  incidents: Incident[];
  /** What the reading warns of, each with its code for the reader's language. */
  notes: Note[];
}

/**
 * What wathiq reads from a report before it is saved: each incident's type,
 * date, place, actors and figures beside the text with the words behind each
 * marked — pointing at one lights the other, as on the event screen.
 */
export function ReadingPreview({
  reading,
  n = 0,
  focus = true,
}: {
  reading: Reading;
  /** Which of several readings shown together: their headings' ids differ. */
  n?: number;
  /** Whether the reading takes focus when it comes (the first of several does). */
  focus?: boolean;
}) {
  const { t, date, num, lang } = useI18n();
  const typeLabel = useTypeLabel();
  const actorLabel = useActorLabel();
  const noteLabel = useNoteText();
  const governorates = useGovernorates();
  /** The governorate in the reader's language, after a place inside it. */
  const governorateOf = (location: NonNullable<Incident['location']>) => {
    const name = governorateName(lang, location, governorates);
    return name === null ? '' : ` · ${name}`;
  };
  const [active, setActive] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // A new reading is announced where the reader is: focus moves to its heading.
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [reading, focus]);
  const evidence = useMemo(() => reading.incidents.flatMap(incidentEvidence), [reading]);
  const point = (name: string) => ({
    class: active === name ? 'lit' : undefined,
    'data-point': name,
    tabIndex: 0,
    onMouseEnter: () => {
      setActive(name);
    },
    onMouseLeave: () => {
      setActive(null);
    },
    onFocus: () => {
      setActive(name);
    },
    onBlur: () => {
      setActive(null);
    },
  });
  const measure = (m: string) => (isKey(`measure.${m}`) ? t(`measure.${m}` as Key) : m);
  return (
    <section class="preview" aria-labelledby={`preview-title-${String(n)}`}>
      <h2 id={`preview-title-${String(n)}`} tabIndex={-1} ref={heading}>
        {reading.source !== 'pasted' && (
          <>
            <bdi class="preview-source">{reading.source}</bdi> —{' '}
          </>
        )}
        {t('add.incidents', { count: reading.incidents.length })}
      </h2>
      {reading.incidents.length === 0 && <p>{t('add.noIncident')}</p>}
      <div class="preview-grid">
        <div class="preview-incidents">
          {reading.incidents.map((incident, n) => {
            const doers = incident.actors.filter((a) => a.role === 'actor1' || a.role === 'assoc1');
            const targets = incident.actors.filter(
              (a) => a.role === 'actor2' || a.role === 'assoc2',
            );
            const names = (list: typeof doers) =>
              list.length === 0
                ? t('common.unknown')
                : list.map((a) => actorLabel(a.id)).join('، ');
            return (
              <article class="preview-incident" key={incident.id}>
                <h3>
                  {t('add.incident', { n: n + 1 })}
                  {incident.background && <span class="tag">{t('event.background')}</span>}
                </h3>
                <dl class="fields">
                  <div {...point('type')}>
                    <dt>{t('event.type')}</dt>
                    <dd>
                      {typeLabel(incident.event_type)} / {typeLabel(incident.sub_event_type)}
                    </dd>
                  </div>
                  <div {...point('date')}>
                    <dt>{t('event.date')}</dt>
                    <dd>
                      {incident.date.start === null
                        ? t('common.unknown')
                        : date(incident.date.start, incident.date.precision)}
                    </dd>
                  </div>
                  <div {...point('place')}>
                    <dt>{t('event.place')}</dt>
                    <dd>
                      {incident.location === null
                        ? t('common.unknown')
                        : `${lang === 'ar' ? incident.location.name_ar : incident.location.name_en}${governorateOf(
                            incident.location,
                          )} (${t(`precision.${incident.location.precision}` as Key)})`}
                    </dd>
                  </div>
                  <div {...point('actor1')}>
                    <dt>{t('event.actor1')}</dt>
                    <dd>{names(doers)}</dd>
                  </div>
                  <div {...point('actor2')}>
                    <dt>{t('event.actor2')}</dt>
                    <dd>{names(targets)}</dd>
                  </div>
                  <div>
                    <dt>{t('event.fatalities')}</dt>
                    <dd>
                      {incident.fatalities === null
                        ? t('common.none')
                        : `${num(incident.fatalities.low)} / ${num(incident.fatalities.best)} / ${num(incident.fatalities.high)}`}
                    </dd>
                  </div>
                </dl>
                {incident.claims.length > 0 && (
                  <table class="claims">
                    <caption>{t('event.claims')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('event.claimant')}</th>
                        <th scope="col">{t('event.measure')}</th>
                        <th scope="col">{t('event.victim')}</th>
                        <th scope="col">{t('event.count')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {incident.claims.flatMap((claim, i) =>
                        claim.figures.map((figure, j) => (
                          <tr
                            key={`${i}-${j}`}
                            {...point(`claim:${claim.claimant ?? 'unattributed'}`)}
                          >
                            <td>
                              {claim.claimant === null
                                ? t('event.unattributed')
                                : actorLabel(claim.claimant)}
                            </td>
                            <td>{measure(figure.measure)}</td>
                            <td>
                              {figure.victim === null
                                ? t('common.unknown')
                                : actorLabel(figure.victim)}
                            </td>
                            <td>
                              {figure.count === null ? t('common.unknown') : num(figure.count)}
                            </td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                )}
              </article>
            );
          })}
          {reading.notes.length > 0 && (
            <section class="warnings" aria-labelledby={`warnings-title-${String(n)}`}>
              <h3 id={`warnings-title-${String(n)}`}>{t('add.warnings')}</h3>
              <ul>
                {reading.notes.map((note) => (
                  <li key={note.text} dir={shownAsMade(note) ? 'auto' : undefined}>
                    {noteLabel(note)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <div class="report">
          <h3>{t('add.asRead')}</h3>
          <ReportText text={reading.text} evidence={evidence} active={active} onPoint={setActive} />
        </div>
      </div>
    </section>
  );
}
