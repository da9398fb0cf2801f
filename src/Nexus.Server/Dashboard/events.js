// "Raise event" on the project page: a dialog for an event name and its JSON data, sent to
// POST /api/projects/{id}/events/{name}. The orchestration receives it in its history; 'approval' answers the plan gate.

import { apiFetch } from './api.js';
import { showProblem } from './ui.js';

const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Opens the dialog; resolves with the event name once the server accepted it, or null when the person went back. */
export function raiseEvent(path, id) {
  const dialog = document.getElementById('event-dialog');
  const form = document.getElementById('event-form');
  const name = document.getElementById('event-name');
  const data = document.getElementById('event-data');
  const error = document.getElementById('event-error');
  const send = document.getElementById('event-send');
  document.getElementById('event-title').textContent = `Raise an event on ${id}`;
  showProblem(error, null);

  return new Promise((resolve) => {
    const finish = (result) => {
      form.removeEventListener('submit', onSubmit);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) {
        dialog.close();
      }

      resolve(result);
    };
    const onSubmit = async (event) => {
      event.preventDefault();
      const eventName = name.value.trim();
      if (!NAME.test(eventName)) {
        showProblem(error, new Error('An event name is a letter then up to 63 letters, digits, “_”, “-” or “.”.'), 'Event name');
        name.focus();
        return;
      }

      const text = data.value.trim();
      let payload;
      try {
        payload = text === '' ? null : JSON.parse(text);
      } catch (e) {
        showProblem(error, new Error(`This is not JSON: ${e.message}`), 'Event data');
        data.focus();
        return;
      }

      send.disabled = true;
      try {
        await apiFetch(`${path}/events/${encodeURIComponent(eventName)}`, { method: 'POST', body: payload });
        finish(eventName);
      } catch (e) {
        showProblem(error, e, 'The event was not sent');
      } finally {
        send.disabled = false;
      }
    };
    const onClose = () => finish(null);
    form.addEventListener('submit', onSubmit);
    dialog.addEventListener('close', onClose);
    document.getElementById('event-cancel').onclick = () => finish(null);
    dialog.showModal();
    name.focus();
  });
}
