// The project page's "Raw JSON" tab: the input (the project request), the custom status and the output exactly as the API
// serves them (the API redacts secrets in every payload), for what the other views summarize.

import { h, replace } from './dom.js';

const PARTS = [
  ['input', 'Input', 'The project request.', (state) => state.input],
  ['status', 'Custom status', 'The live status the orchestration publishes: phase, iteration, agents, cost, tests.', (state) => state.status],
  ['output', 'Output', 'The report of a completed project, the reason of a terminated one, the failure of a failed one.', (state) => state.output],
];

export function rawTab(panel, state) {
  let last = '';
  const refresh = () => {
    const values = PARTS.map(([, , , read]) => read(state) ?? null);
    const key = JSON.stringify(values);
    if (key === last) {
      return;
    }

    last = key;
    replace(panel,
      h('div', { class: 'section-head' }, h('h2', { text: 'Raw JSON' })),
      PARTS.map(([name, title, about], index) => h('section', { class: 'raw', dataset: { raw: name } },
        h('h3', {}, title, ' ', h('small', { class: 'muted', text: about })),
        values[index] === null
          ? h('p', { class: 'muted', id: `raw-${name}`, text: 'none (yet)' })
          : h('pre', { class: 'source raw-json', id: `raw-${name}`, text: JSON.stringify(values[index], null, 2) }))));
  };
  refresh();
  return { refresh, dispose() {} };
}
