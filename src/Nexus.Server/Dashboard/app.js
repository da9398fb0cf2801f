// The NEXUS dashboard: a hash router over six views (project list, start form, project page, entities, memory, system) and the API key prompt.
// Plain ES modules served by the host; no build step and nothing loaded from outside this origin.

import { askForKey, keyStore, setKeyPrompt, verifyKey } from './api.js';
import { entitiesView } from './entities.js';
import { listView } from './list.js';
import { memoryView } from './memory.js';
import { projectView } from './project.js';
import { startView } from './start.js';
import { systemView } from './system.js';
import { showProblem } from './ui.js';

const view = document.getElementById('view');
let cleanup = null;

setKeyPrompt(promptForKey);
window.addEventListener('hashchange', route);
window.addEventListener('nexus:key', showKeyState);
document.getElementById('forget-key').addEventListener('click', forgetKey);
document.getElementById('key-dialog').addEventListener('cancel', (event) => event.preventDefault());
showKeyState();
if (keyStore.get() === '') {
  // Asked once, up front, whatever the page: every view needs the API.
  askForKey('Enter the API key of this NEXUS server.');
}

route();

function route() {
  cleanup?.();
  cleanup = null;
  view.replaceChildren();
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query ?? '');
  const section = path === '/new' ? 'new' : path === '/entities' ? 'entities' : path === '/memory' ? 'memory' : path === '/system' ? 'system' : 'projects';
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === section);
  }

  const project = /^\/projects\/(.+)$/.exec(path);
  if (project) {
    document.title = `${project[1]} · NEXUS`;
    cleanup = projectView(view, project[1]);
  } else if (path === '/entities') {
    document.title = 'Entities · NEXUS';
    cleanup = entitiesView(view, params);
  } else if (path === '/memory') {
    document.title = 'Memory · NEXUS';
    cleanup = memoryView(view, params);
  } else if (path === '/system') {
    document.title = 'System · NEXUS';
    cleanup = systemView(view);
  } else if (path === '/new') {
    document.title = 'New project · NEXUS';
    cleanup = startView(view);
  } else {
    document.title = 'Projects · NEXUS';
    cleanup = listView(view, params);
  }
}

function showKeyState() {
  const hasKey = keyStore.get() !== '';
  document.getElementById('key-state').textContent = hasKey ? 'API key set' : 'no API key';
  document.getElementById('forget-key').hidden = !hasKey;
}

async function forgetKey() {
  keyStore.clear();
  await askForKey('The key was forgotten. Enter an API key to go on.');
  route();
}

/** Shows the key dialog until the server accepts a key; resolves with it (stored). */
function promptForKey(message) {
  const dialog = document.getElementById('key-dialog');
  const form = document.getElementById('key-form');
  const input = document.getElementById('key-input');
  const submit = document.getElementById('key-submit');
  const error = document.getElementById('key-error');
  document.getElementById('key-message').textContent = message;
  showProblem(error, null);
  input.value = '';

  return new Promise((resolve) => {
    form.onsubmit = async (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (key === '') {
        return;
      }

      submit.disabled = true;
      try {
        const result = await verifyKey(key);
        if (result.ok) {
          keyStore.set(key);
          form.onsubmit = null;
          dialog.close();
          resolve(key);
        } else {
          showProblem(error, result.error);
          input.select();
        }
      } catch (e) {
        showProblem(error, e, 'The server did not answer');
      } finally {
        submit.disabled = false;
      }
    };
    if (!dialog.open) {
      dialog.showModal();
    }

    input.focus();
  });
}
