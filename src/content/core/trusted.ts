// The host page is hostile: its scripts can dispatch keys and clicks, and our shadow root is open.
// Only events the browser made from the person's own input (isTrusted) may act.
export function isTrustedEvent(event: Event): boolean {
  return event.isTrusted === true;
}

/** Wraps a handler so that a synthetic event does nothing. */
export function trusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event: E) => {
    if (isTrustedEvent(event)) handler(event);
  };
}

/** Whether the person is typing into one of the page's own fields (keys then belong to them). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'range', 'color', 'file'].includes(
    target.type,
  );
}
