// DOM building without HTML strings: every value becomes a text node, a property or an attribute, so nothing that comes
// from the API is ever parsed as markup. (The one exception is markdown.js, whose output is built from escaped text.)

/**
 * Creates an element.
 * props: class, text, dataset {…}, style {property: value}, on<event>: handler, boolean attributes (true/false),
 * value/checked (properties), anything else as an attribute. href accepts only "#…", "/…" and http(s) URLs.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }

    if (key === 'class') {
      el.className = value;
    } else if (key === 'text') {
      el.textContent = String(value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'style') {
      for (const [property, v] of Object.entries(value)) {
        el.style.setProperty(property, String(v));
      }
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'value' || key === 'checked' || key === 'selected') {
      el[key] = value;
    } else if (key === 'href') {
      el.setAttribute('href', safeHref(value));
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }

  append(el, children);
  return el;
}

/** Appends children (nodes, strings, numbers, nested arrays; null/undefined/false are skipped). */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }

    parent.append(child instanceof Node ? child : String(child));
  }

  return parent;
}

/** Replaces an element's children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A link inside the dashboard or to an http(s) address; anything else (javascript:, data:, …) becomes "#". */
export function safeHref(value) {
  const text = String(value);
  return /^(#|\/(?!\/)|https?:\/\/)/i.test(text) ? text : '#';
}

/** The dashboard route of a project. */
export function projectHref(id) {
  return `#/projects/${encodeURIComponent(id)}`;
}
