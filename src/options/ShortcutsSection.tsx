import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type MessageKey, t } from '../shared/i18n.ts';

interface Shortcut {
  name: string;
  shortcut: string;
}

/** Our own descriptions, so that the list follows the language override too. */
const DESCRIPTIONS: Record<string, MessageKey> = {
  _execute_action: 'commandOpenPopup',
  'focus-search': 'commandFocusSearch',
  'undo-last-job': 'commandUndoLastJob',
};

const isFirefox = () => browser.runtime.getURL('').startsWith('moz-extension:');

/**
 * Firefox 137+ opens its shortcut settings through commands.openShortcutSettings; Chrome lets an
 * extension page open chrome://extensions/shortcuts with tabs.create. Where neither works, the path is shown.
 */
async function openShortcutSettings(): Promise<boolean> {
  const commands = browser.commands as typeof browser.commands & {
    openShortcutSettings?: () => Promise<void>;
  };
  try {
    if (isFirefox()) {
      if (!commands.openShortcutSettings) return false;
      await commands.openShortcutSettings();
      return true;
    }
    await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    return true;
  } catch {
    return false;
  }
}

export function ShortcutsSection() {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  const [showPath, setShowPath] = useState(false);
  useEffect(() => {
    browser.commands
      .getAll()
      .then((all) => setShortcuts(all.map((c) => ({ name: c.name ?? '', shortcut: c.shortcut ?? '' }))))
      .catch(() => setShortcuts([]));
  }, []);
  return (
    <section aria-labelledby="shortcuts-heading" class="card">
      <h2 id="shortcuts-heading">{t('optionsShortcutsHeading')}</h2>
      <table class="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('optionsShortcutAction')}</th>
            <th scope="col">{t('optionsShortcutKeys')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((s) => {
            const key = DESCRIPTIONS[s.name];
            return (
              <tr key={s.name} data-command={s.name}>
                <td>{key ? t(key) : s.name}</td>
                <td>
                  {s.shortcut ? (
                    <kbd>{s.shortcut}</kbd>
                  ) : (
                    <span class="muted">{t('optionsShortcutNone')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          onClick={async () => setShowPath(!(await openShortcutSettings()))}
        >
          {t('optionsShortcutsChange')}
        </button>
      </div>
      {showPath && (
        <p class="muted" role="status">
          {isFirefox() ? t('optionsShortcutsPathFirefox') : t('optionsShortcutsPathChrome')}
        </p>
      )}
    </section>
  );
}
