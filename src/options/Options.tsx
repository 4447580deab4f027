import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type LanguageChoice, storedLanguageChoice, t } from '../shared/i18n.ts';
import { saveLanguageChoice } from '../shared/language-choice.ts';
import { apiOrigin } from '../shared/settings.ts';
import { LIMITS, type PortableSettings } from '../shared/settings-io.ts';
import { NumberField } from './NumberField.tsx';
import { OriginsSection } from './OriginsSection.tsx';
import { SettingsFileSection } from './SettingsFileSection.tsx';
import { ShortcutsSection } from './ShortcutsSection.tsx';
import {
  clearCache,
  listViews,
  loadSettings,
  portable as portableOf,
  replaceViews,
  type Settings,
  saveSettings,
} from './settings-port.ts';

/** The whole options page: every change is saved at once and confirmed in one live region. */
export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [language, setLanguage] = useState<LanguageChoice>('auto');
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [cacheCleared, setCacheCleared] = useState(false);
  // Re-render the whole page in the new language after an override.
  const [, setRevision] = useState(0);

  useEffect(() => {
    document.title = t('optionsTitle');
    storedLanguageChoice().then(setLanguage, () => undefined);
    loadSettings().then(setSettings, (e: unknown) => setFailure(String(e)));
  }, []);

  const save = async (patch: Partial<Settings>) => {
    try {
      setSettings(await saveSettings(patch));
      setStatus(t('optionsSaved'));
      setFailure(null);
    } catch (error) {
      setFailure(t('optionsSaveFailed', error instanceof Error ? error.message : String(error)));
    }
  };

  const changeLanguage = async (choice: LanguageChoice) => {
    await saveLanguageChoice(choice);
    setLanguage(choice);
    document.documentElement.lang = choice === 'auto' ? document.documentElement.lang : choice;
    document.title = t('optionsTitle');
    setRevision((r) => r + 1);
    setStatus(t('optionsSaved'));
  };

  const portable: PortableSettings | null = settings && { ...portableOf(settings), language };

  return (
    <main class="options">
      <header class="page-header">
        <h1>{t('optionsTitle')}</h1>
        <p class="muted">{t('optionsIntro')}</p>
      </header>
      <p class="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {failure && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
      {settings && portable && (
        <>
          <OriginsSection
            origins={settings.origins}
            inUse={apiOrigin(settings)}
            onChange={(origins) => save({ origins })}
            onUse={(origin) => save({ activeOrigin: origin })}
          />
          <section aria-labelledby="withdraw-heading" class="card">
            <h2 id="withdraw-heading">{t('optionsWithdrawHeading')}</h2>
            <NumberField
              id="confirm-threshold"
              label={t('optionsConfirmThreshold')}
              help={t('optionsConfirmThresholdHelp')}
              value={settings.confirmThreshold}
              {...LIMITS.confirmThreshold}
              onSave={(confirmThreshold) => save({ confirmThreshold })}
            />
            <details>
              <summary>{t('optionsAdvanced')}</summary>
              <NumberField
                id="batch-size"
                label={t('optionsBatchSize')}
                help={t('optionsBatchSizeHelp')}
                value={settings.batchSize}
                {...LIMITS.batchSize}
                onSave={(batchSize) => save({ batchSize })}
              />
              <NumberField
                id="concurrency"
                label={t('optionsConcurrency')}
                help={t('optionsConcurrencyHelp')}
                value={settings.concurrency}
                {...LIMITS.concurrency}
                onSave={(concurrency) => save({ concurrency })}
              />
            </details>
          </section>
          <section aria-labelledby="language-heading" class="card">
            <h2 id="language-heading">{t('optionsLanguageHeading')}</h2>
            <div class="field">
              <label for="language">{t('optionsLanguageLabel')}</label>
              <select
                id="language"
                value={language}
                onChange={(e) => changeLanguage(e.currentTarget.value as LanguageChoice)}
              >
                <option value="auto">{t('optionsLanguageAuto')}</option>
                <option value="sv">{t('languageSv')}</option>
                <option value="nb">{t('languageNb')}</option>
                <option value="en">{t('languageEn')}</option>
              </select>
            </div>
          </section>
          <ShortcutsSection />
          <section aria-labelledby="cache-heading" class="card">
            <h2 id="cache-heading">{t('optionsCacheHeading')}</h2>
            <p class="muted">{t('optionsCacheHelp')}</p>
            <button
              type="button"
              class="secondary"
              onClick={async () => {
                await clearCache();
                setCacheCleared(true);
                setStatus(t('optionsCacheCleared'));
              }}
            >
              {t('optionsClearCache')}
            </button>
            {cacheCleared && <p class="ok">{t('optionsCacheCleared')}</p>}
          </section>
          <SettingsFileSection
            settings={portable}
            loadViews={listViews}
            onImport={async ({ language: imported, ...rest }, views) => {
              // The settings first: if the background refuses them, this throws and the language
              // stays as it was (the file section says why). A language that cannot be switched
              // puts the previous settings back, so a failed import changes nothing.
              // The views last: if they are refused, the settings and the language go back too.
              const before = settings;
              const languageBefore = language;
              setSettings(await saveSettings({ ...rest, activeOrigin: null }));
              try {
                await changeLanguage(imported);
                if (views !== null) await replaceViews(views);
              } catch (error) {
                if (before) setSettings(await saveSettings(before).catch(() => before));
                await changeLanguage(languageBefore).catch(() => undefined);
                throw error;
              }
              setFailure(null);
            }}
          />
        </>
      )}
      <p class="muted small">{t('optionsVersion', browser.runtime.getManifest().version)}</p>
    </main>
  );
}
