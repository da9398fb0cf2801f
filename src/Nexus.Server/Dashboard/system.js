// The system view: the product's success metrics over every project (GET /api/kpis) — completion rate, average response
// time per agent, uptime, cost and tokens per project and per agent — refreshed every few seconds, as `nexus status` with
// no id shows them in a terminal.

import { apiJson } from './api.js';
import { h, replace } from './dom.js';
import * as f from './format.js';
import { problemBox, showProblem } from './ui.js';

const REFRESH_MS = 5000;
const STATUS_ORDER = ['Pending', 'Running', 'Suspended', 'Completed', 'Failed', 'Terminated'];

export function systemView(root) {
  const cards = h('div', { id: 'kpi-cards', class: 'cards' });
  const statuses = h('p', { id: 'kpi-statuses', class: 'muted' });
  const rows = h('tbody', { id: 'kpi-agents' });
  const updated = h('span', { id: 'kpi-updated', class: 'muted small' });
  const problem = problemBox();
  let controller = null;
  let disposed = false;

  replace(root,
    h('div', { class: 'page-head' }, h('h1', { text: 'System' }), updated),
    h('p', { class: 'muted' }, 'The success metrics over every project in the store: how many complete, how fast each agent answers, what they cost. The same numbers as ', h('code', { text: 'nexus status' }), ', ', h('code', { text: 'GET /api/kpis' }), ' and the gauges of ', h('code', { text: '/metrics' }), '.'),
    problem,
    cards,
    statuses,
    h('h2', { text: 'Agents' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid kpis' },
      h('thead', {}, h('tr', {}, ['Agent', 'Turns', 'Avg. response', 'Projects', 'Cost', 'Tokens'].map((t) => h('th', { text: t })))),
      rows)));

  load();
  const timer = setInterval(() => {
    if (!document.hidden) {
      load();
    }
  }, REFRESH_MS);
  return () => {
    disposed = true;
    clearInterval(timer);
    controller?.abort();
  };

  async function load() {
    controller?.abort();
    controller = new AbortController();
    try {
      const { data } = await apiJson('/api/kpis', { signal: controller.signal });
      if (!disposed) {
        showProblem(problem, null);
        render(data);
      }
    } catch (error) {
      if (!disposed && error.name !== 'AbortError') {
        showProblem(problem, error, 'The metrics could not be read');
      }
    }
  }

  function render(k) {
    const card = (key, label, value, hint) => h('div', { class: 'card', dataset: { kpi: key } },
      h('small', { class: 'muted', text: label }), h('div', { class: 'card-value', text: value }), hint ? h('small', { class: 'muted', text: hint }) : null);
    const finished = ['Completed', 'Failed', 'Terminated'].reduce((n, s) => n + (k.byStatus?.[s] ?? 0), 0);
    replace(cards,
      card('uptime', 'Uptime', k.uptimeSeconds == null ? '—' : f.duration(k.uptimeSeconds * 1000), 'of this host\'s worker'),
      card('completion', 'Completion rate', k.completionRate == null ? '—' : f.percent(k.completionRate), `of ${f.int(finished)} finished`),
      card('projects', 'Projects', f.int(k.projects), `${f.int(k.active)} active`),
      card('waiting', 'Waiting for a person', f.int(k.waitingForApproval), 'plans to approve'),
      card('duration', 'Avg. time to complete', k.averageCompletionSeconds == null ? '—' : f.duration(k.averageCompletionSeconds * 1000)),
      card('cost', 'Cost', f.usd(k.costUsd), k.costUsdPerProject == null ? null : `${f.usd(k.costUsdPerProject)} per project`),
      card('tokens', 'Tokens', f.int(k.tokens), k.tokensPerProject == null ? null : `${f.int(Math.round(k.tokensPerProject))} per project`));
    const counts = STATUS_ORDER.filter((s) => k.byStatus?.[s]).map((s) => `${s} ${f.int(k.byStatus[s])}`);
    statuses.textContent = counts.length ? counts.join(' · ') : 'No projects yet.';
    replace(rows, (k.agents ?? []).map((a) => h('tr', { dataset: { agent: a.agent } },
      h('td', { 'data-label': 'Agent', text: `${f.agentName(a.agent)} · ${f.agentRole(a.agent)}` }),
      h('td', { 'data-label': 'Turns', text: f.int(a.turns) }),
      h('td', { 'data-label': 'Avg. response', text: a.averageResponseSeconds == null ? '—' : f.duration(a.averageResponseSeconds * 1000) }),
      h('td', { 'data-label': 'Projects', text: f.int(a.projects) }),
      h('td', { 'data-label': 'Cost', text: f.usd(a.costUsd) }),
      h('td', { 'data-label': 'Tokens', text: f.int(a.tokens) }))));
    updated.textContent = `as of ${f.time(k.at)}`;
  }
}
