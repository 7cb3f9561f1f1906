/**
 * Controls the app's forms share, written once: a form's closing buttons, a
 * select's options, a count of people.
 */
import type { Ref } from 'preact';
import { useI18n } from './i18n/context.js';

/** A form's last two buttons: the one that submits it, and the one that closes it unchanged. */
export function SaveCancel(props: { save?: string; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <button type="submit" class="primary">
        {props.save ?? t('common.save')}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('common.cancel')}
      </button>
    </>
  );
}

/** A select's options, each value with its label. */
export function Options(props: { options: readonly { value: string; label: string }[] }) {
  return (
    <>
      {props.options.map((o) => (
        <option value={o.value} key={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** A count of people: a whole number, none below nought. */
export function CountInput(props: {
  value: string;
  onValue: (value: string) => void;
  label?: string;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <input
      type="number"
      min={0}
      step={1}
      required={props.required}
      value={props.value}
      aria-label={props.label}
      ref={props.inputRef}
      onInput={(e) => {
        props.onValue(e.currentTarget.value);
      }}
    />
  );
}
