import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import type { Assignee, AssignmentWithTool } from '../shared/model.ts';
import { formatCount, type UiLanguage } from '../shared/ui/format.ts';
import { isolate } from '../shared/ui/text.ts';
import type { PopupClient } from './client-types.ts';
import type { JobView } from './model/jobs-view.ts';
import { WithdrawFlow } from './WithdrawFlow.tsx';

export interface QuickWithdrawProps {
  client: PopupClient;
  language: UiLanguage;
  threshold: number;
  jobs: JobView[];
  onOpenSkolon?(): void;
}

/** Name, email or class → the person → their licenses across tools → tick → withdraw. */
export function QuickWithdrawPanel(props: QuickWithdrawProps) {
  const { client, language } = props;
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<Assignee[]>([]);
  const [searching, setSearching] = useState(false);
  const [person, setPerson] = useState<Assignee | null>(null);
  const [holdings, setHoldings] = useState<AssignmentWithTool[] | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setPeople([]);
      return;
    }
    const ticket = ++latest.current;
    // Type-ahead: wait for a pause in typing before asking.
    const timer = setTimeout(() => {
      setSearching(true);
      client
        .searchPeople(q, (found, final) => {
          if (ticket !== latest.current) return;
          setPeople(found);
          if (final) setSearching(false);
        })
        .catch((e: unknown) => {
          if (ticket === latest.current) {
            setSearching(false);
            setError(e instanceof Error ? e.message : String(e));
          }
        });
    }, 200);
    return () => clearTimeout(timer);
  }, [query, client]);

  const choose = async (p: Assignee) => {
    setPerson(p);
    setHoldings(null);
    setTicked(new Set());
    try {
      setHoldings(await client.holdingsOf(p));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const toggle = (id: string) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const n = (x: number) => formatCount(x, language);
  const items = (holdings ?? [])
    .filter((a) => ticked.has(a.id))
    .map((a) => ({ toolId: a.toolId, toolName: a.toolName, assignmentId: a.id }));

  return (
    <div class="panel" data-panel="quick">
      <div class="field">
        <label for="person-query">{t('quickSearchLabel')}</label>
        <input
          id="person-query"
          type="search"
          autoComplete="off"
          value={query}
          placeholder={t('quickSearchPlaceholder')}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setPerson(null);
            setError(null);
          }}
        />
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!person && query.trim().length >= 2 && (
        <>
          <p class="muted small" role="status">
            {searching ? t('quickSearching') : t('quickFound', n(people.length))}
          </p>
          <ul class="people" data-people>
            {people.map((p) => (
              <li key={`${p.type}:${p.id}`}>
                <button type="button" data-person-id={p.id} onClick={() => choose(p)}>
                  <strong>
                    <bdi>{p.name}</bdi>
                  </strong>{' '}
                  <span class="muted small">
                    <bdi>{describe(p)}</bdi>
                  </span>
                  {p.active === false && <span class="tag warn">{t('personInactive')}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {person && (
        <section aria-labelledby="holdings-heading" data-holdings-of={person.id}>
          <h2 id="holdings-heading">{t('quickHoldingsHeading', isolate(person.name))}</h2>
          {holdings === null ? (
            <p class="muted" role="status">
              {t('quickLoadingHoldings')}
            </p>
          ) : holdings.length === 0 ? (
            <p class="muted">{t('quickNoHoldings')}</p>
          ) : (
            <>
              <label class="holdings-all">
                <input
                  type="checkbox"
                  checked={ticked.size === holdings.length}
                  onChange={(e) =>
                    setTicked(e.currentTarget.checked ? new Set(holdings.map((a) => a.id)) : new Set())
                  }
                />{' '}
                {t('quickSelectAll')}
              </label>
              <ul class="holdings">
                {holdings.map((a) => (
                  <li key={a.id}>
                    <label>
                      <input
                        type="checkbox"
                        data-assignment-id={a.id}
                        checked={ticked.has(a.id)}
                        onChange={() => toggle(a.id)}
                      />
                      <bdi>{a.toolName}</bdi>
                    </label>
                  </li>
                ))}
              </ul>
              <WithdrawFlow
                client={client}
                items={items}
                whom={person.name}
                threshold={props.threshold}
                language={language}
                jobs={props.jobs}
                onOpenSkolon={props.onOpenSkolon}
                actionLabel={t('quickWithdraw', n(items.length))}
                onFinished={() => choose(person)}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}

function describe(p: Assignee): string {
  if (p.type === 'GROUP') return t('personClass', p.memberCount ?? 0);
  const classes = (p.groups ?? []).map((g) => g.name).join(', ');
  return [p.email, classes].filter(Boolean).join(' · ');
}
