import 'uplot/dist/uPlot.min.css';
import './style.css';
import { Playground } from './app.js';
import { stateFromQuery } from './url.js';
import { probePredictions } from './ui/results.js';

const root = document.getElementById('app') as HTMLElement;
const { state, ignored } = stateFromQuery(location.search);
const playground = new Playground(root, state, ignored);

/** What the end-to-end tests read and drive. */
declare global {
  interface Window {
    __playground: { app: Playground; ready: Promise<void>; probePredictions: typeof probePredictions };
  }
}
window.__playground = { app: playground, ready: playground.reset(), probePredictions };
