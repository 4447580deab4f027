// "Vyer": the saved views that apply to this tool (its own and every tool's), applied with one click
// (or Alt+1…9), and the current search and chips saved under a name (Alt+S), renamed or deleted
// (after a small confirmation). Names are untrusted text: rendered as text only.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n.ts';
import { isRestrictive, type SavedView } from '../../shared/plans.ts';
import { isTrustedEvent, trusted } from '../core/trusted.ts';
import type { Plans, ViewScope } from '../dialog/plans.ts';
import { FormFooter } from './FormFooter.tsx';
import { useSubscription } from './hooks.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A name field with Save and Cancel: saving a new view (with its scope) or renaming one. */
function NameForm(props: {
  id: string;
  initial: string;
  scopes: boolean;
  toolKnown: boolean;
  note: string | null;
  onSave(name: string, scope: ViewScope): Promise<void>;
  onCancel(): void;
}) {
  const [name, setName] = useState(props.initial);
  const [scope, setScope] = useState<ViewScope>(props.toolKnown ? 'tool' : 'all');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const submit = async () => {
    setSaving(true);
    try {
      await props.onSave(name, scope);
    } catch (e) {
      setError(message(e));
      setSaving(false);
      input.current?.focus();
    }
  };
  return (
    <form
      class="subform"
      data-lk={`${props.id}-form`}
      onSubmit={(event) => {
        event.preventDefault();
        if (isTrustedEvent(event)) void submit();
      }}
      onKeyDown={(event) => {
        if (isTrustedEvent(event) && event.key === 'Escape') {
          event.stopPropagation();
          props.onCancel();
        }
      }}
    >
      {props.note && <p class="muted">{props.note}</p>}
      <label class="field">
        {t('viewNameLabel')}
        <input
          ref={input}
          type="text"
          data-lk="view-name"
          value={name}
          maxLength={80}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={error !== null}
          onInput={(e) => {
            setName((e.currentTarget as HTMLInputElement).value);
            setError(null);
          }}
        />
      </label>
      {props.scopes && (
        <fieldset>
          <legend>{t('viewScopeLegend')}</legend>
          <label class="choice">
            <input
              type="radio"
              name="lk-view-scope"
              data-lk="view-scope-tool"
              checked={scope === 'tool'}
              disabled={!props.toolKnown}
              onChange={trusted(() => setScope('tool'))}
            />
            {t('viewScopeTool')}
          </label>
          <label class="choice">
            <input
              type="radio"
              name="lk-view-scope"
              data-lk="view-scope-all"
              checked={scope === 'all'}
              onChange={trusted(() => setScope('all'))}
            />
            {t('viewScopeAll')}
          </label>
        </fieldset>
      )}
      <FormFooter
        lk={{ error: 'view-error', submit: 'view-save', cancel: 'view-cancel' }}
        error={error}
        submitLabel={t('viewSave')}
        saving={saving}
        onCancel={() => props.onCancel()}
      />
    </form>
  );
}

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
        <button type="button" class="link" data-lk="view-rename" onClick={trusted(() => props.onRename())}>
          {t('viewRename')}
        </button>
        <button type="button" class="link" data-lk="view-delete" onClick={trusted(() => props.onDelete())}>
          {t('viewDelete')}
        </button>
      </span>
    </li>
  );
}

export function Views({ plans, classes }: { plans: Plans; classes: readonly string[] }) {
  useSubscription(plans);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  // Alt+S: the save form, its name field focused (NameForm focuses itself when it mounts).
  const seenRequest = useRef(plans.saveRequest);
  useEffect(() => {
    if (plans.saveRequest === seenRequest.current) return;
    seenRequest.current = plans.saveRequest;
    setEditing({ kind: 'save' });
    setStatus(null);
  }, [plans.saveRequest]);

  const views = plans.applicable;
  const applied = plans.applied;
  const current = plans.current();
  const restrictive = current !== null && isRestrictive(current);
  const toolKnown = plans.toolKnown();
  const close = () => {
    setEditing(null);
    // Focus goes back to "save view" once it is there again (it replaces the form).
    setTimeout(() => saveButton.current?.focus(), 0);
  };

  return (
    <section class="views" aria-labelledby="lk-views-title" data-lk="views">
      <h3 class="subtitle" id="lk-views-title">
        {t('viewHeading')}
      </h3>
      {plans.loadFailed && <p class="muted">{t('viewLoadFailed')}</p>}
      {!plans.loadFailed && views.length === 0 && <p class="muted">{t('viewNone')}</p>}
      {views.length > 0 && (
        <ul class="views-list">
          {views.map((view, index) =>
            editing?.kind === 'rename' && editing.view.id === view.id ? (
              <li key={view.id}>
                <NameForm
                  id="view-rename"
                  initial={view.name}
                  scopes={false}
                  toolKnown={toolKnown}
                  note={null}
                  onSave={async (name) => {
                    const saved = await plans.rename(view, name);
                    setStatus(t('viewRenamed', saved.name));
                    close();
                  }}
                  onCancel={close}
                />
              </li>
            ) : editing?.kind === 'delete' && editing.view.id === view.id ? (
              <li key={view.id} data-lk="view-delete-confirm">
                <p>{t('viewDeleteConfirm', view.name)}</p>
                <div class="row">
                  <button
                    type="button"
                    class="danger"
                    data-lk="view-delete-yes"
                    onClick={trusted(async () => {
                      try {
                        await plans.remove(view);
                        setStatus(t('viewDeleted', view.name));
                        setError(null);
                      } catch (e) {
                        setError(t('viewFailed', message(e)));
                      }
                      close();
                    })}
                  >
                    {t('viewDelete')}
                  </button>
                  <button type="button" data-lk="view-delete-no" onClick={trusted(close)}>
                    {t('contentCancel')}
                  </button>
                </div>
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
        <NameForm
          id="view-save"
          initial={applied?.name ?? ''}
          scopes
          toolKnown={toolKnown}
          note={restrictive ? null : t('viewEmptyFilters')}
          onSave={async (name, scope) => {
            const saved = await plans.save(name, scope);
            setStatus(t('viewSaved', saved.name));
            close();
          }}
          onCancel={close}
        />
      ) : (
        <button
          ref={saveButton}
          type="button"
          data-lk="view-save-open"
          disabled={!restrictive}
          title={restrictive ? undefined : t('viewEmptyFilters')}
          onClick={trusted(() => {
            setEditing({ kind: 'save' });
            setStatus(null);
          })}
        >
          {t('viewSaveOpen')}
        </button>
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
    </section>
  );
}
