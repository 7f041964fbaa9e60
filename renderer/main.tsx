import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/500.css';
import '@fontsource/sarabun/700.css';
import { App } from './app/App';
import { ApiProvider } from './app/ApiProvider';
import { AppThemeProvider } from './app/AppThemeProvider';
import { NotifyProvider } from './app/NotifyProvider';
import { SessionProvider } from './app/SessionProvider';
import { chooseTransport } from './app/transport';
import { I18nProvider } from './i18n/I18nProvider';
import { isDeviceRoute, WorkshopDeviceApp } from './features/workshop/WorkshopDeviceApp';

const transport = chooseTransport();
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <AppThemeProvider>
        <ApiProvider transport={transport}>
          <NotifyProvider>
            {/* A workshop device's page (#/join, #/sheet, #/projector) is its own small app without the workbench. */}
            {isDeviceRoute() ? (
              <WorkshopDeviceApp />
            ) : (
              <SessionProvider>
                <App />
              </SessionProvider>
            )}
          </NotifyProvider>
        </ApiProvider>
      </AppThemeProvider>
    </I18nProvider>
  </StrictMode>,
);
