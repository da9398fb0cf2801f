// The project page's tabs besides the timeline. Each takes (panel, state) and returns {dispose, reload?, refresh?}:
// reload re-reads the API (scratchpads, commits, sessions), refresh re-renders from the streamed history (tests, report).

import { apiJson } from './api.js';
import { renderDiff } from './diff.js';
import { h, replace } from './dom.js';
import * as f from './format.js';
import { testsChip } from './list.js';
import { setMarkdown } from './markdown.js';
import { problemBox, showProblem } from './ui.js';

const PAD_ORDER = ['shared_context', 'aria_to_code', 'code_to_alpha', 'alpha_to_beta', 'beta_to_aria', 'orchestrator_feedback', 'qa_report', 'security_report'];

/** Loads JSON for a tab: aborts the previous load, ignores an unchanged answer, shows errors in the tab's problem box. */
function loader(path, problem, what, onData) {
  let controller = null;
  let last = null;
  let disposed = false;
  return {
    async reload() {
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      try {
        const { data } = await apiJson(typeof path === 'function' ? path() : path, { signal: mine.signal });
        const json = JSON.stringify(data);
        if (disposed || controller !== mine || json === last) {
          return;
        }

        last = json;
        showProblem(problem, null);
        onData(data);
      } catch (error) {
        if (!disposed && error?.name !== 'AbortError') {
          showProblem(problem, error, `${what} could not be loaded`);
        }
      }
    },
    dispose() {
      disposed = true;
      controller?.abort();
    },
  };
}

export function scratchpadsTab(panel, state) {
  let pads = [];
  let selected = null;
  const problem = problemBox();
  const nav = h('nav', { id: 'pad-list', class: 'side-list', 'aria-label': 'Scratchpads' });
  const body = h('div', { id: 'pad-body', class: 'side-body' }, h('p', { class: 'muted', text: 'Loading…' }));
  const source = h('input', { type: 'checkbox', id: 'pad-source', onchange: () => renderPad() });
  replace(panel,
    h('div', { class: 'section-head' }, h('h2', { text: 'Scratchpads' }), h('label', { class: 'check small' }, source, ' Markdown source')),
    problem,
    h('div', { class: 'split' }, nav, body));

  const load = loader(`${state.path}/scratchpads`, problem, 'The scratchpads', (data) => {
    pads = [...(data ?? [])].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
    if (!pads.some((p) => p.name === selected)) {
      selected = pads[0]?.name ?? null;
    }

    renderNav();
    renderPad();
  });
  load.reload();
  return load;

  function rank(name) {
    const index = PAD_ORDER.indexOf(name);
    return index < 0 ? PAD_ORDER.length : index;
  }

  function renderNav() {
    replace(nav, pads.length === 0
      ? h('p', { class: 'muted', text: 'No scratchpad written yet.' })
      : pads.map((pad) => h('button', {
        type: 'button', class: `side-link${pad.name === selected ? ' active' : ''}`, dataset: { pad: pad.name },
        onclick: () => { selected = pad.name; renderNav(); renderPad(); },
      }, h('span', { class: 'mono', text: pad.name }), h('small', { class: 'count', text: pad.entries?.length ?? 0 }))));
  }

  function renderPad() {
    const pad = pads.find((p) => p.name === selected);
    if (!pad) {
      replace(body, h('p', { class: 'muted', text: 'The agents write their hand-offs here as they work.' }));
    } else if (source.checked) {
      replace(body, h('pre', { class: 'source', text: pad.markdown ?? '' }));
    } else {
      replace(body,
        h('h3', { class: 'mono', text: pad.name }),
        (pad.entries ?? []).map((entry) => h('article', { class: 'entry', dataset: { step: entry.stepKey } },
          h('header', { class: 'entry-head' },
            h('strong', { text: entry.author }), ' ',
            h('time', { class: 'muted', text: f.time(entry.timestamp) }), ' ',
            h('code', { class: 'muted small', text: entry.stepKey })),
          setMarkdown(h('div', { class: 'entry-body' }), entry.content, { headingOffset: 3 }))));
    }
  }
}

export function commitsTab(panel, state) {
  let commits = [];
  let selected = null;
  let diffRequest = null;
  const problem = problemBox();
  const list = h('nav', { id: 'commit-list', class: 'side-list', 'aria-label': 'Commits' });
  const diffHead = h('div', { id: 'diff-head' });
  const diffBody = h('div', { id: 'diff-body' });
  replace(panel,
    h('div', { class: 'section-head' }, h('h2', { text: 'Commits & diffs' })),
    problem,
    h('div', { class: 'split' }, list, h('div', { class: 'side-body' }, diffHead, diffBody)));

  const load = loader(`${state.path}/commits`, problem, 'The commits', (data) => {
    commits = data ?? [];
    if (selected === null || (selected !== 'all' && !commits.some((c) => c.id === selected))) {
      selected = commits.length > 0 ? commits[commits.length - 1].id : null;
    }

    renderList();
    showDiff();
  });
  load.reload();
  return {
    reload: load.reload,
    dispose() {
      load.dispose();
      diffRequest?.abort();
    },
  };

  function renderList() {
    if (commits.length === 0) {
      replace(list, h('p', { class: 'muted', text: 'No commits yet.' }));
      return;
    }

    replace(list,
      commits.length > 1 ? h('button', { type: 'button', id: 'diff-all', class: `side-link${selected === 'all' ? ' active' : ''}`, onclick: () => select('all') },
        h('span', { text: 'All changes' }), h('small', { class: 'count', text: `${commits.length - 1}` })) : null,
      [...commits].reverse().map((commit) => h('button', {
        type: 'button', class: `side-link commit${commit.id === selected ? ' active' : ''}`, dataset: { commit: commit.id }, title: commit.message,
        onclick: () => select(commit.id),
      },
      h('span', { class: 'commit-line' }, h('code', { text: f.sha(commit.id) }), ' ', h('strong', { text: commit.authorName })),
      h('span', { class: 'commit-message', text: f.firstLine(commit.message) }),
      h('small', { class: 'muted', text: f.time(commit.timestamp) }))));
  }

  function select(id) {
    selected = id;
    renderList();
    showDiff();
  }

  async function showDiff() {
    diffRequest?.abort();
    if (selected === null) {
      replace(diffHead);
      replace(diffBody);
      return;
    }

    const index = commits.findIndex((c) => c.id === selected);
    const from = selected === 'all' ? commits[0] : commits[index - 1];
    const to = selected === 'all' ? commits[commits.length - 1] : commits[index];
    replace(diffHead,
      selected === 'all'
        ? h('h3', { text: `All changes since ${f.sha(from.id)}` })
        : [h('h3', {}, h('code', { text: f.sha(to.id) }), ' ', to.authorName, ' · ', f.time(to.timestamp)), h('pre', { class: 'commit-full', text: to.message })]);
    if (!from) {
      replace(diffBody, h('p', { class: 'muted', text: 'The first commit of the workspace: there is nothing before it to compare with.' }));
      return;
    }

    const mine = new AbortController();
    diffRequest = mine;
    replace(diffBody, h('p', { class: 'muted', text: 'Loading the diff…' }));
    try {
      const { data } = await apiJson(`${state.path}/diff`, { query: { from: from.id, to: to.id }, signal: mine.signal });
      if (diffRequest === mine) {
        replace(diffBody, renderDiff(data?.diff));
      }
    } catch (error) {
      if (error?.name !== 'AbortError' && diffRequest === mine) {
        const box = problemBox();
        replace(diffBody, box);
        showProblem(box, error, 'The diff could not be loaded');
      }
    }
  }
}

export function testsTab(panel, state) {
  const refresh = () => {
    const runs = testRuns(state.history);
    const last = state.status?.tests;
    replace(panel,
      h('div', { class: 'section-head' }, h('h2', { text: 'Test runs' }),
        last ? h('span', {}, 'Last: ', testsChip(last), ` ${last.passed} passed, ${last.failed} failed${last.skipped ? `, ${last.skipped} skipped` : ''}`) : null),
      runs.length === 0
        ? h('p', { class: 'muted', text: 'No test run yet: the tests run after Alpha writes them.' })
        : h('div', { id: 'test-runs' }, [...runs].reverse().map(renderRun)));
  };
  refresh();
  return { refresh, dispose() {} };
}

function testRuns(history) {
  const runs = [];
  const byTask = new Map();
  let iteration = 0;
  for (const e of history) {
    const d = e.data && typeof e.data === 'object' ? e.data : null;
    if (e.eventType === 'TaskScheduled' && e.name === 'RunAgentStep' && d) {
      iteration = Number(d.iteration ?? iteration);
    } else if (e.eventType === 'TaskScheduled' && e.name === 'RunTests') {
      const run = { number: runs.length + 1, iteration, commit: d?.commit ?? '', started: f.toMs(e.timestamp), result: null, failure: null, finished: null };
      runs.push(run);
      byTask.set(e.taskId, run);
    } else if ((e.eventType === 'TaskCompleted' || e.eventType === 'TaskFailed') && byTask.has(e.taskId)) {
      const run = byTask.get(e.taskId);
      run.finished = f.toMs(e.timestamp);
      run.result = e.eventType === 'TaskCompleted' ? d : null;
      run.failure = e.eventType === 'TaskFailed' ? e.failure ?? 'failed' : null;
    }
  }

  return runs;
}

function renderRun(run) {
  const r = run.result;
  const s = r?.summary;
  const state = run.finished === null ? 'running' : (s?.succeeded ? 'green' : 'red');
  return h('article', { class: `test-run run-${state}`, dataset: { run: run.number } },
    h('header', { class: 'entry-head' },
      h('strong', { text: `Run ${run.number}` }), ` · iteration ${run.iteration} · `,
      s ? testsChip(s) : h('span', { class: 'chip', text: state }),
      s ? ` ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}` : ''),
    h('p', { class: 'muted small' }, [
      run.commit ? `commit ${f.sha(run.commit)}` : null,
      r?.command ? `command ${r.command}` : null,
      r && r.exitCode !== undefined && r.exitCode !== null ? `exit ${r.exitCode}` : null,
      r?.timedOut ? 'timed out' : null,
      run.finished !== null ? f.duration(run.finished - run.started) : 'running…',
    ].filter(Boolean).join(' · ')),
    run.failure ? h('p', { class: 'problem-detail', text: f.failureText(run.failure) }) : null,
    s?.failingTests?.length ? h('div', {}, h('h4', { text: 'Failing tests' }), h('ul', { class: 'failing' }, s.failingTests.map((t) => h('li', {}, h('code', { text: t }))))) : null,
    r?.failures?.length ? h('details', { open: true }, h('summary', { text: 'Failures' }), r.failures.map((text) => h('pre', { class: 'source', text }))) : null,
    r?.logTail ? h('details', {}, h('summary', { text: 'Output (tail)' }), h('pre', { class: 'source', text: r.logTail })) : null);
}

export function sessionsTab(panel, state) {
  const problem = problemBox();
  const body = h('div', { id: 'sessions' }, h('p', { class: 'muted', text: 'Loading…' }));
  replace(panel, h('div', { class: 'section-head' }, h('h2', { text: 'Agent sessions' })), problem, body);
  const load = loader(`${state.path}/agents`, problem, 'The agent sessions', (data) => {
    const sessions = [...(data ?? [])].sort((a, b) => order(a.agent) - order(b.agent));
    replace(body, sessions.length === 0
      ? h('p', { class: 'muted', text: 'No agent has taken a turn yet.' })
      : h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, ['Agent', 'Status', 'Backend', 'Model', 'Session', 'Turns', 'Tokens', 'Cost', 'Last activity'].map((t) => h('th', { text: t })))),
        h('tbody', {}, sessions.map((s) => h('tr', { dataset: { agent: s.agent } },
          h('td', {}, h('strong', { text: f.agentName(s.agent) })),
          h('td', {}, h('span', { class: `chip agent-status-${s.status}`, text: s.status })),
          h('td', { text: s.backend ?? '—' }),
          h('td', { text: s.model ?? '—' }),
          h('td', { class: 'mono small', text: s.sessionId ?? '—' }),
          h('td', { class: 'num', text: s.turns }),
          h('td', { class: 'num', text: f.int(s.tokens) }),
          h('td', { class: 'num', text: f.usd(s.costUsd) }),
          h('td', { text: f.time(s.lastActivity) })))))));
  });
  load.reload();
  return load;

  function order(agent) {
    const index = f.TEAM.findIndex((a) => a.id === agent);
    return index < 0 ? f.TEAM.length : index;
  }
}

export function reportTab(panel, state) {
  const refresh = () => {
    const status = state.runtimeStatus;
    const output = state.output;
    if (status === 'Completed' && output && typeof output === 'object') {
      replace(panel,
        h('div', { class: 'section-head' }, h('h2', { text: 'Report' })),
        setMarkdown(h('div', { id: 'report-summary', class: 'report-summary' }), output.summary ?? ''),
        h('div', { class: 'cards' },
          stat('Iterations', output.iterations),
          stat('Cost', f.usd(output.costUsd)),
          stat('Tokens', f.int(output.tokens)),
          stat('Tests', output.tests ? [testsChip(output.tests), ` ${output.tests.passed} passed, ${output.tests.failed} failed`] : '—'),
          stat('Commits', output.commits?.length ?? 0)),
        h('h3', { text: 'Files' }),
        h('ul', { class: 'files' }, (output.files ?? []).map((file) => h('li', {}, h('code', { text: file })))),
        h('h3', { text: 'Phases' }),
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, ['Phase', 'Iteration', 'Agent', 'Started', 'Duration', 'Outcome'].map((t) => h('th', { text: t })))),
          h('tbody', {}, (output.timeline ?? []).map((span) => h('tr', {},
            h('td', { text: f.words(span.phase) }),
            h('td', { text: span.iteration }),
            h('td', { text: f.agentName(span.agent) || span.agent }),
            h('td', { text: f.time(span.started) }),
            h('td', { text: f.duration(f.toMs(span.finished) - f.toMs(span.started)) }),
            h('td', { text: span.outcome })))))));
    } else if (status === 'Failed' || status === 'Terminated') {
      const box = problemBox();
      replace(panel, h('div', { class: 'section-head' }, h('h2', { text: 'Report' })), box);
      showProblem(box, new Error(f.failureText(typeof output === 'string' ? output : (state.status?.reason ?? status))), status === 'Failed' ? 'The project failed' : 'The project was cancelled');
    } else {
      replace(panel, h('div', { class: 'section-head' }, h('h2', { text: 'Report' })),
        h('p', { class: 'muted', text: 'The report appears when the project finishes.' }));
    }
  };
  refresh();
  return { refresh, dispose() {} };
}

function stat(label, value) {
  return h('div', { class: 'card' }, h('small', { class: 'muted', text: label }), h('div', { class: 'card-value' }, value));
}
