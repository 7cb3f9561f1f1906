import { useI18n } from './i18n/context.js';
import { onLinkClick, useRoute, type Route } from './router.js';
import { EventsPage } from './pages/EventsPage.js';

function Page({ route }: { route: Route }) {
  const { t } = useI18n();
  switch (route.page) {
    case 'events':
      return <EventsPage />;
    default:
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

export function App() {
  const { t } = useI18n();
  const route = useRoute();
  return (
    <div class="shell" onClick={onLinkClick}>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header class="top">
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <nav aria-label={t('nav.main')}>
          <a href="/events" aria-current={route.page === 'events' ? 'page' : undefined}>
            {t('nav.events')}
          </a>
        </nav>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </div>
  );
}
