// Shared pieces: status badges, progress bars, the problem (error) box, the confirmation dialog and the notice line.

import { ApiError } from './api.js';
import { h, replace } from './dom.js';
import { percent } from './format.js';

/** A runtime status badge (Running, Completed, …). */
export function badge(runtimeStatus) {
  const status = String(runtimeStatus ?? 'Unknown');
  return h('span', { class: `badge status-${status.toLowerCase()}`, text: status });
}

/** A progress bar with its percentage; a stopped one (a failed or cancelled project) is red. */
export function progressBar(value, label, stopped = false) {
  return h('span', { class: `progress${stopped ? ' stopped' : ''}`, title: label ?? (stopped ? `stopped at ${percent(value)}` : percent(value)), role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round((Number(value) || 0) * 100) },
    h('span', { class: 'progress-fill', style: { width: percent(value) } }));
}

/** Shows an error in a box: an API problem's title, status, detail, field errors and trace id; any other error's message. */
export function showProblem(container, error, context) {
  if (!error) {
    container.hidden = true;
    container.replaceChildren();
    return;
  }

  const isApi = error instanceof ApiError;
  const title = isApi ? error.title : 'Something went wrong';
  const detail = isApi ? error.detail : String(error?.message ?? error);
  const fields = isApi && error.errors
    ? h('ul', {}, Object.entries(error.errors).map(([field, messages]) => h('li', {}, h('code', { text: field }), ': ', [messages].flat().join(' '))))
    : null;
  replace(container,
    h('div', { class: 'problem-head' },
      h('strong', { class: 'problem-title', text: context ? `${context}: ${title}` : title }),
      isApi ? h('span', { class: 'problem-status', text: `HTTP ${error.status}` }) : null,
      h('button', { type: 'button', class: 'link problem-close', 'aria-label': 'Dismiss', text: '×', onclick: () => showProblem(container, null) })),
    detail ? h('p', { class: 'problem-detail', text: detail }) : null,
    fields,
    isApi && error.traceId ? h('small', { class: 'muted', text: `trace ${error.traceId}` }) : null);
  container.hidden = false;
}

/** A problem box, hidden until showProblem fills it. */
export function problemBox() {
  return h('div', { class: 'problem', role: 'alert', hidden: true });
}

/**
 * Asks for confirmation in the modal dialog. options: title, message, confirmLabel, danger, input {label, placeholder,
 * required, value}. Resolves {ok: true, value} or {ok: false}.
 */
export function confirmAction(options) {
  const dialog = document.getElementById('confirm-dialog');
  const form = document.getElementById('confirm-form');
  const input = document.getElementById('confirm-input');
  const inputLabel = document.getElementById('confirm-input-label');
  const ok = document.getElementById('confirm-ok');
  const error = document.getElementById('confirm-error');
  document.getElementById('confirm-title').textContent = options.title;
  document.getElementById('confirm-message').textContent = options.message ?? '';
  ok.textContent = options.confirmLabel ?? 'Confirm';
  ok.classList.toggle('danger', Boolean(options.danger));
  ok.classList.toggle('primary', !options.danger);
  inputLabel.hidden = !options.input;
  document.getElementById('confirm-input-text').textContent = options.input?.label ?? '';
  input.value = options.input?.value ?? '';
  input.placeholder = options.input?.placeholder ?? '';
  error.hidden = true;

  return new Promise((resolve) => {
    const finish = (result) => {
      form.removeEventListener('submit', onSubmit);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) {
        dialog.close();
      }

      resolve(result);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (options.input?.required && value === '') {
        error.textContent = `${options.input.label} is required.`;
        error.hidden = false;
        input.focus();
        return;
      }

      finish({ ok: true, value });
    };
    const onClose = () => finish({ ok: false });
    form.addEventListener('submit', onSubmit);
    dialog.addEventListener('close', onClose);
    document.getElementById('confirm-cancel').onclick = () => finish({ ok: false });
    dialog.showModal();
    (options.input ? input : ok).focus();
  });
}

/** Shows a short message at the top of the page (it stays until the next one or until dismissed). */
export function notify(message, kind = 'info') {
  const notice = document.getElementById('notice');
  replace(notice,
    h('span', { text: message }),
    h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', text: '×', onclick: () => { notice.hidden = true; } }));
  notice.className = `notice notice-${kind}`;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.hidden = true; }, 10000);
}

let noticeTimer = 0;
