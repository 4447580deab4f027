import { render } from 'preact';
import '../shared/ui/base.css';
import './popup.css';
import { initLanguage } from '../shared/i18n.ts';
import { announceVisibleUi } from '../shared/ui/visibility.ts';
import { createClient } from './client.ts';
import { Popup } from './Popup.tsx';

// The bench reads how long the page took to start our code, apart from how long we took to paint.
performance.mark('licenskoll:popup-start');
const app = document.getElementById('app');
const client = createClient();
announceVisibleUi('popup');
// Language and the cached summary first, then one render: the counts appear without a spinner.
Promise.all([
  initLanguage().finally(() => performance.mark('licenskoll:language-ready')),
  client
    .firstPaint()
    .catch(() => null)
    .finally(() => performance.mark('licenskoll:cache-read')),
]).then(([, initial]) => {
  if (app) render(<Popup client={client} initial={initial} />, app);
});
