// What the saved-views section shows whether or not its full part has loaded (SavedViews.tsx
// decides, Views.tsx is the full part): the heading, the line for no views or an unreadable list,
// and the "save view" button.
import type { ComponentChildren, Ref } from 'preact';
import { t } from '../../shared/i18n.ts';
import { trusted } from '../core/trusted.ts';
import type { Plans } from '../dialog/plans.ts';

export function ViewsFrame({ plans, children }: { plans: Plans; children: ComponentChildren }) {
  return (
    <section class="views" aria-labelledby="lk-views-title" data-lk="views">
      <h3 class="subtitle" id="lk-views-title">
        {t('viewHeading')}
      </h3>
      {plans.loadFailed && <p class="muted">{t('viewLoadFailed')}</p>}
      {!plans.loadFailed && plans.applicable.length === 0 && <p class="muted">{t('viewNone')}</p>}
      {children}
    </section>
  );
}

/** "Spara som vy…", usable once the search or a chip narrows the rows (an empty view is refused). */
export function SaveViewButton(props: {
  restrictive: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
  /** Starts loading what the press opens (pointerdown or focus). */
  onPreload(): void;
  onOpen(): void;
}) {
  return (
    <button
      ref={props.buttonRef}
      type="button"
      data-lk="view-save-open"
      disabled={!props.restrictive}
      title={props.restrictive ? undefined : t('viewEmptyFilters')}
      onPointerDown={props.onPreload}
      onFocus={props.onPreload}
      onClick={trusted(() => props.onOpen())}
    >
      {t('viewSaveOpen')}
    </button>
  );
}
