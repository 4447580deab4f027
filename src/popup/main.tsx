import { render } from 'preact';
import '../shared/ui/base.css';
import '../shared/ui/popup.css';
import { initLanguage } from '../shared/i18n.ts';
import { announceVisibleUi } from '../shared/ui/visibility.ts';
import { createClient } from './client.ts';
import { Popup } from './Popup.tsx';

const app = document.getElementById('app');
const client = createClient();
announceVisibleUi('popup');
// Language and the cached summary first, then one render: the counts appear without a spinner.
Promise.all([initLanguage(), client.cachedSummary().catch(() => null)]).then(([, initial]) => {
  if (app) render(<Popup client={client} initial={initial} />, app);
});
