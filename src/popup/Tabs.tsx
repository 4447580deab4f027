import { useRef } from 'preact/hooks';

export interface TabSpec<K extends string> {
  key: K;
  label: string;
  badge?: string;
}

/** WAI-ARIA tabs: one tab stop, arrow keys (and Home/End) move between tabs. */
export function Tabs<K extends string>(props: {
  tabs: TabSpec<K>[];
  current: K;
  label: string;
  onSelect(key: K): void;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (event: KeyboardEvent, index: number) => {
    const last = props.tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const tab = props.tabs[next];
    if (tab) props.onSelect(tab.key);
    refs.current[next]?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={props.label}>
      {props.tabs.map((tab, i) => (
        <button
          key={tab.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${tab.key}`}
          aria-controls={`panel-${tab.key}`}
          aria-selected={tab.key === props.current}
          tabIndex={tab.key === props.current ? 0 : -1}
          data-tab={tab.key}
          onClick={() => props.onSelect(tab.key)}
          onKeyDown={(e) => move(e, i)}
        >
          {tab.label}
          {tab.badge && <span class="count">{tab.badge}</span>}
        </button>
      ))}
    </div>
  );
}
