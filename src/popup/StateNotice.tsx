import { t } from '../shared/i18n.ts';
import { Notice } from '../shared/ui/Notice.tsx';
import type { AccountState } from './client-types.ts';

/** Every state but "signed in" says what is wrong in the administrator's words, and what to do. */
export function StateNotice(props: {
  state: AccountState;
  hasData: boolean;
  onOpenSkolon(): void;
  onRetry(): void;
}) {
  switch (props.state) {
    case 'signed-in':
      return null;
    case 'never-synced':
      return (
        <Notice tone="info" id="never-synced" title={t('stateNeverSyncedTitle')}>
          <p>{t('stateNeverSyncedText')}</p>
          <div class="actions">
            <button type="button" onClick={props.onOpenSkolon}>
              {t('stateOpenSkolon')}
            </button>
          </div>
        </Notice>
      );
    case 'session-expired':
      return (
        <Notice tone="warn" id="session-expired" title={t('stateSessionExpiredTitle')}>
          <p>{props.hasData ? t('stateSessionExpiredText') : t('stateSessionExpiredNoData')}</p>
          <div class="actions">
            <button type="button" onClick={props.onOpenSkolon}>
              {t('stateSignInAgain')}
            </button>
            <button type="button" class="secondary" onClick={props.onRetry}>
              {t('stateRetry')}
            </button>
          </div>
        </Notice>
      );
    case 'offline':
      return (
        <Notice tone="warn" id="offline" title={t('stateOfflineTitle')}>
          <p>{t('stateOfflineText')}</p>
          <div class="actions">
            <button type="button" class="secondary" onClick={props.onRetry}>
              {t('stateRetry')}
            </button>
          </div>
        </Notice>
      );
    case 'not-admin':
      return (
        <Notice tone="danger" id="not-admin" title={t('stateNotAdminTitle')}>
          <p>{t('stateNotAdminText')}</p>
        </Notice>
      );
  }
}
