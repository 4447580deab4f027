import { render } from 'preact';
import '../shared/ui/base.css';
import './popup.css';
import { LANGUAGE_KEY } from '../shared/i18n.ts';
import { initLanguage } from '../shared/language-choice.ts';
import { SUMMARY_SNAPSHOT_KEY } from '../shared/summary-snapshot.ts';
import { announceVisibleUi } from '../shared/ui/visibility.ts';
import { createClient } from './client.ts';
import { popupStoredItems } from './early-read.ts';
import { keepFirstPaintView } from './first-paint/keep.tsx';
import { POPUP_SCHOOL_KEY, REPLAYED_GLOBAL, START_MARK } from './first-paint/view.ts';
import { Popup } from './Popup.tsx';

// The bench reads how long the page took to start our code, apart from how long we took to paint.
performance.mark(START_MARK);
const app = document.getElementById('app');

/** Resolves once the page has painted what it holds now (a frame, then the task after it). */
const afterPaint = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));

// One read for the language (and a chosen language's messages), the background's summary snapshot,
// the school chosen last and the kept first paint, then one render: the counts appear without a
// spinner and without waiting for the worker. The read starts while the page is parsed, and when the
// kept first paint is of exactly what it read, the early script has already replayed it
// (first-paint/view.ts): then the live popup takes its place once it is on screen.
// The read never fails (popupStoredItems answers {} then); the client takes the school from it.
popupStoredItems().then(async (items) => {
  const replayed = (globalThis as Record<string, unknown>)[REPLAYED_GLOBAL] === true;
  const client = createClient(items[POPUP_SCHOOL_KEY]);
  const [, initial] = await Promise.all([
    initLanguage(items).finally(() => performance.mark('licenskoll:language-ready')),
    client
      .firstPaint(items[SUMMARY_SNAPSHOT_KEY])
      .catch(() => null)
      .finally(() => performance.mark('licenskoll:cache-read')),
    replayed ? afterPaint() : null,
  ]);
  if (app) {
    app.replaceChildren();
    app.removeAttribute('inert');
    render(<Popup client={client} initial={initial} />, app);
  }
  // The port that tells the background a UI is open (job notifications) is opened once the summary
  // is rendered: before, its connect ran in the browser and the worker while the popup started.
  announceVisibleUi('popup');
  // The next open's first paint, kept once this one is on screen (and whenever storage changes it).
  afterPaint().then(() => keepFirstPaintView(items[LANGUAGE_KEY]));
});
