import { useI18n } from './i18n/context.js';
import { onLinkClick, useRoute, type Route } from './router.js';
import { useSession } from './session.js';
import { EventsPage } from './pages/EventsPage.js';
import { EventPage } from './pages/EventPage.js';
import { AddReportPage } from './pages/AddReportPage.js';
import { QueuePage } from './pages/QueuePage.js';
import { AdminPage } from './pages/AdminPage.js';
import { SignInPage } from './pages/SignInPage.js';

function Page({ route }: { route: Route }) {
  const { t } = useI18n();
  const { canEdit } = useSession();
  switch (route.page) {
    case 'events':
      return <EventsPage query={route.query} key={route.query.toString()} />;
    case 'event':
      return <EventPage id={route.id} key={route.id} />;
    case 'add':
      return canEdit ? <AddReportPage /> : <p>{t('admin.forbidden')}</p>;
    case 'queue':
      return <QueuePage />;
    case 'admin':
      return <AdminPage />;
    case 'signin':
      return <EventsPage query={new URLSearchParams()} />;
    case 'missing':
      return <p>{t('page.missing')}</p>;
  }
}

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'ar' ? 'en' : 'ar';
  return (
    <button
      type="button"
      class="lang-switch"
      lang={other}
      aria-label={t('lang.switchLabel')}
      onClick={() => {
        setLang(other);
      }}
    >
      {t('lang.switch')}
    </button>
  );
}

function Who() {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  if (user === null || user === undefined) return null;
  return (
    <div class="who">
      <span dir="auto">
        {t('auth.signedInAs', { name: user.name, role: t(`role.${user.role}`) })}
      </span>
      <button type="button" onClick={() => void signOut()}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}

export function App() {
  const { t } = useI18n();
  const route = useRoute();
  const { user, canEdit, isAdmin } = useSession();
  const link = (href: string, page: Route['page'], label: string) => (
    <a href={href} aria-current={route.page === page ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <div class="shell" onClick={onLinkClick}>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header class="top">
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        {user !== null && user !== undefined && (
          <nav aria-label={t('nav.main')}>
            {link('/events', 'events', t('nav.events'))}
            {link('/queue', 'queue', t('nav.queue'))}
            {canEdit && link('/add', 'add', t('nav.add'))}
            {isAdmin && link('/admin', 'admin', t('nav.admin'))}
          </nav>
        )}
        <span class="spacer" />
        <Who />
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        {user === undefined ? (
          <p>{t('common.loading')}</p>
        ) : user === null ? (
          <SignInPage />
        ) : (
          <Page route={route} />
        )}
      </main>
    </div>
  );
}
