import type { IncidentDate } from '../../contracts/index.js';
import type { RuleUse } from '../01-read/index.js';
import { because } from '../01-read/index.js';
import type { IncidentDraft } from '../07-gather/index.js';
import type { BuildContext } from './context.js';
import { originalText, span } from './spans.js';

/**
 * When: the day a mention of the incident names (a day before a vaguer date),
 * else the last day the narrative named before it, else — for news — the
 * report's own day.
 */
export function chooseDate(
  ctx: BuildContext,
  draft: IncidentDraft,
): { date: IncidentDate; rules: RuleUse[] } {
  const { analysis } = ctx;
  const dated =
    draft.mentions.find((m) => m.date?.precision === 'day' && m.date.from !== null) ??
    draft.mentions.find((m) => m.date?.from != null);
  const expression = dated?.date ?? null;
  const first = draft.mentions[0];
  const fallback = first === undefined ? null : ctx.narrativeDay(first.clause.start);
  const chosen = expression ?? (draft.background ? null : fallback);
  if (chosen !== null && chosen.from !== null) {
    const s = span(analysis, chosen.start, chosen.end);
    const rule =
      expression !== null ? 'dates/named-in-the-act' : 'dates/last-day-the-narrative-named';
    return {
      date: {
        start: chosen.from,
        end: chosen.to,
        precision: chosen.precision,
        text: originalText(analysis, s),
        span: s,
      },
      rules: [because(rule)],
    };
  }
  if (analysis.published !== null && !draft.background) {
    return {
      date: {
        start: analysis.published,
        end: analysis.published,
        precision: 'day',
        text: null,
        span: null,
      },
      rules: [because('dates/publication-day')],
    };
  }
  return {
    date: { start: null, end: null, precision: 'unknown', text: null, span: null },
    rules: [because('dates/unknown')],
  };
}
