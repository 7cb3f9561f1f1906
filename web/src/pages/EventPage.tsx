import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Fragment, type ComponentChildren } from 'preact';
import { ApiError, apiSend } from '../api/client.js';
import { useApi } from '../api/useApi.js';
import type { Change, EventDetail, EventPage as EventList, Note, Place } from '../api/types.js';
import { incidentEvidence } from '../evidence/fields.js';
import { ReportText } from '../event/ReportText.js';
import { PlacePicker } from '../event/PlacePicker.js';
import { DateField } from '../event/DateField.js';
import { closeOnEscape, closeOnLeave, useFocusBack, useOpener } from '../event/picker.js';
import { useI18n } from '../i18n/context.js';
import { describeChange, groupChanges } from '../event/history.js';
import { isKey } from '../i18n/i18n.js';
import { shownAsMade, useNoteText } from '../notes.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { governorateName } from '../vocabulary/governorate.js';
import { subEventTypes, useGovernorates, useTypeLabel } from '../vocabulary/labels.js';
import { actorIds, claimantIds, useActorLabel } from '../vocabulary/actors.js';
import { CountInput, Options, SaveCancel } from '../forms-ui.js';

const measures = ['killed', 'injured', 'detained', 'missing', 'killed_or_injured'] as const;

const statuses = ['reviewed', 'verified', 'disputed', 'rejected', 'unreviewed'] as const;

interface Failure {
  conflict: boolean;
  message: string;
}

/**
 * What a split or a join did, said on the event the documenter lands on after
 * it and on the event a split made: that one starts unreviewed because no one
 * has reviewed it, not because the person who split it said so.
 */
type Notice = { split: string } | { splitFrom: string } | { joined: true };
const notices = new Map<string, Notice>();

function takeNotice(id: string): Notice | null {
  const notice = notices.get(id) ?? null;
  notices.delete(id);
  return notice;
}

type Editing =
  | null
  | 'place'
  | 'date'
  | 'type'
  | 'actor1'
  | 'actor2'
  /** The claimant of one report's claim, as the event shows it ('' for the outlet itself). */
  | { claim: string; document: string; claimant: string | null };

/**
 * One event: its fields, who claims which figures, each report's words behind
 * every field (pointing at a field lights its words, and the reverse), why each
 * report was linked, its history with revert, and the reviewer's tools.
 */
export function EventPage({ id }: { id: string }) {
  const { t, date, num, lang } = useI18n();
  const typeLabel = useTypeLabel();
  const actorLabel = useActorLabel();
  const noteLabel = useNoteText();
  const governorates = useGovernorates();
  const { canEdit, isAdmin } = useSession();
  const detail = useApi<EventDetail>(`/events/${encodeURIComponent(id)}`);
  const [active, setActive] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<Notice | null>(() => takeNotice(id));
  const remember = useOpener(editing !== null);

  const act = async (run: () => Promise<unknown>) => {
    setFailure(null);
    setNotice(null);
    try {
      await run();
      setEditing(null);
      detail.reload();
    } catch (error) {
      setFailure({
        // A join or split the grouping cannot honour: nothing changed, and the server says why.
        conflict: error instanceof ApiError && error.status === 409,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const correct = (field: string, value: unknown) =>
    act(() => apiSend('POST', `/events/${encodeURIComponent(id)}/corrections`, { field, value }));

  if (detail.error !== null)
    return <p class="error">{t('common.error', { message: detail.error.message })}</p>;
  if (detail.data === null) return <p>{t('common.loading')}</p>;
  const { event, reports, history } = detail.data;
  /** The places the reports name: a reason to link names them in the reader's language. */
  const places = reports.flatMap((r) =>
    r.incidents.flatMap((i) =>
      i.location === null
        ? []
        : [{ id: i.location.place_id, name_ar: i.location.name_ar, name_en: i.location.name_en }],
    ),
  );
  /** A reason in the reader's language; one shown as made (English) is isolated, keeping its own order. */
  const reason = (n: Note) => (shownAsMade(n) ? `\u2068${n.text}\u2069` : noteLabel(n, places));
  /** The incident by which a report is in this event (a report tells an event once). */
  const member = (document: string) =>
    event.members.find((m) => m.document === document)?.incident ?? null;
  /** The server names incidents by their store keys: a reader knows reports by their titles. */
  const readable = (message: string) =>
    message.replace(/\bsha256:[0-9a-f]+#[\w-]+/g, (key) => {
      const report = reports.find((r) => key.startsWith(`${r.document}#`));
      return `«${report?.title ?? report?.outlet ?? t('event.otherReport')}»`;
    });

  /**
   * Pointing at a field or a claim lights the words it was read from, and so
   * does the focus: on the element itself (a field), or on anything within it
   * (a claim's row, whose count's button is inside).
   */
  const lighting = (name: string, focus: 'self' | 'within') => {
    const on = () => {
      setActive(name);
    };
    const off = () => {
      setActive(null);
    };
    return focus === 'self'
      ? { onMouseEnter: on, onMouseLeave: off, onFocus: on, onBlur: off }
      : { onMouseEnter: on, onMouseLeave: off, onFocusCapture: on, onBlurCapture: off };
  };

  const field = (name: string, label: string, value: ComponentChildren, edit?: Editing) => (
    <div
      class={`field ${active === name ? 'lit' : ''}`}
      data-field={name}
      tabIndex={0}
      {...lighting(name, 'self')}
    >
      <dt>{label}</dt>
      <dd>
        {value}
        {canEdit && edit !== undefined && edit !== null && (
          <button
            type="button"
            class="link edit"
            aria-label={`${t('event.edit')}: ${label}`}
            onClick={(e) => {
              remember(e);
              setEditing(edit);
            }}
          >
            {t('event.edit')}
          </button>
        )}
      </dd>
    </div>
  );

  const governorate =
    event.location === null ? null : governorateName(lang, event.location, governorates);
  const place =
    event.location === null
      ? t('common.unknown')
      : `${lang === 'ar' ? event.location.name_ar : event.location.name_en}${
          governorate !== null ? ` · ${governorate}` : ''
        } (${t(`precision.${event.location.precision}`)})`;

  return (
    <article class="event-page" aria-labelledby="event-title">
      <p>
        <a href="/events">{t('event.back')}</a>
      </p>
      <h1 id="event-title">
        {typeLabel(event.sub_event_type)} —{' '}
        {event.location === null
          ? ''
          : lang === 'ar'
            ? event.location.name_ar
            : event.location.name_en}
      </h1>
      {failure !== null && (
        <p class="error" role="alert">
          {failure.conflict ? (
            <>
              {t('event.conflict')} <bdi dir="ltr">{readable(failure.message)}</bdi>
            </>
          ) : (
            t('common.error', { message: failure.message })
          )}
        </p>
      )}
      {notice !== null && (
        <p class="notice" role="status">
          {'split' in notice ? (
            <>
              {t('event.splitDone', { status: t(`status.${event.review_status}`) })}{' '}
              <a href={`/events/${encodeURIComponent(notice.split)}`}>{t('event.openSplit')}</a>
            </>
          ) : 'splitFrom' in notice ? (
            <>
              {t('event.splitFrom', { status: t(`status.${event.review_status}`) })}{' '}
              <a href={`/events/${encodeURIComponent(notice.splitFrom)}`}>
                {t('event.openSplitFrom')}
              </a>
            </>
          ) : (
            t('event.joinDone')
          )}
        </p>
      )}
      <div class="event-grid">
        <section aria-label={t('event.type')}>
          <dl class="fields">
            {field(
              'type',
              t('event.type'),
              `${typeLabel(event.event_type)} / ${typeLabel(event.sub_event_type)}`,
              'type',
            )}
            {field(
              'date',
              t('event.date'),
              event.date.start === null
                ? t('common.unknown')
                : date(event.date.start, event.date.precision),
              'date',
            )}
            {field('place', t('event.place'), place, 'place')}
            {field(
              'actor1',
              t('event.actor1'),
              event.actor1 === null ? t('common.unknown') : actorLabel(event.actor1),
              'actor1',
            )}
            {field(
              'actor2',
              t('event.actor2'),
              event.actor2 === null ? t('common.unknown') : actorLabel(event.actor2),
              'actor2',
            )}
            {field(
              'fatalities',
              t('event.fatalities'),
              event.fatalities === null
                ? t('common.none')
                : `${num(event.fatalities.low)} / ${num(event.fatalities.best)} / ${num(event.fatalities.high)}`,
            )}
            {field('status', t('event.status'), t(`status.${event.review_status}`))}
          </dl>
          {editing === 'place' && (
            <PlacePicker
              onPick={(p: Place) => void correct('place', { place_id: p.id })}
              onCancel={() => {
                setEditing(null);
              }}
            />
          )}
          {editing === 'date' && (
            <InlineEdit
              label={t('event.date')}
              type="date"
              initial={event.date.start ?? ''}
              onSave={(v) => void correct('date', { start: v, end: v, precision: 'day' })}
              onCancel={() => {
                setEditing(null);
              }}
            />
          )}
          {(editing === 'actor1' || editing === 'actor2') && (
            <InlineEdit
              label={t(`event.${editing}`)}
              initial={event[editing] ?? ''}
              choices={actorIds.map((a) => ({ value: a, label: actorLabel(a) }))}
              onSave={(v) => void correct(editing, v === '' ? null : v)}
              onCancel={() => {
                setEditing(null);
              }}
            />
          )}
          {editing === 'type' && (
            <InlineEdit
              label={t('event.type')}
              initial={event.sub_event_type}
              choices={subEventTypes.map((type) => ({ value: type, label: typeLabel(type) }))}
              onSave={(v) => void correct('sub_event_type', v)}
              onCancel={() => {
                setEditing(null);
              }}
            />
          )}
          {canEdit && (
            <div class="status-buttons" role="group" aria-label={t('event.status')}>
              {statuses
                .filter((s) => s !== event.review_status && (s !== 'verified' || isAdmin))
                .map((s) => (
                  <button
                    type="button"
                    key={s}
                    onClick={() =>
                      void act(() =>
                        apiSend('POST', `/events/${encodeURIComponent(id)}/status`, { status: s }),
                      )
                    }
                  >
                    {t('event.setStatus', { status: t(`status.${s}`) })}
                  </button>
                ))}
              <button
                type="button"
                aria-pressed={event.private}
                onClick={() => void correct('private', !event.private)}
              >
                {event.private ? t('event.makePublic') : t('event.makePrivate')}
              </button>
            </div>
          )}
          <h2>{t('event.claims')}</h2>
          <table class="claims">
            <thead>
              <tr>
                <th scope="col">{t('event.claimant')}</th>
                <th scope="col">{t('event.party')}</th>
                <th scope="col">{t('event.measure')}</th>
                <th scope="col">{t('event.victim')}</th>
                <th scope="col">{t('event.count')}</th>
                <th scope="col">{t('event.outlet')}</th>
                {canEdit && (
                  <th scope="col">
                    <span class="sr-only">{t('event.strike')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {event.claims.flatMap((claim, i) =>
                claim.figures.map((figure, j) => {
                  const name = `claim:${claim.claimant ?? 'unattributed'}`;
                  const claimant =
                    claim.claimant === null ? t('event.unattributed') : actorLabel(claim.claimant);
                  const what = isKey(`measure.${figure.measure}`)
                    ? t(`measure.${figure.measure}` as 'measure.killed')
                    : figure.measure;
                  const ref = {
                    document: claim.document,
                    claimant: claim.claimant,
                    measure: figure.measure,
                    victim: figure.victim,
                  };
                  return (
                    <tr
                      key={`${i}-${j}`}
                      class={active === name ? 'lit' : undefined}
                      // Focus lights a claim's words as pointing does (the count's button is inside).
                      {...lighting(name, 'within')}
                    >
                      {j === 0 && (
                        // A claim's claimant, side and outlet once, beside all its figures.
                        <td rowSpan={claim.figures.length}>
                          {canEdit ? (
                            <button
                              type="button"
                              class="link"
                              aria-label={t('event.claimantEdit', {
                                claimant,
                                outlet: claim.outlet ?? '',
                              })}
                              onClick={(e) => {
                                remember(e);
                                setEditing({
                                  claim: `claimant-${String(i)}`,
                                  document: claim.document,
                                  claimant: claim.claimant,
                                });
                              }}
                            >
                              {claimant}
                            </button>
                          ) : (
                            claimant
                          )}
                        </td>
                      )}
                      {j === 0 && (
                        <td rowSpan={claim.figures.length}>
                          {claim.party ? t('common.yes') : t('common.no')}
                        </td>
                      )}
                      <td>{what}</td>
                      <td>
                        {figure.victim === null ? t('common.unknown') : actorLabel(figure.victim)}
                      </td>
                      <td>
                        <CountCell
                          count={figure.count}
                          label={`${t('event.count')}: ${claimant} · ${what}`}
                          editable={canEdit}
                          onSave={(count) => void correct('claim', { ...ref, count })}
                        />
                      </td>
                      {j === 0 && (
                        <td dir="auto" rowSpan={claim.figures.length}>
                          {claim.outlet ?? ''}
                        </td>
                      )}
                      {canEdit && (
                        <td>
                          <button
                            type="button"
                            class="link"
                            aria-label={t('event.strikeLabel', { claimant, what })}
                            onClick={() => void correct('claim', { ...ref, struck: true })}
                          >
                            {t('event.strike')}
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
          {editing !== null && typeof editing === 'object' && (
            <InlineEdit
              key={editing.claim}
              label={t('event.claimant')}
              initial={editing.claimant ?? ''}
              unknownLabel={t('event.unattributed')}
              choices={claimantIds.map((c) => ({ value: c, label: actorLabel(c) }))}
              onSave={(v) =>
                void correct('claimant', {
                  document: editing.document,
                  claimant: editing.claimant,
                  to: v === '' ? null : v,
                })
              }
              onCancel={() => {
                setEditing(null);
              }}
            />
          )}
          {canEdit && (
            <AddClaim
              reports={reports.map((r) => ({
                document: r.document,
                name: r.title ?? r.outlet ?? t('event.untitled'),
              }))}
              onAdd={(claim) => void correct('add_claim', claim)}
            />
          )}
          <History
            history={history}
            canRevert={canEdit}
            onRevert={(changes) =>
              void act(async () => {
                // A change made of several decisions is put back whole in one request, or not at all.
                const { event: now } = await apiSend<{ event: string | null }>(
                  'POST',
                  '/audit/revert',
                  { ids: changes.map((change) => change.id) },
                );
                // A split put back regroups: the event may go by another id now.
                if (now !== null && now !== id) navigate(`/events/${encodeURIComponent(now)}`);
              })
            }
          />
          {canEdit && (
            <JoinBox
              // A fresh search after every change: the events found before may be gone.
              key={history.length}
              id={id}
              onJoin={(other, reason) =>
                void act(async () => {
                  const reply = await apiSend<{ event: string | null }>(
                    'POST',
                    `/events/${encodeURIComponent(id)}/join`,
                    { with: other, ...(reason === '' ? {} : { reason }) },
                  );
                  const joined = reply.event ?? id;
                  notices.set(joined, { joined: true });
                  if (joined === id) setNotice(takeNotice(id));
                  else navigate(`/events/${encodeURIComponent(joined)}`);
                })
              }
            />
          )}
        </section>
        <section aria-label={t('event.reports')} class="reports">
          <h2>{t('event.reports')}</h2>
          {reports.map((report) => (
            <article class="report" key={report.document}>
              <header>
                <h3 dir="auto">{report.title ?? report.outlet ?? t('event.untitled')}</h3>
                <p class="muted">
                  {[
                    report.outlet !== null && <span dir="auto">{report.outlet}</span>,
                    report.published !== null && date(report.published.slice(0, 10)),
                    report.url !== null && (
                      <a href={report.url} rel="noreferrer noopener" target="_blank" dir="ltr">
                        {report.url}
                      </a>
                    ),
                  ]
                    // Only what the report has, a dot between: no dot before the first.
                    .filter((part) => part !== false)
                    .map((part, i) => (
                      <Fragment key={i}>
                        {i > 0 && ' · '}
                        {part}
                      </Fragment>
                    ))}
                </p>
                <p class="why">
                  {report.linked_by.length === 0
                    ? t('event.firstReport')
                    : t('event.linkedBecause', {
                        why: report.linked_because.map((n) => reason(n)).join('، '),
                      })}
                </p>
              </header>
              <ReportText
                text={report.text}
                evidence={report.incidents.flatMap(incidentEvidence)}
                active={active}
                onPoint={setActive}
              />
              {canEdit && reports.length > 1 && member(report.document) !== null && (
                <SplitBox
                  report={report.title ?? report.outlet ?? t('event.untitled')}
                  onSplit={(reason) =>
                    void act(async () => {
                      const reply = await apiSend<{ event: string | null; rest: string | null }>(
                        'POST',
                        `/events/${encodeURIComponent(id)}/split`,
                        { incident: member(report.document), ...(reason === '' ? {} : { reason }) },
                      );
                      const stay = reply.rest ?? id;
                      if (reply.event !== null) {
                        notices.set(stay, { split: reply.event });
                        notices.set(reply.event, { splitFrom: stay });
                      }
                      if (stay === id) setNotice(takeNotice(id));
                      else navigate(`/events/${encodeURIComponent(stay)}`);
                    })
                  }
                />
              )}
            </article>
          ))}
        </section>
      </div>
    </article>
  );
}

/** A claim's count, corrected in place with a number field. */
function CountCell(props: {
  count: number | null;
  label: string;
  editable: boolean;
  onSave: (count: number | null) => void;
}) {
  const { t, num } = useI18n();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(props.count === null ? '' : String(props.count));
  const field = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // Opened by its button: the keyboard goes on in the number field, and back on the button after.
  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);
  useFocusBack(open, button);
  const shown = props.count === null ? t('common.none') : num(props.count);
  if (!props.editable) return <>{shown}</>;
  if (!open)
    return (
      <button
        ref={button}
        type="button"
        class="link"
        aria-label={`${t('event.edit')}: ${props.label}`}
        onClick={() => {
          setOpen(true);
        }}
      >
        {shown}
      </button>
    );
  return (
    <form
      class="count-edit"
      {...closeOnLeave(() => {
        setOpen(false);
      })}
      onSubmit={(e) => {
        e.preventDefault();
        setOpen(false);
        props.onSave(value.trim() === '' ? null : Number(value));
      }}
    >
      <CountInput value={value} onValue={setValue} label={props.label} inputRef={field} />
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}

function InlineEdit(props: {
  label: string;
  initial: string;
  type?: 'text' | 'date';
  /** A picker of these values instead of a text field. */
  choices?: { value: string; label: string }[];
  /** What the picker's empty choice is called («unknown» unless said). */
  unknownLabel?: string;
  onSave: (value: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(props.initial);
  const form = useRef<HTMLFormElement>(null);
  // Opened from a field's «تصحيح» button: the keyboard goes on in its first control.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, []);
  return (
    <form
      ref={form}
      class="inline-edit"
      {...closeOnLeave(props.onCancel)}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(value.trim());
      }}
    >
      {props.type === 'date' ? (
        <DateField
          label={props.label}
          value={value}
          onChange={(iso) => {
            setValue(iso ?? '');
          }}
        />
      ) : (
        <label>
          {props.label}
          {props.choices !== undefined ? (
            <select
              value={value}
              onChange={(e) => {
                setValue(e.currentTarget.value);
              }}
            >
              <option value="">{props.unknownLabel ?? t('common.unknown')}</option>
              <Options options={props.choices} />
            </select>
          ) : (
            <input
              value={value}
              dir="auto"
              onInput={(e) => {
                setValue(e.currentTarget.value);
              }}
            />
          )}
        </label>
      )}
      <SaveCancel onCancel={props.onCancel} />
    </form>
  );
}

/** A claim the machine missed: which report, who claims it, what, whose people, how many. */
function AddClaim(props: {
  reports: { document: string; name: string }[];
  onAdd: (claim: {
    document: string;
    claimant: string | null;
    measure: string;
    victim: string | null;
    count: number;
  }) => void;
}) {
  const { t } = useI18n();
  const actorLabel = useActorLabel();
  const [open, setOpen] = useState(false);
  const [document, setDocument] = useState(props.reports[0]?.document ?? '');
  const [claimant, setClaimant] = useState('');
  const [measure, setMeasure] = useState<string>('killed');
  const [victim, setVictim] = useState('');
  const [count, setCount] = useState('');
  const first = useRef<HTMLSelectElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  useFocusBack(open, opener);
  if (!open)
    return (
      <p>
        <button
          ref={opener}
          type="button"
          onClick={() => {
            setOpen(true);
          }}
        >
          {t('event.addClaim')}
        </button>
      </p>
    );
  const select = (
    label: string,
    value: string,
    set: (v: string) => void,
    options: { value: string; label: string }[],
    ref?: typeof first,
  ) => (
    <label>
      {label}
      <select
        ref={ref}
        value={value}
        onChange={(e) => {
          set(e.currentTarget.value);
        }}
      >
        <Options options={options} />
      </select>
    </label>
  );
  return (
    <form
      class="inline-edit add-claim"
      aria-label={t('event.addClaim')}
      {...closeOnEscape(() => {
        setOpen(false);
      })}
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(count);
        if (count.trim() === '' || !Number.isInteger(n) || n < 0) return;
        setOpen(false);
        props.onAdd({
          document,
          claimant: claimant === '' ? null : claimant,
          measure,
          victim: victim === '' ? null : victim,
          count: n,
        });
      }}
    >
      {select(
        t('event.report'),
        document,
        setDocument,
        props.reports.map((r) => ({ value: r.document, label: r.name })),
        first,
      )}
      {select(t('event.claimant'), claimant, setClaimant, [
        { value: '', label: t('event.unattributed') },
        ...claimantIds.map((c) => ({ value: c, label: actorLabel(c) })),
      ])}
      {select(
        t('event.measure'),
        measure,
        setMeasure,
        measures.map((m) => ({ value: m, label: t(`measure.${m}`) })),
      )}
      {select(t('event.victim'), victim, setVictim, [
        { value: '', label: t('common.unknown') },
        ...actorIds.map((a) => ({ value: a, label: actorLabel(a) })),
      ])}
      <label>
        {t('event.count')}
        <CountInput value={count} onValue={setCount} required />
      </label>
      <SaveCancel
        save={t('event.addClaimSave')}
        onCancel={() => {
          setOpen(false);
        }}
      />
    </form>
  );
}

function History(props: {
  history: Change[];
  canRevert: boolean;
  onRevert: (changes: Change[]) => void;
}) {
  const { t, lang, dateTime } = useI18n();
  return (
    <section class="history" aria-labelledby="history-title">
      <h2 id="history-title">{t('event.history')}</h2>
      {props.history.length === 0 && <p>{t('event.noHistory')}</p>}
      <ol class="changes">
        {groupChanges(props.history).map((changes) => {
          const [change] = changes;
          if (change === undefined) return null;
          const text = describeChange(change, lang);
          const when = dateTime(change.at);
          return (
            <li key={change.id} class="change" data-change={changes.map((c) => c.id).join(' ')}>
              <p class="change-what">
                <strong>{text.what}</strong>
                {text.revert && <span class="tag">{t('history.revertOf')}</span>}
              </p>
              <p class="change-values">
                <bdi class="before">{text.before}</bdi> {t('history.arrow')}{' '}
                <bdi class="after">{text.after}</bdi>
              </p>
              <p class="muted">
                {t('history.by', { name: change.by })} · <time dateTime={change.at}>{when}</time>
              </p>
              {change.reason !== null && (
                <p class="change-reason">{t('history.reason', { reason: change.reason })}</p>
              )}
              {props.canRevert && (
                <button
                  type="button"
                  aria-label={t('history.revertLabel', { what: text.what, when })}
                  onClick={() => {
                    props.onRevert(changes);
                  }}
                >
                  {t('event.revert')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Splitting a report off asks once more, and for a reason the history keeps. */
function SplitBox({ report, onSplit }: { report: string; onSplit: (reason: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  useFocusBack(open, opener);
  if (!open)
    return (
      <button
        ref={opener}
        type="button"
        class="split"
        aria-label={t('event.splitLabel', { report })}
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('event.split')}
      </button>
    );
  return (
    <form
      class="inline-edit split-form"
      {...closeOnEscape(() => {
        setOpen(false);
      })}
      aria-label={t('event.splitLabel', { report })}
      onSubmit={(e) => {
        e.preventDefault();
        onSplit(reason.trim());
      }}
    >
      <p>{t('event.splitExplain')}</p>
      <label>
        {t('event.reason')}
        <input
          ref={first}
          value={reason}
          dir="auto"
          onInput={(e) => {
            setReason(e.currentTarget.value);
          }}
        />
      </label>
      <SaveCancel
        save={t('event.splitConfirm')}
        onCancel={() => {
          setOpen(false);
        }}
      />
    </form>
  );
}

/** Finds another event by its words and joins it to this one: the same act. */
function JoinBox({ id, onJoin }: { id: string; onJoin: (other: string, reason: string) => void }) {
  const { t, date, lang } = useI18n();
  const typeLabel = useTypeLabel();
  const [words, setWords] = useState('');
  const [reason, setReason] = useState('');
  const query = useMemo(() => ({ search: words.trim(), limit: 10 }), [words]);
  const found = useApi<EventList>(words.trim().length < 2 ? null : '/events', query);
  const others = found.data?.events.filter((e) => e.id !== id) ?? [];
  return (
    <section class="join" aria-labelledby="join-title">
      <h2 id="join-title">{t('event.join')}</h2>
      <p class="muted" id="join-help">
        {t('event.joinHelp')}
      </p>
      <label>
        {t('event.joinSearch')}
        <input
          type="search"
          dir="auto"
          value={words}
          aria-describedby="join-help"
          onInput={(e) => {
            setWords(e.currentTarget.value);
          }}
        />
      </label>
      <label>
        {t('event.reason')}
        <input
          dir="auto"
          value={reason}
          onInput={(e) => {
            setReason(e.currentTarget.value);
          }}
        />
      </label>
      {found.data !== null && (
        <p role="status" class="muted">
          {t('event.joinFound', { count: others.length })}
        </p>
      )}
      <ul class="join-results">
        {others.map((e) => {
          const place =
            e.location === null
              ? t('common.unknown')
              : lang === 'ar'
                ? e.location.name_ar
                : e.location.name_en;
          const described = [
            typeLabel(e.sub_event_type),
            place,
            e.date.start === null ? t('common.unknown') : date(e.date.start, e.date.precision),
            ...(e.fatalities === null ? [] : [t('events.killed', { count: e.fatalities.best })]),
            t('events.reports', { count: e.members.length }),
          ].join(' · ');
          return (
            <li key={e.id}>
              <a href={`/events/${encodeURIComponent(e.id)}`}>{described}</a>{' '}
              <button
                type="button"
                aria-label={t('event.joinLabel', { event: described })}
                onClick={() => {
                  onJoin(e.id, reason.trim());
                }}
              >
                {t('event.joinThis')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
