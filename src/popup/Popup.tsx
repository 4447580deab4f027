import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t, uiLocale } from '../shared/i18n.ts';
import { request } from '../shared/protocol.ts';

type Status = { kind: 'loading' } | { kind: 'connected'; visits: number } | { kind: 'failed' };

export function Popup() {
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  useEffect(() => {
    document.documentElement.lang = uiLocale();
    request('listVisits', { limit: 1000 })
      .then(({ visits }) => setStatus({ kind: 'connected', visits: visits.length }))
      .catch(() => setStatus({ kind: 'failed' }));
  }, []);
  return (
    <main class="popup">
      <h1>{t('popupTitle')}</h1>
      {status.kind === 'connected' && (
        <p role="status">
          {t('popupConnected')} · {t('popupVisits', status.visits)}
        </p>
      )}
      {status.kind === 'failed' && <p role="alert">{t('popupNotConnected')}</p>}
      <button type="button" onClick={() => browser.runtime.openOptionsPage()}>
        {t('popupOpenOptions')}
      </button>
    </main>
  );
}
