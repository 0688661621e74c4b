// The Vue page: registers the elements (npm build), says where the data package is served, shows
// App.vue as it is and mounts it.
import '@pnrr-toscana/widgets/define';
import { configure } from '@pnrr-toscana/widgets';
import { createApp } from 'vue';
import App from './App.vue';
import appSource from './App.vue?raw';

// Bundled, the widgets cannot find the SDK's embedded package next to their module: point at it.
configure({ src: '../sdk/data/toscana/' });

document.querySelector('code[data-source="vue/App.vue"]')!.textContent = appSource.trimEnd();
createApp(App).mount('#vue-app');
