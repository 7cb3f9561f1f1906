import { useI18n } from '../i18n/context.js';
import type { Count } from '../api/types.js';
import type { Filter } from '../filter.js';
import { eventTypes } from '../vocabulary/colors.js';
import { useGovernorates, useTypeLabel } from '../vocabulary/labels.js';
import { useSession } from '../session.js';
import { fieldText } from '../forms.js';
import { DateField } from '../event/DateField.js';
import { useActorLabel } from '../vocabulary/actors.js';
import { Options } from '../forms-ui.js';

const statuses = ['unreviewed', 'reviewed', 'verified', 'disputed', 'rejected'] as const;

interface Props {
  filter: Filter;
  actors: readonly Count[];
  claimants: readonly Count[];
  onChange: (filter: Filter) => void;
}

/** The form keeps the filter in its fields; applying it writes the page's address. */
export function FilterBar({ filter, actors, claimants, onChange }: Props) {
  const { t, num } = useI18n();
  const typeLabel = useTypeLabel();
  const actorLabel = useActorLabel();
  const governorates = useGovernorates();
  const { canEdit } = useSession();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next: Filter = {};
    for (const key of form.keys()) {
      const text = fieldText(form, key);
      if (text !== '') (next as Record<string, string>)[key] = text;
    }
    onChange(next);
  };
  const select = (
    name: keyof Filter,
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <label>
      {label}
      <select name={name} value={filter[name] ?? ''} key={`${name}-${filter[name] ?? ''}`}>
        <option value="">{t('filter.any')}</option>
        <Options options={options} />
      </select>
    </label>
  );
  const counted = (list: readonly Count[]) =>
    list.map((c) => ({ value: c.key, label: `${actorLabel(c.key)} (${num(c.count)})` }));
  return (
    <form
      class="filter-bar"
      onSubmit={submit}
      aria-label={t('filter.title')}
      key={JSON.stringify(filter)}
    >
      <DateField name="from" label={t('filter.from')} value={filter.from ?? ''} />
      <DateField name="to" label={t('filter.to')} value={filter.to ?? ''} />
      {select(
        'governorate',
        t('filter.governorate'),
        governorates.map((g) => ({ value: g.pcode, label: g.name })),
      )}
      {select(
        'type',
        t('filter.type'),
        eventTypes.map((type) => ({ value: type, label: typeLabel(type) })),
      )}
      {select('actor', t('filter.actor'), counted(actors))}
      {select('claimant', t('filter.claimant'), counted(claimants))}
      {select(
        'status',
        t('filter.status'),
        statuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
      )}
      <label class="grow">
        {t('filter.search')}
        <input type="search" name="search" value={filter.search ?? ''} dir="auto" />
      </label>
      {canEdit &&
        select('private', t('filter.private'), [
          { value: 'only', label: t('filter.privateOnly') },
          { value: 'none', label: t('filter.publicOnly') },
        ])}
      <div class="actions">
        <button type="submit" class="primary">
          {t('filter.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            onChange({});
          }}
        >
          {t('filter.clear')}
        </button>
      </div>
    </form>
  );
}
