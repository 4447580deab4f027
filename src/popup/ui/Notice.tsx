import type { ComponentChildren } from 'preact';

export type NoticeTone = 'info' | 'warn' | 'danger';

/** A state the administrator must know about, with what to do next. */
export function Notice(props: {
  tone: NoticeTone;
  title: string;
  children?: ComponentChildren;
  id?: string;
}) {
  return (
    <section
      class={`notice ${props.tone}`}
      role={props.tone === 'info' ? 'status' : 'alert'}
      data-notice={props.id}
      aria-label={props.title}
    >
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}
