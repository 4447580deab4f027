// The small, unobtrusive notice for a page we expected to know but did not recognise. Plain DOM
// (no preact) so the start-up path stays small; text only; inside our shadow root; dismissible.
import { t } from '../../shared/i18n.ts';
import type { ContentRoot } from '../root.ts';
import { CONTENT_CSS } from '../ui/styles.ts';
import { trusted } from './trusted.ts';

export function showNotRecognisedNotice(root: ContentRoot, signal: AbortSignal): void {
  const doc = root.host.ownerDocument;
  const style = doc.createElement('style');
  style.textContent = CONTENT_CSS;
  const wrap = doc.createElement('div');
  wrap.className = 'lk';
  const card = doc.createElement('div');
  card.className = 'card notice';
  card.setAttribute('role', 'status');
  card.dataset.lk = 'not-recognised';
  const text = doc.createElement('span');
  text.className = 'muted';
  text.textContent = t('contentNotRecognised');
  text.title = t('contentNotRecognisedHint');
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'icon';
  close.textContent = '×';
  close.setAttribute('aria-label', t('contentClose'));
  const remove = () => {
    style.remove();
    wrap.remove();
  };
  close.addEventListener('click', trusted(remove), { signal });
  card.append(text, close);
  wrap.append(card);
  root.shadow.append(style, wrap);
  signal.addEventListener('abort', remove, { once: true });
}
