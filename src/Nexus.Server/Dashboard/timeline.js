// The per-agent timeline (Gantt-like): one row per agent, one bar per step, from the durable history — a step runs from its
// TaskScheduled to its TaskCompleted/TaskFailed (matched by taskId). RunAgentStep's input names the agent, phase and
// iteration; RunTests (the real test run) goes on the "tests" row; the wait for a person's approval on the "you" row.

import { h } from './dom.js';
import { TEAM, agentName, duration, failureText, resources, time, toMs, words } from './format.js';

// The team's names and roles come from format.js (one home); "you", "tests" and "workflow" are rows of their own.
const member = (id) => { const a = TEAM.find((t) => t.id === id); return { id, label: a.name, role: a.role }; };
const ROWS = [
  member('aria'),
  { id: 'you', label: 'You', role: 'approval' },
  member('code'),
  member('alpha'),
  { id: 'tests', label: 'Tests', role: 'real test run' },
  member('beta'),
  member('prime'),
  { id: 'workflow', label: 'Workflow', role: 'workspace' },
];

/**
 * Steps from history events (the API's shape: eventId, eventType, timestamp, name, taskId, data, failure).
 * Returns {steps, start, end, finished}: times in ms; a running step has end null.
 */
export function buildSteps(history) {
  const events = [...history].sort((a, b) => a.eventId - b.eventId);
  const scheduled = new Map();
  const steps = [];
  let iteration = 0;
  let lastAgentStep = null;
  let approval = null;
  let start = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let finished = null;

  for (const e of events) {
    const at = toMs(e.timestamp);
    if (!Number.isNaN(at)) {
      start = Math.min(start, at);
      last = Math.max(last, at);
    }

    const data = e.data && typeof e.data === 'object' ? e.data : null;
    switch (e.eventType) {
      case 'TaskScheduled': {
        let step;
        if (e.name === 'RunAgentStep' && data) {
          iteration = Number(data.iteration ?? iteration);
          step = { row: String(data.agentId ?? 'agent'), phase: String(data.phase ?? ''), iteration, turn: data.turn ?? null };
          lastAgentStep = step;
        } else if (e.name === 'RunTests') {
          step = { row: 'tests', phase: 'validate', iteration, turn: null };
        } else {
          step = { row: 'workflow', phase: String(e.name ?? 'task'), iteration, turn: null };
        }

        Object.assign(step, { name: e.name, taskId: e.taskId, start: at, end: null, outcome: 'running', detail: '', resources: '' });
        scheduled.set(e.taskId, step);
        steps.push(step);
        break;
      }

      case 'TaskCompleted': {
        const step = scheduled.get(e.taskId);
        if (step) {
          step.end = at;
          // CPU and peak memory of the step's process tree: test runs and agent turns that run a process (claude).
          step.resources = resources(data?.cpuSeconds, data?.peakMemoryMb);
          if (step.name === 'RunTests') {
            const summary = data?.summary;
            step.outcome = summary?.succeeded ? 'green' : 'red';
            step.detail = summary ? `${summary.passed} passed, ${summary.failed} failed` : '';
          } else {
            step.outcome = data && data.succeeded === false ? 'failed' : 'ok';
            step.detail = data && data.succeeded === false && typeof data.error === 'string' ? failureText(data.error) : '';
          }
        }

        break;
      }

      case 'TaskFailed': {
        const step = scheduled.get(e.taskId);
        if (step) {
          step.end = at;
          step.outcome = 'failed';
          step.detail = failureText(e.failure);
        }

        break;
      }

      case 'TimerCreated':
        // The approval gate: a timer right after Aria's plan, with no other step scheduled in between.
        if (approval === null && lastAgentStep && lastAgentStep.row === 'aria' && lastAgentStep.phase === 'plan'
          && lastAgentStep.end !== null && steps[steps.length - 1] === lastAgentStep) {
          approval = { row: 'you', phase: 'approval', iteration, turn: null, name: 'approval', taskId: e.taskId, start: at, end: null, outcome: 'waiting', detail: '' };
          steps.push(approval);
        }

        break;

      case 'TimerFired':
        if (approval && approval.taskId === e.taskId) {
          approval.end = at;
          approval.outcome = 'timed-out';
          approval = null;
        }

        break;

      case 'EventRaised':
        if (e.name === 'approval' && approval) {
          approval.end = at;
          approval.outcome = data?.approved ? 'approved' : 'rejected';
          approval.detail = typeof data?.feedback === 'string' ? data.feedback : '';
          approval = null;
        }

        break;

      case 'ExecutionCompleted':
      case 'ExecutionFailed':
      case 'ExecutionTerminated':
        finished = { at, type: e.eventType };
        break;

      default:
        break;
    }
  }

  if (finished) {
    for (const step of steps) {
      if (step.end === null) {
        step.end = finished.at;
        step.outcome = 'stopped';
      }
    }
  }

  return { steps, start: Number.isFinite(start) ? start : null, end: finished ? finished.at : (Number.isFinite(last) ? last : null), finished };
}

/** The Gantt chart of built steps; a running project's axis extends to now. */
export function renderTimeline(built, now) {
  const { steps } = built;
  if (steps.length === 0 || built.start === null) {
    return h('p', { class: 'muted', text: 'No steps yet.' });
  }

  const known = new Set(ROWS.map((r) => r.id));
  const rows = [...ROWS, ...[...new Set(steps.map((s) => s.row))].filter((id) => !known.has(id)).map((id) => ({ id, label: agentName(id), role: '' }))]
    .filter((row) => steps.some((s) => s.row === row.id));

  const axis = h('div', { class: 'gantt-axis' });
  for (let n = 0; n <= 4; n++) {
    axis.append(h('span', { class: 'tick', style: { left: `${n * 25}%` } }));
  }

  const chart = h('div', { class: 'gantt', role: 'group', 'aria-label': 'Timeline by agent', dataset: { key: timelineKey(built) } },
    h('div', { class: 'gantt-row gantt-head' }, h('div', { class: 'gantt-label' }), h('div', { class: 'gantt-track' }, axis)));
  for (const row of rows) {
    const track = h('div', { class: 'gantt-track' });
    steps.forEach((step, index) => {
      if (step.row === row.id) {
        track.append(h('div', {
          class: `bar phase-${cssName(step.phase)} outcome-${cssName(step.outcome)}`,
          dataset: { index: String(index), phase: step.phase, iteration: String(step.iteration), agent: row.id, outcome: step.outcome },
        }, h('span', { class: 'bar-label', text: `${words(step.phase)} · ${step.iteration}` })));
      }
    });

    chart.append(h('div', { class: 'gantt-row', dataset: { row: row.id } },
      h('div', { class: 'gantt-label' }, h('strong', { text: row.label }), h('small', { text: row.role })),
      track));
  }

  layoutTimeline(chart, built, now);
  return chart;
}

/** What a chart shows apart from the time: when it is unchanged, layoutTimeline is enough (a hovered bar keeps its tooltip). */
export function timelineKey(built) {
  return `${built.finished ? 'finished' : 'running'}|${built.steps.map((s) => `${s.row}:${s.start}:${s.end}:${s.outcome}`).join('|')}`;
}

/** Places the bars and the axis labels for the time now (a running step grows until it ends). */
export function layoutTimeline(chart, built, now) {
  const { steps } = built;
  const end = Math.max(built.finished ? built.end : now, ...steps.map((s) => s.end ?? now), built.start + 1);
  const span = end - built.start;
  const share = (ms) => `${((ms / span) * 100).toFixed(3)}%`;
  chart.querySelectorAll('.tick').forEach((tick, n) => {
    tick.textContent = n === 0 ? '0 s' : duration((span * n) / 4);
  });
  for (const bar of chart.querySelectorAll('.bar')) {
    const step = steps[Number(bar.dataset.index)];
    const stepEnd = step.end ?? now;
    bar.style.setProperty('left', share(step.start - built.start));
    bar.style.setProperty('width', `max(${share(stepEnd - step.start)}, 3px)`);
    bar.title = [
      `${agentName(step.row) || step.row}: ${words(step.phase)}, iteration ${step.iteration}${step.turn ? `, turn ${step.turn}` : ''}`,
      `${time(step.start)} → ${step.end === null ? 'running' : time(step.end)} (${duration(stepEnd - step.start)}${step.resources ? `, ${step.resources}` : ''})`,
      `outcome: ${step.outcome}${step.detail ? ` — ${step.detail}` : ''}`,
    ].join('\n');
  }
}

/** The steps as a table (times, durations, outcomes), newest last. */
export function renderStepsTable(built, now) {
  if (built.steps.length === 0) {
    return h('p', { class: 'muted', text: 'No steps yet.' });
  }

  return h('table', { class: 'grid steps' },
    h('thead', {}, h('tr', {}, ['Row', 'Phase', 'Iteration', 'Turn', 'Started', 'Duration', 'Outcome'].map((t) => h('th', { text: t })))),
    h('tbody', {}, built.steps.map((s) => h('tr', {},
      h('td', { text: agentName(s.row) || s.row }),
      h('td', { text: words(s.phase) }),
      h('td', { text: s.iteration }),
      h('td', { text: s.turn ?? '' }),
      h('td', { text: time(s.start) }),
      h('td', { class: 'duration' }, duration((s.end ?? now) - s.start) + (s.end === null ? ' …' : ''),
        s.resources ? h('small', { class: 'muted resources', text: ` · ${s.resources}` }) : null),
      h('td', { class: 'outcome' }, h('span', { class: `chip outcome-${cssName(s.outcome)}`, text: s.outcome }), s.detail ? ` ${s.detail}` : '')))));
}

function cssName(value) {
  return String(value).toLowerCase().replace(/[^a-z0-9_-]/g, '-');
}
