import { useI18n } from '../i18n/context.js';
import type { Count, Facets } from '../api/types.js';
import type { Filter } from '../filter.js';
import { useGovernorates, useTypeLabel } from '../vocabulary/labels.js';
import { useActorLabel } from '../vocabulary/actors.js';

interface Props {
  facets: Facets;
  onPick: (change: Partial<Filter>) => void;
}

/** Counts by type, governorate and actor for the current filter; a click narrows to one. */
export function Counts({ facets, onPick }: Props) {
  const { t, num } = useI18n();
  const typeLabel = useTypeLabel();
  const actorLabel = useActorLabel();
  const governorates = useGovernorates();
  const governorateName = (pcode: string) =>
    governorates.find((g) => g.pcode === pcode)?.name ?? pcode;
  const table = (
    title: string,
    list: readonly Count[],
    label: (key: string) => string,
    pick: (key: string) => Partial<Filter>,
  ) => (
    <div class="count-table">
      <h3>{title}</h3>
      <ul>
        {list.slice(0, 12).map((c) => (
          <li key={c.key}>
            <button
              type="button"
              class="link"
              onClick={() => {
                onPick(pick(c.key));
              }}
            >
              {label(c.key)}
            </button>
            <span class="n">{num(c.count)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
  return (
    <section class="counts" aria-label={t('events.counts')}>
      {table(t('events.byType'), facets.type, typeLabel, (key) => ({ type: key }))}
      {table(t('events.byGovernorate'), facets.governorate, governorateName, (key) => ({
        governorate: key,
      }))}
      {table(t('events.byActor'), facets.actor, actorLabel, (key) => ({ actor: key }))}
    </section>
  );
}
