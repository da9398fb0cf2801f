// The start form: POST /api/projects. The server checks every field (its problem details say which one is wrong); an
// Idempotency-Key per distinct request makes a double submit start one project, not two.

import { apiJson } from './api.js';
import { h, projectHref, replace } from './dom.js';
import { notify, problemBox, showProblem } from './ui.js';

const PROVIDERS = [
  ['', 'Each agent’s configured backend'],
  ['claude', 'claude (Claude Code)'],
  ['openai', 'openai'],
  ['azure-openai', 'azure-openai'],
  ['anthropic', 'anthropic'],
  ['ollama', 'ollama'],
  ['replay', 'replay (recorded scenario, offline)'],
];
const SCENARIOS = ['demo', 'eager', 'fix-tests', 'stuck'];
const TEMPLATES = ['node-library', 'node-http-api', 'python-package', 'dotnet-webapi'];
const SWITCH = [['', 'as configured'], ['on', 'on'], ['off', 'off']];

export function startView(root) {
  let lastBody = null;
  let idempotencyKey = null;

  const field = (label, control, hint) => h('label', { class: 'field' }, h('span', { text: label }), control, hint ? h('small', { class: 'muted', text: hint }) : null);
  const input = (name, props = {}) => h('input', { name, id: `start-${name}`, ...props });

  const description = h('textarea', { name: 'description', id: 'start-description', rows: 4, required: true, maxlength: 20000, placeholder: 'What to build, e.g. “a REST API for a todo list with validation”' });
  const provider = h('select', { name: 'provider', id: 'start-provider', onchange: () => syncReplay() }, PROVIDERS.map(([value, label]) => h('option', { value }, label)));
  const replayFields = h('fieldset', { class: 'replay-fields' },
    h('legend', { text: 'Replay' }),
    h('div', { class: 'row' },
      field('Scenario', input('scenario', { list: 'scenarios', placeholder: 'demo', spellcheck: 'false' }), 'A folder of recorded turns (samples/).'),
      field('Delay per turn (s)', input('replayDelaySeconds', { type: 'number', min: 0, max: 600, step: 0.1, placeholder: '0' }), 'Slows the replay down to watch it live.')),
    h('datalist', { id: 'scenarios' }, SCENARIOS.map((s) => h('option', { value: s }))));
  const toggle = (name) => h('select', { name, id: `start-${name}` }, SWITCH.map(([value, label]) => h('option', { value }, label)));
  const gateFields = h('fieldset', { class: 'gate-fields' },
    h('legend', { text: 'Quality gates and memory (empty: the server’s configuration)' }),
    h('div', { class: 'row' },
      field('QA gate', toggle('qa'), 'Coverage and complexity after a green run.'),
      field('Security gate', toggle('security'), 'Secrets and injection patterns in the change.'),
      field('Memory', toggle('memory'), 'Lessons from earlier projects; this one’s kept.')),
    h('div', { class: 'row' },
      field('Least line coverage (%)', input('minLineCoverage', { type: 'number', min: 0, max: 100, step: 0.1, placeholder: 'configured (80)' })),
      field('Most complexity per function', input('maxComplexity', { type: 'number', min: 1, step: 1, placeholder: 'configured (10)' }))));
  const problem = problemBox();
  const submit = h('button', { type: 'submit', class: 'primary', id: 'start-submit' }, 'Start project');

  const form = h('form', { id: 'start-form', class: 'form', novalidate: false, onsubmit: onSubmit },
    field('Description', description, 'Required, up to 20,000 characters.'),
    h('div', { class: 'row' },
      field('Project id', input('id', { placeholder: 'generated when empty', spellcheck: 'false', maxlength: 64 }), 'Letters, digits, “_” and “-”, at most 64.'),
      field('Provider', provider),
      field('Model', input('model', { placeholder: 'the backend’s default', spellcheck: 'false' }))),
    h('div', { class: 'row' },
      field('Max iterations', input('maxIterations', { type: 'number', min: 1, max: 20, step: 1, value: '5' }), '1–20.'),
      field('Budget (USD)', input('budgetUsd', { type: 'number', min: 0.01, step: 0.01, placeholder: 'no cap' })),
      field('Test command', input('testCommand', { placeholder: 'detected from the workspace', spellcheck: 'false' }), 'Runs in the project’s workspace on the server.')),
    h('label', { class: 'check' }, input('approvePlan', { type: 'checkbox' }), ' Wait for my approval of the plan before implementing'),
    replayFields,
    h('details', { class: 'advanced' },
      h('summary', { text: 'More: template, quality gates, memory, requirements, technology, constraints, token cap' }),
      field('Template', input('template', { list: 'templates', placeholder: 'none', spellcheck: 'false' }), 'Starts from a scaffold and plan skeleton (nexus templates lists them).'),
      h('datalist', { id: 'templates' }, TEMPLATES.map((t) => h('option', { value: t }))),
      gateFields,
      field('Requirements', h('textarea', { name: 'requirements', id: 'start-requirements', rows: 3 })),
      h('div', { class: 'row' },
        field('Technology', input('technology', { placeholder: 'e.g. Node.js 20' })),
        field('Max tokens', input('maxTokens', { type: 'number', min: 1, step: 1, placeholder: 'no cap' }))),
      field('Constraints', h('textarea', { name: 'constraints', id: 'start-constraints', rows: 2 }))),
    problem,
    h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/', text: 'Back to projects' }), submit));

  replace(root, h('div', { class: 'page-head' }, h('h1', { text: 'New project' })), form);
  syncReplay();
  description.focus();
  return () => {};

  function syncReplay() {
    replayFields.hidden = provider.value !== 'replay';
  }

  async function onSubmit(event) {
    event.preventDefault();
    showProblem(problem, null);
    const body = readBody();
    const json = JSON.stringify(body);
    if (json !== lastBody) {
      lastBody = json;
      idempotencyKey = randomKey();
    }

    submit.disabled = true;
    try {
      const { data } = await apiJson('/api/projects', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
      notify(`Started project ${data.id}.`, 'ok');
      location.hash = projectHref(data.id);
    } catch (error) {
      showProblem(problem, error, 'The project was not started');
    } finally {
      submit.disabled = false;
    }
  }

  function readBody() {
    const value = (name) => form.elements[name].value.trim();
    const number = (name) => (value(name) === '' ? undefined : Number(value(name)));
    const body = { description: form.elements.description.value };
    for (const name of ['id', 'provider', 'model', 'testCommand', 'requirements', 'technology', 'constraints', 'template']) {
      if (value(name) !== '') {
        body[name] = value(name);
      }
    }

    for (const name of ['maxIterations', 'budgetUsd', 'maxTokens']) {
      if (number(name) !== undefined) {
        body[name] = number(name);
      }
    }

    const gates = {};
    for (const name of ['qa', 'security']) {
      if (value(name) !== '') {
        gates[name] = value(name) === 'on';
      }
    }

    for (const name of ['minLineCoverage', 'maxComplexity']) {
      if (number(name) !== undefined) {
        gates[name] = number(name);
      }
    }

    if (Object.keys(gates).length > 0) {
      body.gates = gates;
    }

    if (value('memory') !== '') {
      body.memory = value('memory') === 'on';
    }

    body.approvePlan = form.elements.approvePlan.checked;
    if (body.provider === 'replay') {
      if (value('scenario') !== '') {
        body.scenario = value('scenario');
      }

      if (number('replayDelaySeconds') !== undefined) {
        body.replayDelaySeconds = number('replayDelaySeconds');
      }
    }

    return body;
  }
}

function randomKey() {
  // crypto.randomUUID needs a secure context; getRandomValues works on plain http too (a server on the LAN).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `dash-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
