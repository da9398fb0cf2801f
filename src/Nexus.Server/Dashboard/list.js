// The project list: status, phase, cost and tests per project; filters by runtime status and id prefix (kept in the
// address so a reload keeps them); refreshed automatically every few seconds.

import { apiJson } from './api.js';
import { h, projectHref, replace } from './dom.js';
import * as f from './format.js';
import { badge, problemBox, progressBar, showProblem } from './ui.js';

const REFRESH_MS = 3000;
const PAGE = 200;
const STATUSES = ['Pending', 'Running', 'Suspended', 'Completed', 'Failed', 'Terminated'];

export function listView(root, params) {
  let status = params.get('status') ?? '';
  let prefix = params.get('prefix') ?? '';
  let loading = null;
  let prefixTimer = null;
  let disposed = false;

  const statusSelect = h('select', { id: 'filter-status', onchange: () => { status = statusSelect.value; filtersChanged(); } },
    h('option', { value: '' }, 'All'),
    h('option', { value: 'Pending,Running,Suspended' }, 'Active'),
    STATUSES.map((s) => h('option', { value: s }, s)));
  statusSelect.value = status;
  const prefixInput = h('input', {
    id: 'filter-prefix', type: 'search', placeholder: 'e.g. api-', value: prefix, spellcheck: 'false',
    oninput: () => {
      clearTimeout(prefixTimer);
      prefixTimer = setTimeout(() => { prefix = prefixInput.value.trim(); filtersChanged(); }, 250);
    },
  });
  const autoBox = h('input', { id: 'auto-refresh', type: 'checkbox', checked: true });
  const updated = h('span', { id: 'list-updated', class: 'muted small' });
  const problem = problemBox();
  const rows = h('tbody', { id: 'project-rows' });
  const footer = h('p', { id: 'list-footer', class: 'muted small' });
  const team = h('div', { id: 'team', class: 'team-strip' });

  replace(root,
    h('div', { class: 'page-head' },
      h('h1', { text: 'Projects' }),
      h('a', { class: 'button primary', href: '#/new', text: 'New project' })),
    team,
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); prefix = prefixInput.value.trim(); filtersChanged(); } },
      h('label', { class: 'field inline' }, h('span', { text: 'Status' }), statusSelect),
      h('label', { class: 'field inline' }, h('span', { text: 'Id prefix' }), prefixInput),
      h('label', { class: 'check' }, autoBox, ` Auto-refresh (${REFRESH_MS / 1000} s)`),
      h('button', { type: 'button', onclick: () => load() }, 'Refresh'),
      updated),
    problem,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid projects' },
        h('thead', {}, h('tr', {}, ['Project', 'Status', 'Phase', 'Iteration', 'Progress', 'Cost', 'Tokens', 'Tests', 'Created', 'Updated'].map((t) => h('th', { text: t })))),
        rows)),
    footer);

  const timer = setInterval(() => {
    if (autoBox.checked && !loading && !document.hidden) {
      load();
    }
  }, REFRESH_MS);
  load();

  return () => {
    disposed = true;
    clearInterval(timer);
    clearTimeout(prefixTimer);
    loading?.abort();
  };

  function filtersChanged() {
    const query = new URLSearchParams();
    if (status) {
      query.set('status', status);
    }

    if (prefix) {
      query.set('prefix', prefix);
    }

    const text = query.toString();
    history.replaceState(null, '', text ? `#/?${text}` : '#/');
    load();
  }

  async function load() {
    loading?.abort();
    const controller = new AbortController();
    loading = controller;
    try {
      const [projects, agents] = await Promise.all([
        apiJson('/api/projects', { query: { runtimeStatus: status, instanceIdPrefix: prefix, top: PAGE }, signal: controller.signal }),
        apiJson('/api/agents/status', { signal: controller.signal }).catch(() => null),
      ]);
      if (disposed || loading !== controller) {
        return;
      }

      renderRows(projects.data ?? [], projects.response.headers.has('x-ms-continuation-token'));
      renderTeam(agents?.data);
      showProblem(problem, null);
      updated.textContent = `Updated ${f.time(Date.now())}`;
    } catch (error) {
      if (!disposed && error?.name !== 'AbortError') {
        showProblem(problem, error, 'The projects could not be loaded');
      }
    } finally {
      if (loading === controller) {
        loading = null;
      }
    }
  }

  function renderRows(projects, more) {
    const sorted = [...projects].sort((a, b) => f.toMs(b.createdTime) - f.toMs(a.createdTime));
    if (sorted.length === 0) {
      replace(rows, h('tr', { class: 'empty' }, h('td', { colspan: 10 },
        status || prefix ? 'No project matches these filters.' : 'No projects yet. ', status || prefix ? null : h('a', { href: '#/new', text: 'Start one.' }))));
    } else {
      replace(rows, sorted.map(row));
    }

    footer.textContent = `${sorted.length} project${sorted.length === 1 ? '' : 's'}${more ? ` shown; there are more — narrow the filters` : ''}.`;
  }

  function renderTeam(agents) {
    if (!Array.isArray(agents)) {
      return;
    }

    const rank = (id) => { const i = f.TEAM.findIndex((a) => a.id === id); return i < 0 ? f.TEAM.length : i; };
    replace(team, [...agents].sort((a, b) => rank(a.agentId) - rank(b.agentId)).map((a) => h('span', { class: `team-member ${a.status === 'busy' ? 'busy' : 'idle'}`, title: a.activeProjects?.length ? `in ${a.activeProjects.join(', ')}` : 'idle', dataset: { agent: a.agentId } },
      h('strong', { text: a.name || a.agentId }), ' ', h('small', { text: a.role }), ' ', h('span', { class: 'chip', text: a.status }))));
  }
}

function row(project) {
  const s = project.customStatus ?? {};
  const request = project.input ?? {};
  return h('tr', { dataset: { id: project.instanceId, status: project.runtimeStatus } },
    h('td', {},
      h('a', { class: 'mono project-link', href: projectHref(project.instanceId), text: project.instanceId }),
      request.description ? h('div', { class: 'muted small clip', title: request.description, text: f.firstLine(request.description) }) : null),
    h('td', {}, badge(project.runtimeStatus)),
    h('td', { class: 'phase', text: s.phase ?? '—' }),
    h('td', { class: 'num', text: s.iteration ?? '—' }),
    h('td', { class: 'nowrap' }, progressBar(s.progress), ' ', h('small', { text: f.percent(s.progress) })),
    h('td', { class: 'num cost', text: f.usd(s.costUsd ?? 0) }),
    h('td', { class: 'num', text: f.int(s.tokens ?? 0) }),
    h('td', {}, s.tests ? testsChip(s.tests) : h('span', { class: 'muted', text: '—' })),
    h('td', { class: 'nowrap', text: f.time(project.createdTime) }),
    h('td', { class: 'nowrap', text: f.time(project.lastUpdatedTime) }));
}

/** "12/14" in green or red. */
export function testsChip(tests) {
  const total = (tests.passed ?? 0) + (tests.failed ?? 0);
  if (total === 0 && !tests.succeeded) {
    return h('span', { class: 'muted', text: 'none' });
  }

  return h('span', { class: `chip ${tests.succeeded ? 'ok' : 'bad'}`, title: `${tests.passed} passed, ${tests.failed} failed`, text: `${tests.passed}/${total}` });
}
