import { render } from 'preact';
import '../shared/ui/base.css';
import './options.css';
import { initLanguage } from '../shared/language-choice.ts';
import { Options } from './Options.tsx';

const app = document.getElementById('app');
// The language override (if any) is loaded before the first paint, so nothing flashes in another language.
initLanguage().finally(() => {
  if (app) render(<Options />, app);
});
