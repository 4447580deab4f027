import { useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '../shared/i18n.ts';
import type { SavedView } from '../shared/plans.ts';
import {
  exportSettings,
  type ImportProblem,
  importSettings,
  type PortableSettings,
} from '../shared/settings-io.ts';
import { downloadText } from '../shared/ui/download.ts';
import { localToday } from '../shared/ui/format.ts';
import { ALLOW_LOCAL_ORIGINS } from './OriginsSection.tsx';

const PROBLEM_TEXT: Record<ImportProblem, MessageKey> = {
  notJson: 'importProblemNotJson',
  foreign: 'importProblemForeign',
  newerVersion: 'importProblemNewer',
  invalid: 'importProblemInvalid',
  tooLarge: 'importProblemTooLarge',
};

/**
 * Export to a file and import from one; an import that fails validation changes nothing. The file
 * carries the saved views too: the export asks for them, an import with views replaces them.
 */
export function SettingsFileSection(props: {
  settings: PortableSettings;
  loadViews(): Promise<SavedView[]>;
  /** `views` null: the file has none (version 1), the saved ones stay. */
  onImport(settings: PortableSettings, views: SavedView[] | null): Promise<void>;
}) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const onFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = importSettings(await file.text(), ALLOW_LOCAL_ORIGINS);
    if (!result.ok) {
      const key = PROBLEM_TEXT[result.problem];
      const why = result.detail ? t(key, result.detail) : t(key);
      setMessage({ ok: false, text: t('importRefused', file.name, why) });
      return;
    }
    try {
      // All or nothing: onImport throws before it changes anything else (the language included).
      await props.onImport(result.settings, result.views);
    } catch (error) {
      const why = t('importProblemSaveFailed', error instanceof Error ? error.message : String(error));
      setMessage({ ok: false, text: t('importRefused', file.name, why) });
      return;
    }
    setMessage({ ok: true, text: t('importDone', file.name) });
  };

  return (
    <section aria-labelledby="file-heading" class="card">
      <h2 id="file-heading">{t('optionsFileHeading')}</h2>
      <p class="muted">{t('optionsFileHelp')}</p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          data-export-settings
          onClick={async () => {
            let views: SavedView[];
            try {
              views = await props.loadViews();
            } catch (error) {
              const why = error instanceof Error ? error.message : String(error);
              setMessage({ ok: false, text: t('viewExportFailed', why) });
              return;
            }
            downloadText(
              `licenskoll-installningar-${localToday()}.json`,
              exportSettings(props.settings, views),
              'application/json',
            );
          }}
        >
          {t('optionsExportSettings')}
        </button>
        <button type="button" class="secondary" onClick={() => fileInput.current?.click()}>
          {t('optionsImportSettings')}
        </button>
        <input
          ref={fileInput}
          id="settings-file"
          hidden
          type="file"
          accept="application/json,.json"
          onChange={onFile}
        />
      </div>
      {message && (
        <p
          class={message.ok ? 'ok' : 'error'}
          role={message.ok ? 'status' : 'alert'}
          data-import-result={message.ok ? 'ok' : 'refused'}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
