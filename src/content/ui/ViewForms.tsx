// The forms of saved views (Views.tsx), loaded the first time one opens, with what they do
// (dialog/view-edits.ts): a name with its scope to save the panel's search and chips, a name to
// rename a view, and the confirmation before a view is deleted. Names are untrusted text: rendered
// as text only.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n.ts';
import type { SavedView } from '../../shared/plans.ts';
import { trusted } from '../core/trusted.ts';
import type { Plans, ViewScope } from '../dialog/plans.ts';
import { deleteView, renameView, saveView } from '../dialog/view-edits.ts';
import { Choice, FormFooter, SubForm } from './SubForm.tsx';

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
  // Focused as the form appears (Alt+S, then typing at once).
  useLayoutEffect(() => {
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
    <SubForm lk={`${props.id}-form`} onSubmit={() => void submit()} onCancel={() => props.onCancel()}>
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
          <Choice<ViewScope>
            name="lk-view-scope"
            lk="view-scope-tool"
            value="tool"
            current={scope}
            onChoose={setScope}
            label={t('viewScopeTool')}
            disabled={!props.toolKnown}
          />
          <Choice<ViewScope>
            name="lk-view-scope"
            lk="view-scope-all"
            value="all"
            current={scope}
            onChoose={setScope}
            label={t('viewScopeAll')}
          />
        </fieldset>
      )}
      <FormFooter
        lk={{ error: 'view-error', submit: 'view-save', cancel: 'view-cancel' }}
        error={error}
        submitLabel={t('viewSave')}
        saving={saving}
        onCancel={() => props.onCancel()}
      />
    </SubForm>
  );
}

/** Saves the panel's search and chips as a view (Alt+S, "Spara vy"); `onDone` gets what to say. */
export function SaveViewForm(props: {
  plans: Plans;
  initial: string;
  note: string | null;
  onDone(status: string): void;
  onCancel(): void;
}) {
  return (
    <NameForm
      id="view-save"
      initial={props.initial}
      scopes
      toolKnown={props.plans.toolKnown()}
      note={props.note}
      onSave={async (name, scope) => {
        const saved = await saveView(props.plans, name, scope);
        props.onDone(t('viewSaved', saved.name));
      }}
      onCancel={props.onCancel}
    />
  );
}

export function RenameViewForm(props: {
  plans: Plans;
  view: SavedView;
  onDone(status: string): void;
  onCancel(): void;
}) {
  return (
    <NameForm
      id="view-rename"
      initial={props.view.name}
      scopes={false}
      toolKnown={props.plans.toolKnown()}
      note={null}
      onSave={async (name) => {
        const saved = await renameView(props.plans, props.view, name);
        props.onDone(t('viewRenamed', saved.name));
      }}
      onCancel={props.onCancel}
    />
  );
}

/** "Ta bort vyn …?" with Delete and Cancel; `onDone` gets how it went. */
export function ViewDelete(props: {
  plans: Plans;
  view: SavedView;
  onDone(outcome: { status: string } | { error: string }): void;
  onCancel(): void;
}) {
  const remove = async () => {
    try {
      await deleteView(props.plans, props.view);
      props.onDone({ status: t('viewDeleted', props.view.name) });
    } catch (e) {
      props.onDone({ error: t('viewFailed', message(e)) });
    }
  };
  return (
    <>
      <p>{t('viewDeleteConfirm', props.view.name)}</p>
      <div class="row">
        <button type="button" class="danger" data-lk="view-delete-yes" onClick={trusted(() => void remove())}>
          {t('viewDelete')}
        </button>
        <button type="button" data-lk="view-delete-no" onClick={trusted(() => props.onCancel())}>
          {t('contentCancel')}
        </button>
      </div>
    </>
  );
}
