import { render } from 'preact';
import '../shared/ui/base.css';
import { Options } from './Options.tsx';

const app = document.getElementById('app');
if (app) render(<Options />, app);
