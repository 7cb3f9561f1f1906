import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.js';
import { useSession } from '../session.js';
import { fieldText } from '../forms.js';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setFailed(false);
    try {
      await signIn(fieldText(form, 'name'), fieldText(form, 'password'), fieldText(form, 'totp'));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="signin" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('auth.signIn')}</h1>
      <p>{t('auth.required')}</p>
      <form onSubmit={(e) => void submit(e)} class="stack">
        <label>
          {t('auth.name')}
          <input name="name" autoComplete="username" required dir="auto" />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <label>
          {t('auth.totp')}
          <input name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" />
        </label>
        {failed && (
          <p class="error" role="alert">
            {t('auth.failed')}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {t('auth.signIn')}
        </button>
      </form>
    </section>
  );
}
