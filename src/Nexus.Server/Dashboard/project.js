// A project's page: header with status and actions, live cards from the SSE stream, and tabs for the timeline and
// events, scratchpads, commits and diffs, test runs, agent sessions and the report.

import { activityLine, createActivityState } from './activity.js';
import { apiFetch } from './api.js';
import { h, replace } from './dom.js';
import * as f from './format.js';
import { testsChip } from './list.js';
import { openProjectStream } from './sse.js';
import { raiseEvent } from './events.js';
import { rawTab } from './raw.js';
import { commitsTab, reportTab, scratchpadsTab, sessionsTab, testsTab } from './tabs.js';
import { buildSteps, layoutTimeline, renderStepsTable, renderTimeline, timelineKey } from './timeline.js';
import { badge, confirmAction, notify, problemBox, progressBar, showProblem } from './ui.js';

const TABS = [
  ['overview', 'Timeline & events'],
  ['scratchpads', 'Scratchpads'],
  ['commits', 'Commits & diffs'],
  ['tests', 'Tests'],
  ['agents', 'Agent sessions'],
  ['report', 'Report'],
  ['raw', 'Raw JSON'],
];
const ENGINE_EVENTS = new Set(['OrchestratorStarted', 'OrchestratorCompleted', 'EntityOperationSignaled', 'EntityOperationCalled', 'EntityOperationCompleted', 'EntityOperationFailed', 'EntityLockGranted']);
const MAX_LOG = 400;

export function projectView(root, id) {
  const path = `/api/projects/${encodeURIComponent(id)}`;
  const state = {
    id,
    path,
    input: null,
    runtimeStatus: null,
    status: null,
    output: null,
    createdTime: null,
    lastUpdatedTime: null,
    history: [],
    lastHistoryId: -1,
    scheduled: new Map(),
    log: [],
    activity: createActivityState(),
    purged: false,
    tab: 'overview',
  };
  let disposed = false;
  let stream = null;
  let busy = false;
  let frame = 0;
  let reloadTimer = null;
  let tab = null;

  const statusBadge = h('span', { id: 'runtime-status' });
  const phase = h('strong', { id: 'phase', class: 'phase-name' });
  const iteration = h('span', { id: 'iteration', class: 'muted' });
  const live = h('span', { id: 'live-state', class: 'live', text: 'connecting…' });
  const description = h('p', { id: 'project-description', class: 'description' });
  const meta = h('p', { id: 'project-meta', class: 'muted small' });
  const problem = problemBox();
  const cards = h('div', { id: 'cards', class: 'cards' });
  const agents = h('div', { id: 'agent-strip', class: 'agents' });
  const trail = h('ol', { id: 'phase-trail', class: 'trail' });
  const panel = h('section', { id: 'tab-panel', class: 'panel', role: 'tabpanel' });
  const tabBar = h('div', { class: 'tabs', role: 'tablist' }, TABS.map(([key, label]) => h('button', {
    type: 'button', role: 'tab', class: 'tab', dataset: { tab: key }, id: `tab-${key}`, onclick: () => openTab(key),
  }, label)));
  // The actions bar, in this order.
  const buttons = {
    approve: h('button', { type: 'button', id: 'action-approve', class: 'primary', onclick: () => decide(true) }, 'Approve plan'),
    reject: h('button', { type: 'button', id: 'action-reject', onclick: () => decide(false) }, 'Reject plan'),
    suspend: h('button', { type: 'button', id: 'action-suspend', onclick: () => control('suspend') }, 'Suspend'),
    resume: h('button', { type: 'button', id: 'action-resume', onclick: () => control('resume') }, 'Resume'),
    event: h('button', { type: 'button', id: 'action-event', onclick: sendEvent }, 'Raise event…'),
    cancel: h('button', { type: 'button', id: 'action-cancel', onclick: cancel }, 'Terminate'),
    restart: h('button', { type: 'button', id: 'action-restart', onclick: restart }, 'Restart'),
    retry: h('button', { type: 'button', id: 'action-retry', class: 'primary', hidden: true, onclick: retry }, 'Retry'),
    purge: h('button', { type: 'button', id: 'action-purge', class: 'danger', onclick: purge }, 'Purge'),
  };

  replace(root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/', text: '← Projects' })),
    h('div', { class: 'page-head' },
      h('div', {},
        h('h1', { class: 'mono', text: id }, ' ', statusBadge),
        h('p', { class: 'phase-line' }, 'Phase ', phase, ' · ', iteration, ' · ', live)),
      h('div', { id: 'actions', class: 'actions' }, Object.values(buttons))),
    description,
    meta,
    problem,
    cards,
    agents,
    h('div', { class: 'trail-wrap' }, h('span', { class: 'muted small', text: 'Seen live: ' }), trail),
    tabBar,
    panel);

  const tick = setInterval(() => {
    if (f.isActive(state.runtimeStatus) && state.tab === 'overview') {
      scheduleRender();
    }
  }, 1000);

  load();
  return () => {
    disposed = true;
    clearInterval(tick);
    clearTimeout(reloadTimer);
    cancelAnimationFrame(frame);
    tab?.dispose?.();
    stream?.close();
  };

  async function load() {
    try {
      const response = await apiFetch(path, { query: { showInput: true } });
      const project = await response.json();
      if (disposed) {
        return;
      }

      state.input = project.input ?? null;
      applyStatus(project);
      renderHeader();
      openTab(state.tab);
      stream = openProjectStream(id, { onEvent, onEnd, onState, onError: (e) => showProblem(problem, e, 'The live stream stopped') });
    } catch (error) {
      if (!disposed) {
        live.textContent = '';
        showProblem(problem, error, `Project ${id}`);
        setButtons();
      }
    }
  }

  function applyStatus(project) {
    state.runtimeStatus = project.runtimeStatus ?? state.runtimeStatus;
    state.status = project.customStatus ?? state.status;
    state.output = project.output ?? state.output;
    state.createdTime = project.createdTime ?? state.createdTime;
    state.lastUpdatedTime = project.lastUpdatedTime ?? state.lastUpdatedTime;
  }

  function onState(s) {
    live.textContent = { connecting: 'connecting…', live: '● live', reconnecting: 'reconnecting…', ended: 'finished' }[s] ?? s;
    live.dataset.state = s;
  }

  function onEvent(type, data) {
    if (type === 'status' && data && typeof data === 'object') {
      applyStatus(data);
      const s = state.status ?? {};
      addLog(f.toMs(data.lastUpdatedTime), 'status',
        `Status: ${data.runtimeStatus} · ${s.phase ?? '—'} · iteration ${s.iteration ?? 0} · ${f.percent(s.progress)} · ${f.usd(s.costUsd ?? 0)}`, false);
      const lastSeen = trail.lastElementChild;
      if (s.phase && (!lastSeen || lastSeen.dataset.phase !== s.phase || lastSeen.dataset.iteration !== String(s.iteration))) {
        trail.append(h('li', { dataset: { phase: s.phase, iteration: String(s.iteration ?? 0), runtimeStatus: data.runtimeStatus } },
          `${f.words(s.phase)} · ${s.iteration ?? 0}`));
      }

      renderHeader();
    } else if (type === 'activity') {
      if (!state.activity.add(data)) {
        return;
      }

      addLog(f.toMs(data.timestamp), 'activity', activityLine(data), false);
      renderHeader();
    } else if (type === 'history' && data && typeof data === 'object') {
      if (typeof data.eventId !== 'number' || data.eventId <= state.lastHistoryId) {
        return;
      }

      state.lastHistoryId = data.eventId;
      state.history.push(data);
      addLog(f.toMs(data.timestamp), data.eventType, describe(data), ENGINE_EVENTS.has(data.eventType));
      if (data.eventType === 'TaskCompleted' || data.eventType === 'TaskFailed' || data.eventType.startsWith('Execution')) {
        scheduleReload();
      }
    }

    scheduleRender();
  }

  function onEnd(data) {
    if (data && data.reason === 'purged') {
      state.purged = true;
      showProblem(problem, new Error('This project no longer exists: its history was purged.'), 'Purged');
    } else if (data && typeof data === 'object') {
      applyStatus(data);
      addLog(f.toMs(data.lastUpdatedTime), f.isFailed(data.runtimeStatus) ? 'end-failed' : 'end', `Finished: ${data.runtimeStatus}`, false);
    }

    renderHeader();
    scheduleRender();
    scheduleReload();
  }

  function addLog(at, kind, text, engine) {
    state.log.push({ at, kind, text, engine });
    if (state.log.length > MAX_LOG * 2) {
      state.log.splice(0, state.log.length - MAX_LOG);
    }
  }

  function describe(e) {
    const d = e.data && typeof e.data === 'object' ? e.data : null;
    const task = state.scheduled.get(e.taskId);
    switch (e.eventType) {
      case 'ExecutionStarted':
        return 'Project started';
      case 'TaskScheduled':
        if (e.name === 'RunAgentStep' && d) {
          state.scheduled.set(e.taskId, { name: e.name, agent: d.agentId, phase: d.phase, iteration: d.iteration });
          return `${f.agentName(d.agentId)} starts ${d.phase} · iteration ${d.iteration} (turn ${d.turn})`;
        }

        state.scheduled.set(e.taskId, { name: e.name });
        return e.name === 'RunTests' ? 'The tests run' : `${e.name} scheduled`;
      case 'TaskCompleted':
        if (task?.name === 'RunAgentStep') {
          return `${f.agentName(task.agent)} finished ${task.phase} · iteration ${task.iteration}${d && d.succeeded === false ? ' — failed' : ''}`;
        }

        if (task?.name === 'RunTests' && d?.summary) {
          return `Tests: ${d.summary.passed} passed, ${d.summary.failed} failed${d.summary.succeeded ? '' : ' — red'}`;
        }

        return `${task?.name ?? 'Task'} completed`;
      case 'TaskFailed':
        return `${task?.name ?? 'Task'} failed: ${f.failureText(e.failure)}`;
      case 'TimerCreated':
        return `Waiting until ${f.time(e.fireAt)} at most`;
      case 'TimerFired':
        return 'Timer fired';
      case 'EventRaised':
        return e.name === 'approval'
          ? `Plan ${d?.approved ? 'approved' : 'rejected'}${d?.feedback ? `: ${d.feedback}` : ''}`
          : `Event ${e.name}`;
      case 'ExecutionCompleted':
        return 'Project completed';
      case 'ExecutionFailed':
        return `Project failed: ${f.failureText(e.failure)}`;
      case 'ExecutionTerminated':
        return `Project cancelled${typeof e.data === 'string' ? `: ${e.data}` : ''}`;
      case 'ExecutionSuspended':
        return 'Project suspended';
      case 'ExecutionResumed':
        return 'Project resumed';
      default:
        return `${e.eventType}${e.name ? ` ${e.name}` : ''}`;
    }
  }

  function renderHeader() {
    const s = state.status ?? {};
    const input = state.input ?? {};
    replace(statusBadge, badge(state.runtimeStatus));
    const waiting = f.isWaitingForPerson(state.runtimeStatus, s);
    const failed = f.isFailed(state.runtimeStatus);
    phase.textContent = f.phaseLabel(state.runtimeStatus, s.phase);
    phase.classList.toggle('failed', failed);
    document.title = waiting ? `Waiting for your approval · ${id} · NEXUS` : `${failed ? `${state.runtimeStatus} · ` : ''}${id} · NEXUS`;
    iteration.textContent = `iteration ${s.iteration ?? 0}${input.maxIterations ? ` of ${input.maxIterations}` : ''}`;
    description.textContent = input.description ?? '';
    meta.textContent = [
      `provider ${input.provider ?? 'per agent'}`,
      input.model ? `model ${input.model}` : null,
      input.scenario ? `scenario ${input.scenario}` : null,
      input.approvePlan ? 'plan approval required' : null,
      input.testCommand ? `tests: ${input.testCommand}` : null,
      `created ${f.time(state.createdTime)}`,
    ].filter(Boolean).join(' · ');

    const card = (label, value, key) => h('div', { class: 'card', dataset: { card: key } }, h('small', { class: 'muted', text: label }), h('div', { class: 'card-value' }, value));
    replace(cards,
      waiting ? h('div', { id: 'waiting-banner', class: 'attention wide' }, h('strong', { text: 'Waiting for you: ' }), 'Aria’s plan needs an approval before Code starts. See the scratchpads, then approve or reject it above.') : null,
      card('Progress', failed ? [progressBar(1, state.runtimeStatus === 'Failed' ? 'failed' : 'cancelled', true), ' stopped'] : [progressBar(s.progress), ' ', f.percent(s.progress)], 'progress'),
      card('Cost', `${f.usd(s.costUsd ?? 0)}${input.budgetUsd ? ` of ${f.usd(input.budgetUsd)}` : ''}`, 'cost'),
      card('Tokens', `${f.int(s.tokens ?? 0)}${input.maxTokens ? ` of ${f.int(input.maxTokens)}` : ''}`, 'tokens'),
      card('Last tests', s.tests ? [testsChip(s.tests), ` ${s.tests.passed} passed, ${s.tests.failed} failed`] : 'not run yet', 'tests'),
      card('Last decision', f.words(s.lastDecision), 'decision'),
      card('Sandbox', s.sandbox
        ? h('span', { class: `chip ${s.sandbox === 'bubblewrap' ? 'ok' : 'bad'}`, text: s.sandbox === 'bubblewrap' ? 'bubblewrap' : 'NONE (--unsandboxed)' })
        : '—', 'sandbox'),
      card('Updated', f.time(state.lastUpdatedTime), 'updated'),
      s.reason ? h('div', { class: `card wide${failed ? ' card-failed' : ''}`, dataset: { card: 'reason' } },
        h('small', { class: 'muted', text: failed ? (state.runtimeStatus === 'Failed' ? 'Why it failed' : 'Why it stopped') : 'Reason' }),
        h('div', { class: 'card-text' }, f.failureText(s.reason))) : null,
      s.alerts?.length ? h('div', { class: 'card wide card-alert', dataset: { card: 'alerts' } },
        h('small', { text: `${s.alerts.length} alert${s.alerts.length === 1 ? '' : 's'} — it went on, but look` }),
        h('ul', { class: 'alerts' }, s.alerts.map((a) => h('li', { dataset: { alert: a.kind } },
          h('strong', { text: a.who === 'tests' ? 'Tests' : f.agentName(a.who) }), ` · iteration ${a.iteration} · ${f.words(a.phase)}: `, a.message)))) : null);

    replace(agents, f.TEAM.map((agent) => {
      const a = s.agents?.[agent.id] ?? { status: 'idle', progress: 0, turns: 0 };
      const now = a.status === 'running' && f.isActive(state.runtimeStatus) ? state.activity.of(agent.id) : null;
      return h('div', { class: `agent agent-${a.status}`, dataset: { agent: agent.id } },
        h('div', {}, h('strong', { text: agent.name }), ' ', h('small', { class: 'muted', text: agent.role })),
        h('div', {}, h('span', { class: `chip agent-status-${a.status}`, text: a.status }), ' ', h('small', { class: 'muted', text: `${a.turns ?? 0} turn${a.turns === 1 ? '' : 's'}` })),
        progressBar(a.progress),
        h('small', { class: 'agent-now mono', title: now?.text ?? '', text: now?.text ?? '' }));
    }));
    setButtons();
  }

  function setButtons() {
    const active = f.isActive(state.runtimeStatus) && !state.purged;
    const awaiting = active && state.status?.phase === 'approval';
    const known = state.runtimeStatus !== null && !state.purged;
    buttons.cancel.disabled = busy || !active;
    buttons.cancel.title = active ? 'Terminate the project' : 'Only a pending or running project can be cancelled';
    buttons.approve.hidden = !state.input?.approvePlan;
    buttons.reject.hidden = !state.input?.approvePlan;
    buttons.approve.disabled = busy || !awaiting;
    buttons.reject.disabled = busy || !awaiting;
    buttons.approve.title = awaiting ? 'Let the team implement this plan' : 'The project is not waiting for an approval';
    buttons.reject.title = buttons.approve.title;
    const running = state.runtimeStatus === 'Running' || state.runtimeStatus === 'Pending';
    buttons.suspend.hidden = state.runtimeStatus === 'Suspended';
    buttons.suspend.disabled = busy || !running || state.purged;
    buttons.suspend.title = running ? 'Suspend the project: it takes no step until resumed' : 'Only a running project can be suspended';
    buttons.resume.hidden = state.runtimeStatus !== 'Suspended';
    buttons.resume.disabled = busy || state.purged;
    buttons.event.disabled = busy || !active;
    buttons.event.title = active ? 'Send an event (a name and JSON data) to the project' : 'Only an active project takes events';
    buttons.restart.disabled = busy || !known || active;
    buttons.restart.title = active ? 'Only a finished project can be restarted' : 'Run the project again from the start, with the same id and request';
    const retryable = known && (state.runtimeStatus === 'Failed' || state.runtimeStatus === 'Terminated');
    buttons.retry.hidden = !retryable;
    buttons.retry.disabled = busy || !retryable;
    buttons.retry.title = 'Continue from the step that did not finish (finished steps are not run again)';
    buttons.purge.disabled = busy || !known || active;
    buttons.purge.title = active ? 'Only a finished project can be purged (cancel it first)' : 'Delete the project’s history';
  }

  async function act(call, done) {
    showProblem(problem, null);
    busy = true;
    setButtons();
    try {
      const result = await call();
      done(result);
    } catch (error) {
      showProblem(problem, error, 'The action failed');
    } finally {
      busy = false;
      setButtons();
    }
  }

  async function cancel() {
    const answer = await confirmAction({
      title: `Cancel ${id}?`,
      message: 'The project is terminated: the running agent is stopped and no further step starts. Its history and workspace stay until you purge it.',
      confirmLabel: 'Cancel the project',
      danger: true,
      input: { label: 'Reason (optional)', placeholder: 'why it is cancelled' },
    });
    if (answer.ok) {
      await act(
        () => apiFetch(`${path}/terminate`, { method: 'POST', query: { reason: answer.value } }),
        () => notify(`Cancelling ${id}…`));
    }
  }

  async function control(action) {
    const suspend = action === 'suspend';
    const answer = await confirmAction({
      title: `${suspend ? 'Suspend' : 'Resume'} ${id}?`,
      message: suspend
        ? 'The project stops taking steps and events after the current one until it is resumed; the running agent turn finishes.'
        : 'The project continues from where it was suspended.',
      confirmLabel: suspend ? 'Suspend' : 'Resume',
      input: { label: 'Reason (optional)', placeholder: suspend ? 'why it is suspended' : 'why it is resumed' },
    });
    if (answer.ok) {
      await act(
        () => apiFetch(`${path}/${action}`, { method: 'POST', query: { reason: answer.value } }),
        () => notify(suspend ? `Suspending ${id}…` : `Resuming ${id}…`));
    }
  }

  async function restart() {
    const answer = await confirmAction({
      title: `Restart ${id}?`,
      message: 'The project runs again from the start with the same id and request: its status, events and report are replaced.',
      confirmLabel: 'Restart',
      danger: true,
    });
    if (answer.ok) {
      await act(
        () => apiFetch(`${path}/restart`, { method: 'POST' }),
        () => {
          notify(`Restarted ${id}.`, 'ok');
          // The route opens the page again: a new history, a new stream.
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        });
    }
  }

  async function sendEvent() {
    const sent = await raiseEvent(path, id);
    if (sent) {
      notify(`Event ${sent} sent to ${id}.`, 'ok');
    }
  }

  async function decide(approved) {
    const answer = await confirmAction(approved
      ? { title: 'Approve the plan?', message: 'Code starts implementing Aria’s plan.', confirmLabel: 'Approve', input: { label: 'Note for the team (optional)' } }
      : { title: 'Reject the plan?', message: 'Aria plans again with your feedback, then asks for approval again.', confirmLabel: 'Reject', danger: true, input: { label: 'Feedback for Aria', required: true, placeholder: 'what the plan must change' } });
    if (answer.ok) {
      // The decision answers the gate this page shows: the server refuses it (409) once another gate waits.
      const gate = state.status?.approvalGate;
      const body = { approved, ...(answer.value ? { feedback: answer.value } : {}), ...(gate != null ? { gate } : {}) };
      await act(
        () => apiFetch(`${path}/events/approval`, { method: 'POST', body }),
        () => notify(approved ? 'Plan approved.' : 'Plan rejected; Aria re-plans.', 'ok'));
    }
  }

  async function retry() {
    const limit = retryLimit();
    const answer = await confirmAction({
      title: `Retry ${id}?`,
      message: 'The project continues from the step that did not finish: finished steps are not run again, their commits and sessions stay.',
      confirmLabel: 'Retry',
      input: limit ? { label: limit.label, value: String(limit.value) } : undefined,
    });
    if (answer.ok) {
      const number = Number(answer.value);
      // A value that is not a number goes as written: the server says what is wrong with it.
      const body = limit && answer.value !== '' ? { [limit.field]: Number.isFinite(number) ? number : answer.value } : {};
      await act(
        () => apiFetch(`${path}/retry`, { method: 'POST', body }),
        () => {
          notify(`Retrying ${id}…`, 'ok');
          reopen();
        });
    }
  }

  // The limit that stopped the project, raised, for the retry dialog to offer; null when another reason stopped it.
  function retryLimit() {
    const reason = state.status?.reason ?? '';
    const input = state.input ?? {};
    if (reason.startsWith('max iterations reached')) {
      return { field: 'maxIterations', label: 'Iteration limit', value: Math.min(20, (input.maxIterations ?? 5) + 2) };
    }

    if (reason.startsWith('budget exhausted') && input.maxTokens && reason.includes('tokens used')) {
      return { field: 'maxTokens', label: 'Token limit', value: input.maxTokens * 2 };
    }

    if (reason.startsWith('budget exhausted') && input.budgetUsd) {
      return { field: 'budgetUsd', label: 'Budget in USD', value: input.budgetUsd * 2 };
    }

    return null;
  }

  // A retry is a new execution of the same project: read it again from the start and follow its new stream.
  function reopen() {
    stream?.close();
    Object.assign(state, { runtimeStatus: null, status: null, output: null, history: [], lastHistoryId: -1, scheduled: new Map(), log: [] });
    load();
  }

  async function purge() {
    const answer = await confirmAction({
      title: `Purge ${id}?`,
      message: 'Its durable history (status, events, report) is deleted for good. This cannot be undone.',
      confirmLabel: 'Purge',
      danger: true,
    });
    if (answer.ok) {
      await act(
        async () => (await apiFetch(path, { method: 'DELETE' })).json(),
        (result) => {
          notify(`Purged ${id} (${result?.instancesDeleted ?? 0} instance${result?.instancesDeleted === 1 ? '' : 's'} deleted).`, 'ok');
          location.hash = '#/';
        });
    }
  }

  function openTab(key) {
    state.tab = key;
    for (const button of tabBar.children) {
      const selected = button.dataset.tab === key;
      button.classList.toggle('active', selected);
      button.setAttribute('aria-selected', String(selected));
    }

    tab?.dispose?.();
    tab = null;
    panel.replaceChildren();
    if (key === 'overview') {
      renderOverview();
    } else {
      const tabs = { scratchpads: scratchpadsTab, commits: commitsTab, tests: testsTab, agents: sessionsTab, report: reportTab, raw: rawTab };
      tab = tabs[key](panel, state);
    }
  }

  function scheduleRender() {
    if (!frame && !disposed) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (disposed) {
          return;
        }

        if (state.tab === 'overview') {
          renderOverview();
        } else if (state.tab === 'tests' || state.tab === 'report' || state.tab === 'raw') {
          tab?.refresh?.();
        }
      });
    }
  }

  /** The API-backed tabs (scratchpads, commits, sessions) reload a moment after a step finishes. */
  function scheduleReload() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      if (!disposed && tab?.reload) {
        tab.reload();
      }
    }, 500);
  }

  function renderOverview() {
    let view = panel.querySelector('.overview');
    if (!view) {
      const engine = h('input', { type: 'checkbox', id: 'show-engine-events', onchange: () => renderOverview() });
      view = h('div', { class: 'overview' },
        h('div', { class: 'section-head' }, h('h2', { text: 'Timeline' }), legend()),
        h('div', { id: 'timeline' }),
        h('details', { class: 'steps-wrap' }, h('summary', { id: 'steps-summary' }), h('div', { id: 'steps' })),
        h('div', { class: 'section-head' }, h('h2', { text: 'Live events' }), h('label', { class: 'check small' }, engine, ' engine events')),
        h('ol', { id: 'events', class: 'events' }));
      panel.replaceChildren(view);
    }

    // Rebuilt only when something changed; otherwise (the 1 s tick of a running project) only the bars move.
    const now = Date.now();
    const built = buildSteps(state.history);
    const timeline = view.querySelector('#timeline');
    const chart = timeline.querySelector('.gantt');
    const key = timelineKey(built);
    if (chart && chart.dataset.key === key) {
      layoutTimeline(chart, built, now);
    } else {
      replace(timeline, renderTimeline(built, now));
    }

    const steps = view.querySelector('.steps-wrap');
    view.querySelector('#steps-summary').textContent = `Steps (${built.steps.length})`;
    steps.ontoggle = () => renderOverview();
    if (steps.open && steps.dataset.key !== key) {
      steps.dataset.key = key;
      replace(view.querySelector('#steps'), renderStepsTable(built, now));
    } else if (!steps.open) {
      delete steps.dataset.key;
    }

    const events = view.querySelector('#events');
    const showEngine = view.querySelector('#show-engine-events').checked;
    const logKey = `${state.log.length}|${showEngine}|${state.log.at(-1)?.text ?? ''}`;
    if (events.dataset.key === logKey) {
      return;
    }

    events.dataset.key = logKey;
    const entries = state.log.filter((entry) => showEngine || !entry.engine).slice(-MAX_LOG).reverse();
    replace(events, entries.length === 0
      ? h('li', { class: 'muted', text: 'Waiting for events…' })
      : entries.map((entry) => h('li', { class: `event event-${entry.kind.toLowerCase()}`, dataset: { kind: entry.kind } },
        h('time', { class: 'muted mono', text: f.time(entry.at) }), ' ',
        h('span', { class: 'event-kind', text: entry.kind }), ' ',
        h('span', { text: entry.text }))));
  }
}

function legend() {
  return h('div', { class: 'legend small' }, ['plan', 'approval', 'implement', 'write_tests', 'validate', 'review'].map((p) => h('span', { class: `swatch phase-${p}`, text: f.words(p) })));
}
