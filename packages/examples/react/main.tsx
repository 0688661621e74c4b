// The React page: registers the elements (npm build), says where the data package is served, shows
// App.tsx as it is and renders it.
import '@pnrr-toscana/widgets/define';
import { configure } from '@pnrr-toscana/widgets';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import appSource from './App.tsx?raw';

// Bundled, the widgets cannot find the SDK's embedded package next to their module: point at it.
configure({ src: '../sdk/data/toscana/' });

document.querySelector('code[data-source="react/App.tsx"]')!.textContent = appSource.trimEnd();
createRoot(document.getElementById('react-app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
