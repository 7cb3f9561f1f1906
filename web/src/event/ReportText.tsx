import { useMemo } from 'preact/hooks';
import { segments, type Evidence } from '../evidence/segments.js';
import { useI18n } from '../i18n/context.js';
import type { Key } from '../i18n/i18n.js';
import { useActorLabel } from '../vocabulary/actors.js';

/** Of the fields words are evidence of, the one they light: the act's own words (`type`) cover the rest. */
function mainField(fields: readonly string[]): string | null {
  return fields.find((f) => f !== 'type') ?? fields[0] ?? null;
}

/** The fields evidence is of, by the names the event's field list shows. */
const FIELD_KEYS: Record<string, Key> = {
  type: 'event.type',
  date: 'event.date',
  place: 'event.place',
  actor1: 'event.actor1',
  actor2: 'event.actor2',
};

interface Props {
  text: string;
  evidence: readonly Evidence[];
  active: string | null;
  onPoint: (field: string | null) => void;
}

/**
 * A report's text with its evidence marked. Every run is a text node: whatever
 * the report holds (markup, scripts) is shown as characters and never parsed.
 * Pointing at marked words, or reaching them by keyboard, lights the field they
 * are evidence of; each says which field that is (its title, read as its
 * description).
 */
export function ReportText({ text, evidence, active, onPoint }: Props) {
  const { t } = useI18n();
  const actorLabel = useActorLabel();
  const runs = useMemo(() => segments(text, evidence), [text, evidence]);
  const fieldName = (field: string) => {
    const key = FIELD_KEYS[field];
    if (key !== undefined) return t(key);
    const claimant = field.startsWith('claim:') ? field.slice('claim:'.length) : null;
    if (claimant === null) return field;
    return `${t('event.claimant')}: ${
      claimant === 'unattributed' ? t('event.unattributed') : actorLabel(claimant)
    }`;
  };
  return (
    <div class="report-text" dir="rtl" lang="ar">
      {runs.map((run) =>
        run.fields.length === 0 ? (
          run.text
        ) : (
          <mark
            key={run.start}
            class={[
              run.fields.every((f) => f === 'type') ? 'context' : '',
              active !== null && run.fields.includes(active) ? 'lit' : '',
            ]
              .join(' ')
              .trim()}
            data-fields={run.fields.join(' ')}
            tabIndex={0}
            title={t('evidence.of', { fields: run.fields.map(fieldName).join('، ') })}
            onMouseEnter={() => {
              onPoint(mainField(run.fields));
            }}
            onMouseLeave={() => {
              onPoint(null);
            }}
            onFocus={() => {
              onPoint(mainField(run.fields));
            }}
            onBlur={() => {
              onPoint(null);
            }}
          >
            {run.text}
          </mark>
        ),
      )}
    </div>
  );
}
