import { apiSend } from '../api/client.js';
import { useApi } from '../api/useApi.js';
import type { Change } from '../api/types.js';
import { useI18n } from '../i18n/context.js';
import { describeChange } from '../event/history.js';
import { describeAccountChange } from '../account-changes.js';
import { fieldText } from '../forms.js';
import { useSession, type Role } from '../session.js';

interface User {
  name: string;
  role: Role;
  disabled: boolean;
  created_at: string;
}

const roles: readonly Role[] = ['admin', 'editor', 'viewer'];

/** Changes to events are told in words, with a link to the event; accounts' as they are. */
const eventKinds = new Set(['status', 'privacy', 'decision', 'correction']);

/** Users and their roles, and the audit log of every change. */
export function AdminPage() {
  const { t, dateTime, lang } = useI18n();
  const { isAdmin } = useSession();
  const users = useApi<{ users: User[] }>(isAdmin ? '/users' : null);
  const audit = useApi<{ entries: Change[] }>(isAdmin ? '/audit' : null, { limit: 100 });
  if (!isAdmin) return <p>{t('admin.forbidden')}</p>;
  const change = async (name: string, patch: Partial<Pick<User, 'role' | 'disabled'>>) => {
    await apiSend('PATCH', `/users/${encodeURIComponent(name)}`, patch);
    users.reload();
    audit.reload();
  };
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <h2>{t('admin.users')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.role')}</th>
            <th scope="col">{t('admin.disabled')}</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.users.map((user) => (
            <tr key={user.name}>
              <td dir="auto">{user.name}</td>
              <td>
                <select
                  aria-label={`${t('admin.role')}: ${user.name}`}
                  value={user.role}
                  onChange={(e) => void change(user.name, { role: e.currentTarget.value as Role })}
                >
                  {roles.map((r) => (
                    <option value={r} key={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {user.disabled ? (
                  t('common.yes')
                ) : (
                  <button type="button" onClick={() => void change(user.name, { disabled: true })}>
                    {t('admin.disable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        class="row add-user"
        aria-label={t('admin.add')}
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          void apiSend('POST', '/users', {
            name: fieldText(data, 'name'),
            role: fieldText(data, 'role'),
            password: fieldText(data, 'password'),
          }).then(() => {
            form.reset();
            users.reload();
            audit.reload();
          });
        }}
      >
        <label>
          {t('admin.name')}
          <input name="name" required dir="auto" autoComplete="off" />
        </label>
        <label>
          {t('admin.role')}
          <select name="role">
            {roles.map((r) => (
              <option value={r} key={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('auth.password')}
          <input
            name="password"
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
          />
        </label>
        <button type="submit" class="primary">
          {t('admin.add')}
        </button>
      </form>
      <h2>{t('admin.audit')}</h2>
      <table class="audit">
        <thead>
          <tr>
            <th scope="col">{t('admin.when')}</th>
            <th scope="col">{t('admin.who')}</th>
            <th scope="col">{t('admin.what')}</th>
            <th scope="col">{t('admin.before')}</th>
            <th scope="col">{t('admin.after')}</th>
          </tr>
        </thead>
        <tbody>
          {audit.data?.entries.map((entry) => (
            <tr key={entry.id}>
              <td>{dateTime(entry.at)}</td>
              <td dir="auto">{entry.by}</td>
              {eventKinds.has(entry.kind) ? (
                <>
                  <td>
                    {entry.event === null ? (
                      describeChange(entry, lang).what
                    ) : (
                      <a href={`/events/${encodeURIComponent(entry.event)}`}>
                        {describeChange(entry, lang).what}
                      </a>
                    )}
                  </td>
                  <td>
                    <bdi>{describeChange(entry, lang).before}</bdi>
                  </td>
                  <td>
                    <bdi>{describeChange(entry, lang).after}</bdi>
                  </td>
                </>
              ) : (
                <AccountChange entry={entry} />
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A change to a user, a token or a report, in the reader's words. */
function AccountChange({ entry }: { entry: Change }) {
  const { lang } = useI18n();
  const text = describeAccountChange(entry, lang);
  return (
    <>
      <td>{text.asMade ? <code>{text.what}</code> : text.what}</td>
      <td>
        <bdi>{text.before}</bdi>
      </td>
      <td>
        <bdi>{text.after}</bdi>
      </td>
    </>
  );
}
