import { type MessageKey, t } from '../shared/i18n.ts';
import type { PageModeReason } from '../shared/store.ts';
import type { AccountState } from './client-types.ts';
import { Notice } from './ui/Notice.tsx';

/** What the popup's state line is about: the account, or page mode (which overrides the account's). */
export type NoticeState = AccountState | 'page-mode';

const PAGE_MODE_WHY: Record<PageModeReason, MessageKey> = {
  absent: 'pageModeWhyAbsent',
  unreachable: 'pageModeWhyUnreachable',
  'session-expired': 'pageModeWhyExpired',
  forced: 'pageModeWhyForced',
};

/** Every state but "signed in" says what is wrong in the administrator's words, and what to do. */
export function StateNotice(props: {
  state: NoticeState;
  hasData: boolean;
  /** Why page mode (state 'page-mode' only). */
  modeReason?: PageModeReason | null;
  /** A request is under way (the retry buttons wait for it). */
  busy?: boolean;
  onOpenSkolon(): void;
  onRetry(): void;
  /** Page mode's "Försök igen": asks again whether the license API answers. */
  onRecheckMode?(): void;
}) {
  switch (props.state) {
    case 'signed-in':
      return null;
    case 'page-mode': {
      // Page mode explains itself; "never synced" or "log in" would contradict it (the reason says
      // when signing in again is what helps).
      const reason = props.modeReason ?? 'absent';
      return (
        <Notice tone="info" id="page-mode" title={t('pageModeLine')}>
          <p data-mode-reason={reason}>{t(PAGE_MODE_WHY[reason])}</p>
          {reason !== 'forced' && (
            <div class="actions">
              {reason === 'session-expired' && (
                <button type="button" onClick={props.onOpenSkolon}>
                  {t('stateSignInAgain')}
                </button>
              )}
              <button
                type="button"
                class="secondary"
                disabled={props.busy}
                onClick={props.onRecheckMode ?? props.onRetry}
              >
                {t('stateRetry')}
              </button>
            </div>
          )}
        </Notice>
      );
    }
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
