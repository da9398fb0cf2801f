// Bulk purge on the project list: the selected projects, every finished project the list's filters match, or the finished
// projects created more than N days ago. Each asks for confirmation first; only finished projects are ever purged (the
// server skips running ones and says which).

import { apiJson } from './api.js';
import { h } from './dom.js';
import { confirmAction, notify, problemBox, showProblem } from './ui.js';

/**
 * options: selected() → ids, filter() → the API filter of the list's filters or null, describeFilter() → words,
 * onDone() after a purge. Returns {element, update}.
 */
export function bulkPurgeBar(options) {
  let busy = false;
  const problem = problemBox();
  const selectedButton = h('button', { type: 'button', id: 'purge-selected', class: 'danger', onclick: purgeSelected }, 'Purge selected');
  const filterButton = h('button', { type: 'button', id: 'purge-filter', onclick: purgeByFilter }, 'Purge by filter…');
  const days = h('input', { id: 'purge-days', type: 'number', min: '1', max: '36500', step: '1', value: '30', 'aria-label': 'days' });
  const olderButton = h('button', { type: 'button', id: 'purge-older', onclick: purgeOlder }, 'Purge older than…');
  const element = h('div', { class: 'bulk' },
    h('div', { id: 'bulk-bar', class: 'bulk-bar' },
      selectedButton,
      filterButton,
      h('span', { class: 'bulk-older' }, olderButton, days, h('span', { class: 'muted small', text: 'days' }))),
    problem);

  update();
  return { element, update };

  function update() {
    const count = options.selected().length;
    selectedButton.textContent = count > 0 ? `Purge selected (${count})` : 'Purge selected';
    selectedButton.disabled = busy || count === 0;
    selectedButton.title = count > 0 ? 'Delete the selected projects’ history' : 'Select finished projects in the list first';
    const filter = options.filter();
    filterButton.disabled = busy || filter === null;
    filterButton.title = filter === null ? 'Set a filter that finished projects can match first (status, search, id prefix or time range)' : 'Delete every finished project these filters match';
    olderButton.disabled = busy;
  }

  async function purgeSelected() {
    const ids = options.selected();
    const answer = await confirmAction({
      title: `Purge ${ids.length} project${ids.length === 1 ? '' : 's'}?`,
      message: `The durable history (status, events, report) of ${ids.join(', ')} is deleted for good. This cannot be undone.`,
      confirmLabel: 'Purge',
      danger: true,
    });
    if (answer.ok) {
      await run({ ids });
    }
  }

  async function purgeByFilter() {
    const filter = options.filter();
    if (filter === null) {
      return;
    }

    const answer = await confirmAction({
      title: 'Purge every finished project these filters match?',
      message: `Matching: ${options.describeFilter()}. Running projects are kept. Their history is deleted for good; this cannot be undone.`,
      confirmLabel: 'Purge all matching',
      danger: true,
    });
    if (answer.ok) {
      await run(filter);
    }
  }

  async function purgeOlder() {
    const n = Number(days.value);
    if (!Number.isInteger(n) || n < 1 || n > 36500) {
      showProblem(problem, new Error('Give a whole number of days from 1 to 36,500.'), 'Purge older than');
      days.focus();
      return;
    }

    const answer = await confirmAction({
      title: `Purge the finished projects older than ${n} day${n === 1 ? '' : 's'}?`,
      message: `Every Completed, Failed or Terminated project created more than ${n} day${n === 1 ? '' : 's'} ago is deleted for good, whatever the list shows. Running projects are kept.`,
      confirmLabel: 'Purge old projects',
      danger: true,
    });
    if (answer.ok) {
      await run({ olderThanDays: n });
    }
  }

  async function run(body) {
    showProblem(problem, null);
    busy = true;
    update();
    try {
      const { data } = await apiJson('/api/projects/purge', { method: 'POST', body });
      const skipped = data?.skipped ?? [];
      notify(`Purged ${data?.instancesDeleted ?? 0} project${data?.instancesDeleted === 1 ? '' : 's'}.${skipped.length ? ` Kept ${skipped.map((s) => `${s.id} (${s.reason})`).join(', ')}.` : ''}`, 'ok');
      options.onDone();
    } catch (error) {
      showProblem(problem, error, 'The purge failed');
    } finally {
      busy = false;
      update();
    }
  }
}
