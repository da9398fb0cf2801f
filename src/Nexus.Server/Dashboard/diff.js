// A unified diff (git diff output) as coloured lines, one collapsible block per file, with old/new line numbers.

import { h } from './dom.js';

const MAX_LINES = 5000;

/** Renders a unified diff; lines past MAX_LINES are left out with a note. */
export function renderDiff(text) {
  const source = String(text ?? '');
  if (source.trim() === '') {
    return h('p', { class: 'muted', text: 'No changes.' });
  }

  const root = h('div', { class: 'diff' });
  const lines = source.replace(/\n$/, '').split('\n');
  let file = null;
  let oldLine = 0;
  let newLine = 0;
  let shown = 0;

  const startFile = (title) => {
    const counts = h('span', { class: 'diff-counts' });
    const body = h('div', { class: 'diff-lines' });
    const block = h('details', { class: 'diff-file', open: true }, h('summary', {}, h('span', { class: 'diff-path', text: title }), counts));
    block.append(body);
    root.append(block);
    file = { body, counts, added: 0, removed: 0 };
  };

  for (const line of lines) {
    if (shown >= MAX_LINES) {
      root.append(h('p', { class: 'muted', text: `… ${lines.length - shown} more lines not shown.` }));
      break;
    }

    if (line.startsWith('diff --git ')) {
      const match = / b\/(.*)$/.exec(line);
      startFile(match ? match[1] : line.slice(11));
    } else if (file === null) {
      startFile('(diff)');
    }

    let kind;
    let oldNo = '';
    let newNo = '';
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      kind = 'hunk';
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
    } else if (/^(diff --git |index |--- |\+\+\+ |new file mode|deleted file mode|old mode|new mode|similarity index|rename (from|to) |Binary files )/.test(line)) {
      kind = 'meta';
    } else if (line.startsWith('+')) {
      kind = 'add';
      newNo = newLine++;
      file.added++;
    } else if (line.startsWith('-')) {
      kind = 'del';
      oldNo = oldLine++;
      file.removed++;
    } else if (line.startsWith('\\')) {
      kind = 'meta';
    } else {
      kind = 'ctx';
      oldNo = oldLine++;
      newNo = newLine++;
    }

    file.body.append(h('div', { class: `dl ${kind}` },
      h('span', { class: 'ln', text: oldNo }),
      h('span', { class: 'ln', text: newNo }),
      h('span', { class: 'code', text: line === '' ? ' ' : line })));
    file.counts.textContent = `+${file.added} −${file.removed}`;
    shown++;
  }

  return root;
}
