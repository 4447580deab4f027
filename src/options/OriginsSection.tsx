import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type MessageKey, t } from '../shared/i18n.ts';
import {
  checkOrigin,
  coveredBy,
  DEFAULT_ORIGIN,
  type OriginProblem,
  permissionPattern,
} from '../shared/origins.ts';

const PROBLEM_TEXT: Record<OriginProblem, MessageKey> = {
  empty: 'originProblemEmpty',
  missingScheme: 'originProblemMissingScheme',
  garbage: 'originProblemGarbage',
  wildcard: 'originProblemWildcard',
  notHttps: 'originProblemNotHttps',
  hasPath: 'originProblemHasPath',
  ipAddress: 'originProblemIpAddress',
  localhost: 'originProblemLocalhost',
};

export const ALLOW_LOCAL_ORIGINS = __LICENSKOLL_FLAVOUR__ === 'sandbox';

async function hasAccess(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [permissionPattern(origin)] }).catch(() => false);
}

/** The manifest's own origins: their access is not optional, so removing one never gives it back. */
function staticPatterns(): string[] {
  const manifest = browser.runtime.getManifest();
  return [
    ...(manifest.host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((s) => s.matches ?? []),
  ];
}

/**
 * After an origin left the list: gives its optional host permission back, unless the manifest covers
 * it or another listed origin on the same host (another port) still needs it.
 */
async function releaseAccess(origin: string, remaining: string[]): Promise<void> {
  const pattern = permissionPattern(origin);
  if (coveredBy(staticPatterns(), origin)) return;
  if (remaining.some((o) => permissionPattern(o) === pattern)) return;
  await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
}

/**
 * Skolon origins: the first one is used for links and the API. Adding one asks the browser for that
 * one origin's host permission, inside the click (browsers only grant it from a user gesture); the
 * background then runs the content script there. Removing one gives the permission back.
 */
export function OriginsSection(props: {
  origins: string[];
  inUse: string;
  onChange(origins: string[]): Promise<void>;
  onUse(origin: string): Promise<void>;
}) {
  const { origins } = props;
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [access, setAccess] = useState<Record<string, boolean>>({});

  useEffect(() => {
    let live = true;
    Promise.all(origins.map(async (o) => [o, await hasAccess(o)] as const)).then((pairs) => {
      if (live) setAccess(Object.fromEntries(pairs));
    });
    return () => {
      live = false;
    };
  }, [origins]);

  const grant = async (origin: string): Promise<boolean> => {
    const granted = await browser.permissions
      .request({ origins: [permissionPattern(origin)] })
      .catch(() => false);
    setAccess((a) => ({ ...a, [origin]: granted }));
    return granted;
  };

  const add = async (event: Event) => {
    event.preventDefault();
    const checked = checkOrigin(draft, ALLOW_LOCAL_ORIGINS);
    if (!checked.ok) {
      setProblem(t(PROBLEM_TEXT[checked.problem]));
      return;
    }
    if (origins.includes(checked.origin)) {
      setProblem(t('originProblemDuplicate'));
      return;
    }
    // Ask first, in the click: if the administrator says no, nothing is saved.
    if (!(await grant(checked.origin))) {
      setProblem(t('originPermissionRefused'));
      return;
    }
    setProblem(null);
    setDraft('');
    await props.onChange([...origins, checked.origin]);
  };

  return (
    <section aria-labelledby="origins-heading" class="card">
      <h2 id="origins-heading">{t('optionsOriginsHeading')}</h2>
      <p class="muted">{t('optionsOriginsHelp')}</p>
      <ul class="origin-list">
        {origins.map((origin) => (
          <li key={origin} data-origin={origin}>
            <code>{origin}</code>
            {origin === props.inUse && <span class="tag">{t('optionsOriginInUse')}</span>}
            {access[origin] === false && (
              <button type="button" class="secondary small" onClick={() => grant(origin)}>
                {t('optionsOriginGrant')}
              </button>
            )}
            {origin !== props.inUse && (
              <button type="button" class="secondary small" onClick={() => props.onUse(origin)}>
                {t('optionsOriginUse')}
              </button>
            )}
            {origin !== DEFAULT_ORIGIN && (
              <button
                type="button"
                class="secondary small"
                aria-label={t('optionsOriginRemoveLabel', origin)}
                onClick={async () => {
                  const rest = origins.filter((o) => o !== origin);
                  const next = rest.length ? rest : [DEFAULT_ORIGIN];
                  // Saving unregisters the origin's content script (background); then its access goes.
                  await props.onChange(next);
                  await releaseAccess(origin, next);
                }}
              >
                {t('optionsOriginRemove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={add} noValidate>
        <label for="origin-input">{t('optionsOriginAddLabel')}</label>
        <div class="inline">
          <input
            id="origin-input"
            type="url"
            inputMode="url"
            value={draft}
            placeholder={DEFAULT_ORIGIN}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'origin-problem' : undefined}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit">{t('optionsOriginAdd')}</button>
        </div>
        {problem && (
          <p id="origin-problem" class="error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </section>
  );
}
