import { render } from 'preact';
import '../shared/ui/base.css';
import './popup.css';
import { initLanguage } from '../shared/language-choice.ts';
import { SUMMARY_SNAPSHOT_KEY } from '../shared/summary-snapshot.ts';
import { announceVisibleUi } from '../shared/ui/visibility.ts';
import { createClient } from './client.ts';
import { POPUP_SCHOOL_KEY, popupStoredItems } from './early-read.ts';
import { Popup } from './Popup.tsx';

// The bench reads how long the page took to start our code, apart from how long we took to paint.
performance.mark('licenskoll:popup-start');
const app = document.getElementById('app');
// One read for the language (and a chosen language's messages), the background's summary snapshot
// and the school chosen last, then one render: the counts appear without a spinner and without
// waiting for the worker. The read starts while the page is parsed (early-read.ts).
// The read never fails (popupStoredItems answers {} then); the client takes the school from it.
popupStoredItems().then((items) => {
  const client = createClient(items[POPUP_SCHOOL_KEY]);
  Promise.all([
    initLanguage(items).finally(() => performance.mark('licenskoll:language-ready')),
    client
      .firstPaint(items[SUMMARY_SNAPSHOT_KEY])
      .catch(() => null)
      .finally(() => performance.mark('licenskoll:cache-read')),
  ]).then(([, initial]) => {
    if (app) render(<Popup client={client} initial={initial} />, app);
    // The port that tells the background a UI is open (job notifications) is opened once the summary
    // is rendered: before, its connect ran in the browser and the worker while the popup started.
    announceVisibleUi('popup');
  });
});
