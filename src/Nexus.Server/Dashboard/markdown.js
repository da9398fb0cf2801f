// A small, safe Markdown renderer for the agents' scratchpads and reports.
//
// Safety: the whole source is HTML-escaped FIRST; the renderer then only adds its own fixed tags to the escaped text.
// The only attribute values it writes are a link's href (only http:// and https:// URLs, from the escaped text), a code
// block's language class (letters, digits, "+", "-", "_") and an ordered list's start number. Raw HTML in the source
// shows as text; whole-line HTML comments (the scratchpads' entry markers) are dropped.
//
// Supported: ATX headings, paragraphs, hard breaks, fenced code blocks, block quotes, nested ordered/unordered lists
// (task boxes shown as ☐/☑), pipe tables, horizontal rules, inline code, **bold**, *italic*, _italic_, ~~strike~~,
// [links](https://…) and <https://…> autolinks.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])(?: +(.*))?$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}&gt;/;
const COMMENT = /^\s*&lt;!--.*--&gt;\s*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const SAFE_URL = /^https?:\/\/[^\s<>"'`\0]+$/i;

/** Escapes &, <, >, " and ' for use in HTML text and attribute values. */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Renders Markdown to an HTML string built from escaped text (see the safety note above).
 * options.headingOffset shifts heading levels (1 turns "#" into <h2>), capped at <h6>.
 */
export function renderMarkdown(source, options = {}) {
  const offset = Math.max(0, Math.min(5, Number(options.headingOffset) || 0));
  const text = String(source ?? '').replace(/\0/g, '').replace(/\r\n?/g, '\n').replace(/\t/g, '    ');
  return blocks(escapeHtml(text).split('\n'), offset);
}

/** Sets an element's content to rendered Markdown. */
export function setMarkdown(element, source, options) {
  // The string is built from HTML-escaped text only (renderMarkdown), so assigning it as markup is safe.
  element.innerHTML = renderMarkdown(source, options);
  element.classList.add('markdown');
  return element;
}

function blank(line) {
  return line.trim() === '';
}

function startsBlock(line) {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line);
}

function blocks(lines, offset) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let m;
    if (blank(line) || COMMENT.test(line)) {
      i++;
    } else if ((m = FENCE.exec(line))) {
      const close = new RegExp(`^ {0,3}${m[1][0] === '`' ? '`' : '~'}{${m[1].length},}\\s*$`);
      const body = [];
      for (i++; i < lines.length && !close.test(lines[i]); i++) {
        body.push(lines[i]);
      }

      i++;
      const language = m[2].replace(/[^\w+-]/g, '');
      out.push(`<pre><code${language ? ` class="language-${language}"` : ''}>${body.join('\n')}</code></pre>`);
    } else if ((m = HEADING.exec(line))) {
      const level = Math.min(6, m[1].length + offset);
      out.push(`<h${level}>${inline(m[2] ?? '')}</h${level}>`);
      i++;
    } else if (RULE.test(line)) {
      out.push('<hr>');
      i++;
    } else if (QUOTE.test(line)) {
      const quoted = [];
      for (; i < lines.length && QUOTE.test(lines[i]); i++) {
        quoted.push(lines[i].replace(/^ {0,3}&gt; ?/, ''));
      }

      out.push(`<blockquote>${blocks(quoted, offset)}</blockquote>`);
    } else if (i + 1 < lines.length && line.includes('|') && TABLE_SEPARATOR.test(lines[i + 1])) {
      i = table(lines, i, out);
    } else if (LIST_ITEM.test(line)) {
      i = list(lines, i, offset, out);
    } else {
      const paragraph = [line.trim()];
      for (i++; i < lines.length && !blank(lines[i]) && !startsBlock(lines[i]) && !COMMENT.test(lines[i]); i++) {
        paragraph.push(lines[i].replace(/^\s+/, ''));
      }

      out.push(`<p>${inline(paragraph.join('\n'))}</p>`);
    }
  }

  return out.join('\n');
}

function list(lines, start, offset, out) {
  const first = LIST_ITEM.exec(lines[start]);
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const items = [];
  let current = null;
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    const m = LIST_ITEM.exec(line);
    if (m && m[1].length < indent) {
      break;
    }

    if (m && (current === null || m[1].length < current.contentIndent)) {
      if (/\d/.test(m[2]) !== ordered) {
        break;
      }

      current = { lines: [m[3] ?? ''], contentIndent: m[1].length + m[2].length + 1 };
      items.push(current);
      i++;
      continue;
    }

    if (blank(line)) {
      let j = i + 1;
      while (j < lines.length && blank(lines[j])) {
        j++;
      }

      const next = j < lines.length ? lines[j] : null;
      const nextItem = next === null ? null : LIST_ITEM.exec(next);
      const continues = next !== null && (
        next.match(/^ */)[0].length >= current.contentIndent
        || (nextItem && nextItem[1].length >= indent && /\d/.test(nextItem[2]) === ordered));
      if (!continues) {
        break;
      }

      current.lines.push('');
      i++;
      continue;
    }

    const lineIndent = line.match(/^ */)[0].length;
    if (lineIndent >= current.contentIndent || (!startsBlock(line) && !COMMENT.test(line))) {
      current.lines.push(line.slice(Math.min(lineIndent, current.contentIndent)));
      i++;
      continue;
    }

    break;
  }

  const tag = ordered ? 'ol' : 'ul';
  const number = ordered ? Number.parseInt(first[2], 10) : 1;
  const body = items.map((item) => {
    const lead = [];
    let k = 0;
    for (; k < item.lines.length && !blank(item.lines[k]) && (k === 0 || !startsBlock(item.lines[k])); k++) {
      lead.push(item.lines[k].trim());
    }

    let text = lead.join('\n');
    let box = '';
    const task = /^\[([ xX])\]\s+/.exec(text);
    if (task) {
      box = task[1] === ' ' ? '☐ ' : '☑ ';
      text = text.slice(task[0].length);
    }

    const rest = item.lines.slice(k);
    return `<li>${box}${inline(text)}${rest.some((l) => !blank(l)) ? blocks(rest, offset) : ''}</li>`;
  });
  out.push(`<${tag}${ordered && number !== 1 ? ` start="${number}"` : ''}>${body.join('')}</${tag}>`);
  return i;
}

function table(lines, start, out) {
  const cells = (row) => row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  const align = cells(lines[start + 1]).map((c) => {
    if (c.startsWith(':') && c.endsWith(':')) {
      return ' class="align-center"';
    }

    return c.endsWith(':') ? ' class="align-right"' : '';
  });
  const header = cells(lines[start]);
  const row = (values, tag) => `<tr>${header.map((_, n) => `<${tag}${align[n] ?? ''}>${inline(values[n] ?? '')}</${tag}>`).join('')}</tr>`;
  const rows = [];
  let i = start + 2;
  for (; i < lines.length && !blank(lines[i]) && lines[i].includes('|'); i++) {
    rows.push(row(cells(lines[i]), 'td'));
  }

  out.push(`<table><thead>${row(header, 'th')}</thead><tbody>${rows.join('')}</tbody></table>`);
  return i;
}

function inline(text) {
  const slots = [];
  const keep = (html) => `\0${slots.push(html) - 1}\0`;
  let s = text;

  // Code spans first: nothing inside them is formatted.
  s = s.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, ticks, code) => {
    const content = code.replace(/\n/g, ' ');
    return keep(`<code>${/^ .* $/.test(content) ? content.slice(1, -1) : content}</code>`);
  });

  // Links: only http(s) URLs become links; any other target leaves the label as plain text.
  s = s.replace(/\[([^\]\n]+)\]\(\s*([^()\s]+)(?:\s+&quot;[^\n]*?&quot;)?\s*\)/g, (_, label, href) => (SAFE_URL.test(href)
    ? `${keep(`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">`)}${label}${keep('</a>')}`
    : label));
  s = s.replace(/&lt;(https?:\/\/[^\s]+?)&gt;/gi, (whole, href) => (SAFE_URL.test(href)
    ? keep(`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${href}</a>`)
    : whole));

  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<strong>$2</strong>');
  s = s.replace(/(^|[^\w*])\*([^\s*](?:[^*\n]*[^\s*])?)\*(?![\w*])/g, '$1<em>$2</em>');
  s = s.replace(/(^|[^\w])_([^\s_](?:[^_\n]*[^\s_])?)_(?!\w)/g, '$1<em>$2</em>');
  s = s.replace(/~~(?=\S)([^~\n]*?\S)~~/g, '<del>$1</del>');
  s = s.replace(/(?: {2,}|\\)\n/g, '<br>\n');

  return s.replace(/\0(\d+)\0/g, (_, n) => slots[Number(n)]);
}
