import { useState } from 'preact/hooks';
import { Fragment } from 'preact';
import { apiSend } from '../api/client.js';
import { useI18n } from '../i18n/context.js';
import { DateField } from '../event/DateField.js';
import { ReadingPreview, type Reading } from '../event/ReadingPreview.js';
import { fieldText } from '../forms.js';

interface Saved {
  source: string;
  /** `added`, `known` (stored before), `failed`… */
  outcome: string;
  reason: string | null;
  document: string | null;
  events: string[];
  /** Facts it gave a report stored without them. */
  completed: Fact[];
  /** Facts it could not give one, and why. */
  not_completed: { facts: Fact[]; reason: string } | null;
  /** Facts it keeps that this paste gave otherwise: the stored ones stand. */
  differing: { fact: Fact; stored: string; given: string }[];
}

type Fact = 'published' | 'outlet' | 'url' | 'title';

/** Paste a report (or drop files), see what wathiq reads from it, then save it. */
export function AddReportPage() {
  const { t, date } = useI18n();
  const [preview, setPreview] = useState<Reading[] | null>(null);
  const [unread, setUnread] = useState<Saved[]>([]);
  const [saved, setSaved] = useState<Saved[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);

  const facts = (list: readonly Fact[]) =>
    list.map((f) => t(`fact.${f}`)).join(t('list.separator'));
  const outcomeOf = (s: Saved): string => {
    if (s.outcome === 'added') return t('add.saved');
    if (s.outcome !== 'known') return t('add.failed', { reason: s.reason ?? s.outcome });
    // A date as the reader writes dates; a title, outlet or address as it was given.
    const shown = (fact: Fact, value: string) => (fact === 'published' ? date(value) : value);
    const kept = s.differing.map((d) =>
      t('add.differs', {
        fact: t(`fact.${d.fact}`),
        stored: shown(d.fact, d.stored),
        given: shown(d.fact, d.given),
      }),
    );
    return [completionOf(s), ...kept].join(' ');
  };
  const completionOf = (s: Saved): string => {
    if (s.not_completed !== null)
      return t('add.notCompleted', {
        facts: facts(s.not_completed.facts),
        reason: s.not_completed.reason,
      });
    return s.completed.length > 0
      ? t('add.completed', { facts: facts(s.completed) })
      : t('add.known');
  };

  const body = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const value = (key: string) => {
      const v = fieldText(data, key);
      return v === '' ? null : v;
    };
    return {
      text: fieldText(data, 'text'),
      title: value('title'),
      outlet: value('outlet'),
      url: value('url'),
      published: value('published'),
    };
  };
  const run = async (work: () => Promise<void>) => {
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  const formOf = (event: Event) =>
    (event.currentTarget as HTMLElement).closest('form') as HTMLFormElement;

  return (
    <section class="add-page" aria-labelledby="add-title">
      <h1 id="add-title">{t('add.title')}</h1>
      <form
        class="stack"
        // What was read is of the text as it was: any change to the form asks for a new preview.
        onInput={() => {
          setPreview(null);
        }}
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void run(async () => {
            if (files.length > 0) {
              const upload = new FormData();
              for (const file of files) upload.append('file', file);
              const reply = await apiSend<{ reports: Saved[] }>('POST', '/reports/upload', upload);
              setSaved(reply.reports);
              setFiles([]);
            } else {
              setSaved([await apiSend<Saved>('POST', '/reports', body(form))]);
            }
            setPreview(null);
          });
        }}
      >
        <label>
          {t('add.text')}
          <textarea name="text" rows={10} dir="rtl" lang="ar" required={files.length === 0} />
        </label>
        <div class="row">
          <label>
            {t('add.title_')}
            <input name="title" dir="auto" />
          </label>
          <label>
            {t('add.outlet')}
            <input name="outlet" dir="auto" />
          </label>
          <label>
            {t('add.url')}
            <input name="url" type="url" dir="ltr" />
          </label>
          <DateField name="published" label={t('add.published')} value="" />
        </div>
        <div
          class={`drop ${dragging ? 'dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => {
            setDragging(false);
          }}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            setFiles([...(e.dataTransfer?.files ?? [])]);
            setPreview(null);
          }}
        >
          <p id="drop-hint">{t('add.files')}</p>
          {/* The native chooser speaks the browser's language («No file chosen»): it is
              hidden but keeps focus and keys (Space, Enter open it), its label is the button seen. */}
          <div class="file-pick">
            <input
              id="report-files"
              class="file-input"
              type="file"
              multiple
              accept=".txt,.html,.htm,.xml,.rss,.atom,.ndjson,.jsonl"
              aria-describedby="drop-hint files-chosen"
              onChange={(e) => {
                setFiles([...(e.currentTarget.files ?? [])]);
                setPreview(null);
              }}
            />
            <label for="report-files" class="file-button">
              {t('add.choose')}
            </label>
            <span id="files-chosen" aria-live="polite">
              {files.length === 0
                ? t('add.noFiles')
                : t('add.filesChosen', { count: files.length })}
            </span>
          </div>
          {files.length > 0 && (
            <ul>
              {files.map((f) => (
                <li key={f.name} dir="auto">
                  {f.name}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="actions">
          <button
            type="button"
            onClick={(e) => {
              const form = formOf(e);
              void run(async () => {
                if (files.length > 0) {
                  // Dropped or chosen files are read as saving would read them, one reading per report.
                  const upload = new FormData();
                  for (const file of files) upload.append('file', file);
                  const reply = await apiSend<{ readings: Reading[]; failed: Saved[] }>(
                    'POST',
                    '/reports/upload/preview',
                    upload,
                  );
                  setPreview(reply.readings);
                  setUnread(reply.failed);
                } else {
                  setPreview([await apiSend<Reading>('POST', '/reports/preview', body(form))]);
                  setUnread([]);
                }
              });
            }}
          >
            {t('add.preview')}
          </button>
          <button type="submit" class="primary">
            {t('add.save')}
          </button>
        </div>
      </form>
      {failure !== null && (
        <p class="error" role="alert">
          {t('common.error', { message: failure })}
        </p>
      )}
      {unread.length > 0 && (
        <ul class="error" role="alert">
          {unread.map((u) => (
            <li key={u.source}>
              <bdi>{u.source}</bdi>: {t('add.failed', { reason: u.reason ?? u.outcome })}
            </li>
          ))}
        </ul>
      )}
      {preview?.map((reading, n) => (
        <ReadingPreview
          key={`${reading.source}-${String(n)}`}
          reading={reading}
          n={n}
          focus={n === 0}
        />
      ))}
      {saved.length > 0 && (
        <section class="saved" role="status" aria-labelledby="saved-title">
          <h2 id="saved-title">{t('add.savedTitle')}</h2>
          <ul>
            {saved.map((s, k) => (
              <li key={`${s.source}-${k}`}>
                <span dir="auto">{s.source === 'pasted' ? t('add.pasted') : s.source}</span>
                {': '}
                {outcomeOf(s)}
                {s.events.length === 0 && s.outcome !== 'failed' && <> {t('add.noEvent')}</>}
                {s.events.map((id, n) => (
                  <Fragment key={id}>
                    {' '}
                    <a href={`/events/${encodeURIComponent(id)}`}>
                      {s.events.length === 1
                        ? t('add.openEvent')
                        : t('add.openEventN', { n: n + 1 })}
                    </a>
                  </Fragment>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
