import { useState } from 'preact/hooks';
import { apiSend } from '../api/client.js';
import type { Incident } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { useTypeLabel } from '../vocabulary/labels.js';
import { fieldText } from '../forms.js';

interface Preview {
  incidents: Incident[];
  warnings: string[];
}

interface Saved {
  document: string;
  events: string[];
}

/** Paste a report (or drop files), see what wathiq reads from it, then save it. */
export function AddReportPage() {
  const { t, date } = useI18n();
  const typeLabel = useTypeLabel();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saved, setSaved] = useState<Saved[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);

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
          <label>
            {t('add.published')}
            <input name="published" type="date" />
          </label>
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
          }}
        >
          <label>
            {t('add.files')}
            <input
              type="file"
              multiple
              accept=".txt,.html,.htm,.xml,.rss,.atom,.ndjson,.jsonl"
              onChange={(e) => {
                setFiles([...(e.currentTarget.files ?? [])]);
              }}
            />
          </label>
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
            disabled={files.length > 0}
            onClick={(e) => {
              const form = formOf(e);
              void run(async () => {
                setPreview(await apiSend<Preview>('POST', '/reports/preview', body(form)));
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
      {preview !== null && (
        <section class="preview" aria-label={t('add.preview')}>
          <h2>{t('add.incidents', { count: preview.incidents.length })}</h2>
          <ul>
            {preview.incidents.map((incident) => (
              <li key={incident.id}>
                <strong>{typeLabel(incident.sub_event_type)}</strong>
                {incident.date.start !== null && (
                  <> · {date(incident.date.start, incident.date.precision)}</>
                )}
                {incident.location !== null && <> · {incident.location.name_ar}</>}
                {incident.actors.length > 0 && (
                  <>
                    {' '}
                    · <span dir="ltr">{incident.actors.map((a) => a.id).join(', ')}</span>
                  </>
                )}
                {incident.fatalities !== null && (
                  <> · {t('events.killed', { count: incident.fatalities.best })}</>
                )}
                {incident.background && <> · {t('event.background')}</>}
              </li>
            ))}
          </ul>
          {preview.warnings.length > 0 && (
            <ul class="warnings">
              {preview.warnings.map((w) => (
                <li key={w} dir="auto">
                  {w}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {saved.length > 0 && (
        <section class="saved" role="status">
          <p>{t('add.saved')}</p>
          <ul>
            {saved.flatMap((s) =>
              s.events.map((id) => (
                <li key={id}>
                  <a href={`/events/${encodeURIComponent(id)}`}>{t('add.openEvent')}</a>
                </li>
              )),
            )}
          </ul>
        </section>
      )}
    </section>
  );
}
