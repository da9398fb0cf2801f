// The project list, a monitor on the Durable Functions Monitor's model: filters by runtime status, creation time range,
// id prefix and text (id or description), server-side paging with the API's continuation tokens, sorting in the store
// (project id, status, created, updated: the order holds across pages), selection and bulk purge. The filters live in the address
// so a reload keeps them; the page refreshes itself every few seconds. Projects waiting for a person stand out.

import { apiJson } from './api.js';
import { h, projectHref, replace } from './dom.js';
import * as f from './format.js';
import { bulkPurgeBar } from './purge.js';
import { badge, problemBox, progressBar, showProblem } from './ui.js';

const REFRESH_MS = 3000;
const PAGE_SIZES = [10, 25, 50, 100];
const STATUSES = ['Pending', 'Running', 'Suspended', 'Completed', 'Failed', 'Terminated'];
const FINISHED = ['Completed', 'Failed', 'Terminated'];

// The columns: key, header, and for the sortable ones the API's orderBy field. Only what the store orders by is
// sortable — sorting one page by a custom-status value (phase, cost, …) would be wrong across pages.
const COLUMNS = [
  { key: 'id', label: 'Project', orderBy: 'instanceId' },
  { key: 'status', label: 'Status', orderBy: 'runtimeStatus' },
  { key: 'phase', label: 'Phase' },
  { key: 'progress', label: 'Progress' },
  { key: 'iteration', label: 'Iter.', optional: true },
  { key: 'cost', label: 'Cost' },
  { key: 'tokens', label: 'Tokens', optional: true },
  { key: 'tests', label: 'Tests' },
  { key: 'created', label: 'Created', orderBy: 'createdTime' },
  { key: 'updated', label: 'Updated', orderBy: 'lastUpdatedTime' },
];

export function listView(root, params) {
  const filters = {
    status: params.get('status') ?? '',
    search: params.get('q') ?? '',
    prefix: params.get('prefix') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  let sort = parseSort(params.get('sort'));
  let size = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 25;
  let tokens = [null]; // tokens[n] opens page n + 1; the last one is the page shown
  let nextToken = null;
  let projects = [];
  const selected = new Set();
  let loading = null;
  let typingTimer = null;
  let disposed = false;

  const statusSelect = h('select', { id: 'filter-status', onchange: () => { filters.status = statusSelect.value; filtersChanged(); } },
    h('option', { value: '' }, 'All'),
    h('option', { value: 'Pending,Running,Suspended' }, 'Active'),
    h('option', { value: FINISHED.join(',') }, 'Finished'),
    STATUSES.map((s) => h('option', { value: s }, s)));
  statusSelect.value = filters.status;
  const typed = (key) => (input) => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { filters[key] = input.value.trim(); filtersChanged(); }, 250);
  };
  const searchInput = h('input', { id: 'filter-search', type: 'search', placeholder: 'id or description', value: filters.search, spellcheck: 'false', oninput: (e) => typed('search')(e.target) });
  const prefixInput = h('input', { id: 'filter-prefix', type: 'search', placeholder: 'e.g. api-', value: filters.prefix, spellcheck: 'false', oninput: (e) => typed('prefix')(e.target) });
  const fromInput = h('input', { id: 'filter-from', type: 'datetime-local', value: filters.from, onchange: () => { filters.from = fromInput.value; filtersChanged(); } });
  const toInput = h('input', { id: 'filter-to', type: 'datetime-local', value: filters.to, onchange: () => { filters.to = toInput.value; filtersChanged(); } });
  const sizeSelect = h('select', { id: 'page-size', onchange: () => { size = Number(sizeSelect.value); filtersChanged(); } }, PAGE_SIZES.map((n) => h('option', { value: String(n) }, String(n))));
  sizeSelect.value = String(size);
  const autoBox = h('input', { id: 'auto-refresh', type: 'checkbox', checked: true });
  const updated = h('span', { id: 'list-updated', class: 'muted small' });
  const problem = problemBox();
  const attention = h('div', { id: 'attention', class: 'attention', hidden: true });
  const selectAll = h('input', { type: 'checkbox', id: 'select-page', 'aria-label': 'Select the finished projects of this page', onchange: () => selectPage(selectAll.checked) });
  const head = h('tr', {});
  const rows = h('tbody', { id: 'project-rows' });
  const pageInfo = h('span', { id: 'page-info', class: 'muted small' });
  const prev = h('button', { type: 'button', id: 'page-prev', onclick: () => { tokens.pop(); load(); } }, '← Previous');
  const next = h('button', { type: 'button', id: 'page-next', onclick: () => { tokens.push(nextToken); load(); } }, 'Next →');
  const team = h('div', { id: 'team', class: 'team-strip' });
  const bulk = bulkPurgeBar({
    selected: () => [...selected],
    filter: () => purgeFilter(),
    describeFilter: () => describeFilter(),
    onDone: () => { selected.clear(); tokens = [null]; load(); },
  });

  replace(root,
    h('div', { class: 'page-head' },
      h('h1', { text: 'Projects' }),
      h('a', { class: 'button primary', href: '#/new', text: 'New project' })),
    team,
    attention,
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); filters.search = searchInput.value.trim(); filters.prefix = prefixInput.value.trim(); filtersChanged(); } },
      h('label', { class: 'field inline' }, h('span', { text: 'Status' }), statusSelect),
      h('label', { class: 'field inline' }, h('span', { text: 'Search' }), searchInput),
      h('label', { class: 'field inline' }, h('span', { text: 'Id prefix' }), prefixInput),
      h('label', { class: 'field inline' }, h('span', { text: 'Created from' }), fromInput),
      h('label', { class: 'field inline' }, h('span', { text: 'to' }), toInput),
      h('button', { type: 'button', id: 'filter-clear', onclick: clearFilters }, 'Clear'),
      h('span', { class: 'filters-end' },
        h('label', { class: 'check' }, autoBox, ` Auto-refresh (${REFRESH_MS / 1000} s)`),
        h('button', { type: 'button', onclick: () => load() }, 'Refresh'),
        updated)),
    bulk.element,
    problem,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid projects' }, h('thead', {}, head), rows)),
    h('div', { class: 'pager' },
      prev, next, pageInfo,
      h('label', { class: 'field inline' }, h('span', { text: 'Per page' }), sizeSelect)));

  renderHead();
  const timer = setInterval(() => {
    if (autoBox.checked && !loading && !document.hidden) {
      load();
    }
  }, REFRESH_MS);
  load();

  return () => {
    disposed = true;
    clearInterval(timer);
    clearTimeout(typingTimer);
    loading?.abort();
    document.title = 'NEXUS';
  };

  function clearFilters() {
    Object.assign(filters, { status: '', search: '', prefix: '', from: '', to: '' });
    statusSelect.value = '';
    searchInput.value = '';
    prefixInput.value = '';
    fromInput.value = '';
    toInput.value = '';
    filtersChanged();
  }

  function filtersChanged() {
    writeAddress();
    tokens = [null];
    selected.clear();
    load();
  }

  function writeAddress() {
    const query = new URLSearchParams();
    for (const [name, key] of [['status', 'status'], ['q', 'search'], ['prefix', 'prefix'], ['from', 'from'], ['to', 'to']]) {
      if (filters[key]) {
        query.set(name, filters[key]);
      }
    }

    if (sort.key !== 'created' || sort.dir !== 'desc') {
      query.set('sort', `${sort.key}-${sort.dir}`);
    }

    if (size !== 25) {
      query.set('size', String(size));
    }

    const text = query.toString();
    history.replaceState(null, '', text ? `#/?${text}` : '#/');
  }

  /** The API query of the list's filters (also the filter of "purge by filter"). */
  function apiFilter() {
    return {
      runtimeStatus: filters.status,
      instanceIdPrefix: filters.prefix,
      search: filters.search,
      createdTimeFrom: isoOf(filters.from),
      createdTimeTo: isoOf(filters.to),
    };
  }

  function purgeFilter() {
    const statuses = filters.status ? filters.status.split(',').filter((s) => FINISHED.includes(s)) : [];
    if (filters.status && statuses.length === 0) {
      return null; // only active statuses: nothing a purge may touch
    }

    const q = apiFilter();
    const filter = {
      ...(statuses.length ? { runtimeStatus: statuses } : {}),
      ...(q.instanceIdPrefix ? { instanceIdPrefix: q.instanceIdPrefix } : {}),
      ...(q.search ? { search: q.search } : {}),
      ...(q.createdTimeFrom ? { createdTimeFrom: q.createdTimeFrom } : {}),
      ...(q.createdTimeTo ? { createdTimeTo: q.createdTimeTo } : {}),
    };
    return Object.keys(filter).length > 0 ? filter : null;
  }

  function describeFilter() {
    return [
      filters.status ? `status ${filters.status.split(',').filter((s) => FINISHED.includes(s)).join(' or ')}` : 'any finished status',
      filters.search ? `id or description contains “${filters.search}”` : null,
      filters.prefix ? `id starts with “${filters.prefix}”` : null,
      filters.from ? `created from ${filters.from.replace('T', ' ')}` : null,
      filters.to ? `created before ${filters.to.replace('T', ' ')}` : null,
    ].filter(Boolean).join(', ');
  }

  async function load() {
    loading?.abort();
    const controller = new AbortController();
    loading = controller;
    const token = tokens[tokens.length - 1];
    try {
      const [list, agents, running] = await Promise.all([
        apiJson('/api/projects', {
          query: { ...apiFilter(), top: size, orderBy: `${COLUMNS.find((c) => c.key === sort.key).orderBy} ${sort.dir}` },
          headers: token ? { 'x-ms-continuation-token': token } : {},
          signal: controller.signal,
        }),
        apiJson('/api/agents/status', { signal: controller.signal }).catch(() => null),
        apiJson('/api/projects', { query: { runtimeStatus: 'Running', top: 100, orderBy: 'createdTime desc' }, signal: controller.signal }).catch(() => null),
      ]);
      if (disposed || loading !== controller) {
        return;
      }

      projects = list.data ?? [];
      nextToken = list.response.headers.get('x-ms-continuation-token');
      for (const id of [...selected]) {
        if (!projects.some((p) => p.instanceId === id && FINISHED.includes(p.runtimeStatus))) {
          selected.delete(id);
        }
      }

      renderRows();
      renderTeam(agents?.data);
      renderAttention(running?.data);
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

  function renderHead() {
    replace(head,
      h('th', { class: 'select' }, selectAll),
      COLUMNS.map((c) => {
        if (!c.orderBy) {
          return h('th', { class: c.optional ? 'opt' : null, text: c.label });
        }

        const active = sort.key === c.key;
        return h('th', { class: c.optional ? 'opt' : null, 'aria-sort': active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : null },
          h('button', {
            type: 'button', class: `sort${active ? ' active' : ''}`, dataset: { sort: c.key },
            title: `Sort all projects by ${c.label.toLowerCase()} (the pages follow this order)`,
            onclick: () => sortBy(c.key),
          }, c.label, h('span', { class: 'sort-mark', text: active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '' })));
      }));
  }

  function sortBy(key) {
    sort = sort.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'id' || key === 'status' ? 'asc' : 'desc' };
    renderHead();
    filtersChanged();
  }

  function renderRows() {
    const filtered = Object.values(filters).some(Boolean);
    if (projects.length === 0) {
      replace(rows, h('tr', { class: 'empty' }, h('td', { colspan: COLUMNS.length + 1 },
        filtered ? 'No project matches these filters.' : (tokens.length > 1 ? 'No more projects.' : 'No projects yet. '),
        filtered || tokens.length > 1 ? null : h('a', { href: '#/new', text: 'Start one.' }))));
    } else {
      replace(rows, projects.map((p) => row(p, selected, toggle)));
    }

    const finishedHere = projects.filter((p) => FINISHED.includes(p.runtimeStatus));
    selectAll.checked = finishedHere.length > 0 && finishedHere.every((p) => selected.has(p.instanceId));
    selectAll.disabled = finishedHere.length === 0;
    prev.disabled = tokens.length <= 1;
    next.disabled = !nextToken;
    pageInfo.textContent = `Page ${tokens.length} · ${projects.length} project${projects.length === 1 ? '' : 's'}${nextToken ? ' · more on the next page' : ''}`;
    bulk.update();
  }

  function toggle(id, on) {
    if (on) {
      selected.add(id);
    } else {
      selected.delete(id);
    }

    renderRows();
  }

  function selectPage(on) {
    for (const p of projects) {
      if (FINISHED.includes(p.runtimeStatus)) {
        toggle(p.instanceId, on);
      }
    }
  }

  function renderTeam(agents) {
    if (!Array.isArray(agents)) {
      return;
    }

    const rank = (id) => { const i = f.TEAM.findIndex((a) => a.id === id); return i < 0 ? f.TEAM.length : i; };
    replace(team, [...agents].sort((a, b) => rank(a.agentId) - rank(b.agentId)).map((a) => h('span', { class: `team-member ${a.status === 'busy' ? 'busy' : 'idle'}`, title: a.activeProjects?.length ? `in ${a.activeProjects.join(', ')}` : 'idle', dataset: { agent: a.agentId } },
      h('strong', { text: a.name || f.agentName(a.agentId) }), ' ', h('small', { text: f.agentRole(a.agentId, a.role) }), ' ', h('span', { class: 'chip', text: a.status }))));
  }

  function renderAttention(running) {
    const waiting = Array.isArray(running) ? running.filter((p) => f.isWaitingForPerson(p.runtimeStatus, p.customStatus)) : [];
    attention.hidden = waiting.length === 0;
    replace(attention, waiting.length === 0 ? null : [
      h('strong', { text: `${waiting.length} project${waiting.length === 1 ? ' waits' : 's wait'} for you: ` }),
      waiting.slice(0, 5).map((p, i) => [i > 0 ? ', ' : '', h('a', { class: 'mono', href: projectHref(p.instanceId), text: p.instanceId })]),
      waiting.length > 5 ? ` and ${waiting.length - 5} more` : '',
      ' — the plan needs an approval.',
    ]);
    document.title = waiting.length > 0 ? `(${waiting.length}) waiting for you · Projects · NEXUS` : 'Projects · NEXUS';
  }
}

function row(project, selected, toggle) {
  const s = project.customStatus ?? {};
  const request = project.input ?? {};
  const finished = FINISHED.includes(project.runtimeStatus);
  const waiting = f.isWaitingForPerson(project.runtimeStatus, s);
  const failed = f.isFailed(project.runtimeStatus);
  const classes = [waiting ? 'waiting' : null, failed ? 'failed' : null].filter(Boolean).join(' ');
  return h('tr', { class: classes || null, dataset: { id: project.instanceId, status: project.runtimeStatus } },
    h('td', { class: 'select', 'data-label': 'Select' }, h('input', {
      type: 'checkbox', class: 'row-select', checked: selected.has(project.instanceId), disabled: !finished,
      'aria-label': `Select ${project.instanceId}`, title: finished ? 'Select for a bulk purge' : 'Only a finished project can be purged',
      onchange: (e) => toggle(project.instanceId, e.target.checked),
    })),
    h('td', { class: 'project', 'data-label': 'Project' },
      h('a', { class: 'mono project-link', href: projectHref(project.instanceId), text: project.instanceId }),
      request.description ? h('div', { class: 'muted small clip', title: request.description, text: f.firstLine(request.description) }) : null),
    h('td', { 'data-label': 'Status' }, badge(project.runtimeStatus), waiting ? [' ', h('span', { class: 'chip attention-chip', text: 'waiting for you' })] : null),
    h('td', { class: 'phase', 'data-label': 'Phase', text: f.phaseLabel(project.runtimeStatus, s.phase) }),
    h('td', { class: 'nowrap', 'data-label': 'Progress' }, progressBar(failed ? 1 : s.progress, failed ? 'stopped' : undefined, failed), ' ', h('small', { text: failed ? 'stopped' : f.percent(s.progress) })),
    h('td', { class: 'num opt', 'data-label': 'Iteration', text: s.iteration ?? '—' }),
    h('td', { class: 'num cost', 'data-label': 'Cost', text: f.usd(s.costUsd ?? 0) }),
    h('td', { class: 'num opt', 'data-label': 'Tokens', text: f.int(s.tokens ?? 0) }),
    h('td', { 'data-label': 'Tests' }, s.tests ? testsChip(s.tests) : h('span', { class: 'muted', text: '—' })),
    h('td', { class: 'nowrap created', 'data-label': 'Created', text: f.time(project.createdTime) }),
    h('td', { class: 'nowrap updated', 'data-label': 'Updated', text: f.time(project.lastUpdatedTime) }));
}

/** "12/14" in green or red. */
export function testsChip(tests) {
  const total = (tests.passed ?? 0) + (tests.failed ?? 0);
  if (total === 0 && !tests.succeeded) {
    return h('span', { class: 'muted', text: 'none' });
  }

  return h('span', { class: `chip ${tests.succeeded ? 'ok' : 'bad'}`, title: `${tests.passed} passed, ${tests.failed} failed`, text: `${tests.passed}/${total}` });
}

function parseSort(text) {
  const [key, dir] = String(text ?? '').split('-');
  return COLUMNS.some((c) => c.key === key && c.orderBy) && (dir === 'asc' || dir === 'desc') ? { key, dir } : { key: 'created', dir: 'desc' };
}

/** A datetime-local value (local time) as an ISO instant, or '' for none. */
function isoOf(local) {
  if (!local) {
    return '';
  }

  const ms = Date.parse(local);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}
