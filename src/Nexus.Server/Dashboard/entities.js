// The entities view: the durable entities the workflow keeps — an agent session per project × agent, the scratchpads per
// project — read-only, a page at a time (GET /api/entities), with each one's raw state (redacted by the API).

import { apiJson } from './api.js';
import { h, projectHref, replace } from './dom.js';
import * as f from './format.js';
import { problemBox, showProblem } from './ui.js';

const PAGE = 25;
const KINDS = [['', 'All'], ['agentsession', 'Agent sessions'], ['scratchpads', 'Scratchpads']];

export function entitiesView(root, params) {
  let name = KINDS.some(([k]) => k === params.get('name')) ? params.get('name') : '';
  let projectId = params.get('project') ?? '';
  let tokens = [null];
  let nextToken = null;
  let controller = null;
  let disposed = false;
  let timer = null;

  const kind = h('select', { id: 'entity-name', onchange: () => { name = kind.value; changed(); } }, KINDS.map(([k, label]) => h('option', { value: k }, label)));
  kind.value = name;
  const project = h('input', {
    id: 'entity-project', type: 'search', placeholder: 'a project id', value: projectId, spellcheck: 'false',
    oninput: () => { clearTimeout(timer); timer = setTimeout(() => { projectId = project.value.trim(); changed(); }, 250); },
  });
  const problem = problemBox();
  const rows = h('tbody', { id: 'entity-rows' });
  const info = h('span', { id: 'entity-page-info', class: 'muted small' });
  const prev = h('button', { type: 'button', id: 'entity-prev', onclick: () => { tokens.pop(); load(); } }, '← Previous');
  const next = h('button', { type: 'button', id: 'entity-next', onclick: () => { tokens.push(nextToken); load(); } }, 'Next →');

  replace(root,
    h('div', { class: 'page-head' }, h('h1', { text: 'Entities' })),
    h('p', { class: 'muted' }, 'The durable state the workflow keeps besides the projects: one agent session per project and agent (backend, model, session, turns, tokens, cost), and the scratchpads the agents hand work over with. Read-only.'),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); projectId = project.value.trim(); changed(); } },
      h('label', { class: 'field inline' }, h('span', { text: 'Entity' }), kind),
      h('label', { class: 'field inline' }, h('span', { text: 'Project' }), project),
      h('button', { type: 'button', onclick: () => load() }, 'Refresh')),
    problem,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid entities' },
      h('thead', {}, h('tr', {}, ['Entity', 'Project', 'Summary', 'Last modified', 'State'].map((t) => h('th', { text: t })))),
      rows)),
    h('div', { class: 'pager' }, prev, next, info));

  load();
  return () => {
    disposed = true;
    clearTimeout(timer);
    controller?.abort();
  };

  function changed() {
    const query = new URLSearchParams();
    if (name) {
      query.set('name', name);
    }

    if (projectId) {
      query.set('project', projectId);
    }

    history.replaceState(null, '', query.toString() ? `#/entities?${query}` : '#/entities');
    tokens = [null];
    load();
  }

  async function load() {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    const token = tokens[tokens.length - 1];
    try {
      if (projectId && !name) {
        // The API needs the entity name with a project: ask for both kinds of that project.
        const [sessions, pads] = await Promise.all(['agentsession', 'scratchpads'].map((n) => apiJson('/api/entities', { query: { name: n, projectId, top: 100 }, signal: mine.signal })));
        render([...(pads.data ?? []), ...(sessions.data ?? [])], null);
      } else {
        const { data, response } = await apiJson('/api/entities', {
          query: { name, projectId, top: PAGE },
          headers: token ? { 'x-ms-continuation-token': token } : {},
          signal: mine.signal,
        });
        render(data ?? [], response.headers.get('x-ms-continuation-token'));
      }

      showProblem(problem, null);
    } catch (error) {
      if (!disposed && error?.name !== 'AbortError') {
        showProblem(problem, error, 'The entities could not be loaded');
      }
    }
  }

  function render(entities, more) {
    if (disposed) {
      return;
    }

    nextToken = more;
    replace(rows, entities.length === 0
      ? h('tr', { class: 'empty' }, h('td', { colspan: 5, text: 'No entity matches.' }))
      : entities.map(entityRow));
    prev.disabled = tokens.length <= 1;
    next.disabled = !nextToken;
    info.textContent = `Page ${tokens.length} · ${entities.length} entit${entities.length === 1 ? 'y' : 'ies'}${nextToken ? ' · more on the next page' : ''}`;
  }
}

function entityRow(entity) {
  const session = entity.name === 'agentsession';
  const state = entity.state ?? {};
  const agent = session ? String(entity.key).slice(String(entity.projectId).length + 1) : '';
  return h('tr', { dataset: { entity: `${entity.name}@${entity.key}` } },
    h('td', { 'data-label': 'Entity' },
      h('strong', { text: session ? `${f.agentName(agent)} session` : 'Scratchpads' }),
      h('div', { class: 'muted small mono', text: `${entity.name}@${entity.key}` })),
    h('td', { 'data-label': 'Project' }, h('a', { class: 'mono', href: projectHref(entity.projectId), text: entity.projectId })),
    h('td', { class: 'summary', 'data-label': 'Summary', text: session ? sessionSummary(agent, state) : padsSummary(state) }),
    h('td', { class: 'nowrap', 'data-label': 'Last modified', text: f.time(entity.lastModifiedTime) }),
    h('td', { class: 'state', 'data-label': 'State' },
      h('details', {}, h('summary', { text: 'raw state' }), h('pre', { class: 'source raw-json', text: JSON.stringify(entity.state, null, 2) }))));
}

function sessionSummary(agent, state) {
  return [
    `${f.agentName(agent)} (${f.agentRole(agent)})`,
    state.status,
    `${state.turns ?? 0} turn${state.turns === 1 ? '' : 's'}`,
    `${f.int(state.tokens ?? 0)} tokens`,
    f.usd(state.costUsd ?? 0),
    state.backend ? `${state.backend}${state.model ? ` · ${state.model}` : ''}` : null,
  ].filter(Boolean).join(' · ');
}

function padsSummary(state) {
  const pads = Object.entries(state.pads ?? {});
  const entries = pads.reduce((n, [, list]) => n + (Array.isArray(list) ? list.length : 0), 0);
  return `${pads.length} scratchpad${pads.length === 1 ? '' : 's'} (${pads.map(([pad]) => pad).join(', ') || 'none'}) · ${entries} entr${entries === 1 ? 'y' : 'ies'}`;
}
