import { useMemo } from 'preact/hooks';
import { segments, type Evidence } from '../evidence/segments.js';

interface Props {
  text: string;
  evidence: readonly Evidence[];
  active: string | null;
  onPoint: (field: string | null) => void;
}

/**
 * A report's text with its evidence marked. Every run is a text node: whatever
 * the report holds (markup, scripts) is shown as characters and never parsed.
 * Pointing at marked words lights the field they are evidence of.
 */
export function ReportText({ text, evidence, active, onPoint }: Props) {
  const runs = useMemo(() => segments(text, evidence), [text, evidence]);
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
            onMouseEnter={() => {
              onPoint(run.fields[0] ?? null);
            }}
            onMouseLeave={() => {
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
