// The memory view: a search over what finished projects learned (GET /api/memory?q=) — plans, Prime's decisions, fixed
// tests, gate reports — best first, each with the project it comes from. Aria and Prime get the same entries.

import { apiJson } from './api.js';
import { h, projectHref, replace } from './dom.js';
import * as f from './format.js';
import { problemBox, showProblem } from './ui.js';

export function memoryView(root, params) {
  let controller = null;
  let disposed = false;
  const input = h('input', { id: 'memory-query', type: 'search', placeholder: 'e.g. slug truncate word boundary', value: params.get('q') ?? '', spellcheck: 'false' });
  const problem = problemBox();
  const info = h('p', { id: 'memory-info', class: 'muted small' });
  const results = h('ol', { id: 'memory-results', class: 'memory-results' });

  replace(root,
    h('div', { class: 'page-head' }, h('h1', { text: 'Memory' })),
    h('p', { class: 'muted' }, 'What finished projects learned: their plans, Prime\'s decisions with reasons, each failing test with the change that fixed it, the last QA and Security reports. Aria and Prime get the most relevant entries of earlier projects in their prompts.'),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); search(); } },
      h('label', { class: 'field inline' }, h('span', { text: 'Search' }), input),
      h('button', { type: 'submit' }, 'Search')),
    problem,
    info,
    results);

  if (input.value.trim() !== '') {
    search();
  }

  input.focus();
  return () => {
    disposed = true;
    controller?.abort();
  };

  async function search() {
    const q = input.value.trim();
    history.replaceState(null, '', q ? `#/memory?q=${encodeURIComponent(q)}` : '#/memory');
    if (q === '') {
      replace(results);
      info.textContent = '';
      return;
    }

    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    try {
      const { data } = await apiJson('/api/memory', { query: { q, limit: 20 }, signal: mine.signal });
      if (disposed) {
        return;
      }

      showProblem(problem, null);
      const hits = data?.results ?? [];
      info.textContent = `${hits.length} entr${hits.length === 1 ? 'y' : 'ies'} · ${data?.store ?? ''}`;
      replace(results, hits.length === 0 ? h('li', { class: 'empty muted', text: 'Nothing in the memory matches.' }) : hits.map(entry));
    } catch (error) {
      if (!disposed && error?.name !== 'AbortError') {
        showProblem(problem, error, 'The memory could not be searched');
      }
    }
  }
}

function entry(hit) {
  return h('li', { class: 'memory-entry', dataset: { project: hit.projectId, kind: hit.kind } },
    h('div', {},
      h('span', { class: 'badge', text: hit.kind }), ' ',
      h('strong', { text: hit.title }), ' ',
      h('a', { class: 'mono small', href: projectHref(hit.projectId), text: hit.projectId }),
      h('span', { class: 'muted small', text: ` · ${f.time(hit.created)}` })),
    h('pre', { class: 'source memory-text', text: hit.text }));
}
