// "Vyer": the saved views that apply to this tool (its own and every tool's), applied with one click
// (or Alt+1…9), and the current search and chips saved under a name (Alt+S), renamed or deleted
// (after a small confirmation). Loaded when there is a view to list or one to save (SavedViews.tsx
// shows the frame until then); the forms are ViewForms.tsx, loaded when one opens (parts.ts).
// Names are untrusted text: rendered as text only.
import { useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n.ts';
import { isRestrictive, type SavedView } from '../../shared/plans.ts';
import { trusted } from '../core/trusted.ts';
import type { Plans } from '../dialog/plans.ts';
import { useSaveRequests, useSubscription } from './hooks.ts';
import { LazyRenameView, LazySaveView, LazyViewDelete } from './parts.ts';
import { SaveViewButton, ViewsFrame } from './ViewsFrame.tsx';

/** The list's look, with the list: the panel's own styles (styles.ts) do not carry it. */
const CSS = `
ul.views-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; max-height: 160px; overflow: auto; }
ul.views-list li { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; font-size: 13px; }
ul.views-list .actions { margin-left: auto; }
button.link { border: 0; background: none; color: var(--accent); padding: 2px 4px; text-decoration: underline; }
`;

/** The forms' chunk starts loading as a button that opens one is pressed or focused. */
const preloadForms = () => {
  LazySaveView.preload();
  LazyRenameView.preload();
  LazyViewDelete.preload();
};

type Editing = { kind: 'save' } | { kind: 'rename'; view: SavedView } | { kind: 'delete'; view: SavedView };

function ViewItem(props: {
  view: SavedView;
  index: number;
  applied: boolean;
  missing: string[];
  onApply(): void;
  onRename(): void;
  onDelete(): void;
}) {
  const { view, index } = props;
  return (
    <li data-lk="view" data-view-id={view.id}>
      <button
        type="button"
        data-lk="view-apply"
        aria-pressed={props.applied}
        title={index < 9 ? t('viewApplyTitle', index + 1) : undefined}
        onClick={trusted(() => props.onApply())}
      >
        {view.name}
      </button>
      {view.toolId === null && <span class="muted"> · {t('viewScopeAll')}</span>}
      {props.applied && props.missing.length > 0 && (
        <span class="muted" data-lk="view-missing">
          {' · '}
          {t('viewClassesMissing', props.missing.join(', '))}
        </span>
      )}
      <span class="actions">
        <button
          type="button"
          class="link"
          data-lk="view-rename"
          onPointerDown={preloadForms}
          onFocus={preloadForms}
          onClick={trusted(() => props.onRename())}
        >
          {t('viewRename')}
        </button>
        <button
          type="button"
          class="link"
          data-lk="view-delete"
          onPointerDown={preloadForms}
          onFocus={preloadForms}
          onClick={trusted(() => props.onDelete())}
        >
          {t('viewDelete')}
        </button>
      </span>
    </li>
  );
}

export function Views({
  plans,
  classes,
  openSave = false,
}: {
  plans: Plans;
  classes: readonly string[];
  /** Loaded to save a view (SavedViews.tsx): the save form is open from the start. */
  openSave?: boolean;
}) {
  useSubscription(plans);
  const [editing, setEditing] = useState<Editing | null>(openSave ? { kind: 'save' } : null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  // Alt+S: the save form, its name field focused (NameForm focuses itself when it mounts).
  useSaveRequests(plans, () => {
    setEditing({ kind: 'save' });
    setStatus(null);
  });

  const views = plans.applicable;
  const applied = plans.applied;
  const current = plans.current();
  const restrictive = current !== null && isRestrictive(current);
  const close = () => {
    setEditing(null);
    // Focus goes back to "save view" once it is there again (it replaces the form).
    setTimeout(() => saveButton.current?.focus(), 0);
  };

  return (
    <ViewsFrame plans={plans}>
      <style>{CSS}</style>
      {views.length > 0 && (
        <ul class="views-list">
          {views.map((view, index) =>
            editing?.kind === 'rename' && editing.view.id === view.id ? (
              <li key={view.id}>
                <LazyRenameView
                  plans={plans}
                  view={view}
                  onDone={(text) => {
                    setStatus(text);
                    close();
                  }}
                  onCancel={close}
                />
              </li>
            ) : editing?.kind === 'delete' && editing.view.id === view.id ? (
              <li key={view.id} data-lk="view-delete-confirm">
                <LazyViewDelete
                  plans={plans}
                  view={view}
                  onDone={(outcome) => {
                    if ('status' in outcome) {
                      setStatus(outcome.status);
                      setError(null);
                    } else setError(outcome.error);
                    close();
                  }}
                  onCancel={close}
                />
              </li>
            ) : (
              <ViewItem
                key={view.id}
                view={view}
                index={index}
                applied={applied?.id === view.id}
                missing={view.filters.classes.filter((c) => !classes.includes(c))}
                onApply={() => {
                  plans.apply(view);
                  setStatus(null);
                }}
                onRename={() => setEditing({ kind: 'rename', view })}
                onDelete={() => setEditing({ kind: 'delete', view })}
              />
            ),
          )}
        </ul>
      )}
      {editing?.kind === 'save' ? (
        <LazySaveView
          plans={plans}
          initial={applied?.name ?? ''}
          note={restrictive ? null : t('viewEmptyFilters')}
          onDone={(text) => {
            setStatus(text);
            close();
          }}
          onCancel={close}
        />
      ) : (
        <SaveViewButton
          restrictive={restrictive}
          buttonRef={saveButton}
          onPreload={preloadForms}
          onOpen={() => {
            setEditing({ kind: 'save' });
            setStatus(null);
          }}
        />
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <p class="muted" role="status" data-lk="view-status">
          {status}
        </p>
      )}
    </ViewsFrame>
  );
}
