import { useEffect } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t, uiLocale } from '../shared/i18n.ts';

export function Options() {
  useEffect(() => {
    document.documentElement.lang = uiLocale();
    document.title = t('optionsTitle');
  }, []);
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p>{t('optionsIntro')}</p>
      <p class="muted">{t('optionsVersion', browser.runtime.getManifest().version)}</p>
    </main>
  );
}
