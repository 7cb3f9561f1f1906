import { render } from 'preact';
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { App } from './app.js';
import { I18nProvider } from './i18n/context.js';
import { SessionProvider } from './session.js';
import { sendEventsPageEarly } from './pages/EventsPage.js';
import { parseRoute } from './router.js';

// The events page's data is asked for beside the session, not after it.
if (parseRoute(location.pathname, location.search).page === 'events')
  sendEventsPageEarly(location.search);

const root = document.getElementById('app');
if (root !== null)
  render(
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>,
    root,
  );
