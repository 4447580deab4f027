import { render } from 'preact';
import '../shared/ui/base.css';
import { Popup } from './Popup.tsx';

const app = document.getElementById('app');
if (app) render(<Popup />, app);
