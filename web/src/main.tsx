import { render } from 'preact';
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { App } from './app.js';
import { I18nProvider } from './i18n/context.js';
import { SessionProvider } from './session.js';

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
