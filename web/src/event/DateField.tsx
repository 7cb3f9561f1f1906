import { useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.js';
import { isoOf, localDigits, partsOf, type DayParts } from '../dates.js';

interface Props {
  label: string;
  /** The ISO day shown first ('' for none). */
  value: string;
  /** A form field of this name carries the ISO day (empty when none or not a day). */
  name?: string;
  /** Every change: the ISO day, '' for none, null while the parts name no day. */
  onChange?: (iso: string | null) => void;
}

/**
 * A day in the reader's language: the day and year in their digits, the month
 * by its name. Browsers draw `<input type="date">` in their own locale, which
 * can be mm/dd/yyyy under an Arabic page; this never is.
 */
export function DateField({ label, value, name, onChange }: Props) {
  const { t, lang } = useI18n();
  const [parts, setParts] = useState<DayParts>(() => {
    const p = partsOf(value);
    return { ...p, day: localDigits(lang, p.day), year: localDigits(lang, p.year) };
  });
  const months = useMemo(() => {
    const format = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-SY' : 'en-GB', {
      month: 'long',
      timeZone: 'UTC',
    });
    return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2001, i, 1))));
  }, [lang]);
  const iso = isoOf(parts);
  const update = (change: Partial<DayParts>) => {
    const next = { ...parts, ...change };
    setParts(next);
    onChange?.(isoOf(next));
  };
  return (
    <fieldset class="date-field" aria-invalid={iso === null}>
      <legend>{label}</legend>
      <label>
        <span class="sub-label">{t('date.day')}</span>
        <input
          inputMode="numeric"
          size={3}
          maxLength={2}
          value={parts.day}
          aria-invalid={iso === null}
          onInput={(e) => {
            update({ day: e.currentTarget.value });
          }}
        />
      </label>
      <label>
        <span class="sub-label">{t('date.month')}</span>
        <select
          value={parts.month}
          onChange={(e) => {
            update({ month: e.currentTarget.value });
          }}
        >
          <option value="">—</option>
          {months.map((month, i) => (
            <option value={String(i + 1)} key={month}>
              {month}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span class="sub-label">{t('date.year')}</span>
        <input
          inputMode="numeric"
          size={5}
          maxLength={4}
          value={parts.year}
          aria-invalid={iso === null}
          onInput={(e) => {
            update({ year: e.currentTarget.value });
          }}
        />
      </label>
      {name !== undefined && <input type="hidden" name={name} value={iso ?? ''} />}
      {iso === null && (
        <span class="error" role="alert">
          {t('date.invalid')}
        </span>
      )}
    </fieldset>
  );
}
