// Calls to the NEXUS API with the key in the X-Api-Key header. Errors are RFC 7807 problem details (ApiError keeps the
// title and detail). A 401 asks for the key again (once for all the requests that got it) and retries the request.

const KEY_STORAGE = 'nexus.apiKey';

/** An answer that was not 2xx, with its problem details. */
export class ApiError extends Error {
  constructor(status, problem, fallbackTitle) {
    const title = (problem && typeof problem.title === 'string' && problem.title) || fallbackTitle || `HTTP ${status}`;
    const detail = problem && typeof problem.detail === 'string' ? problem.detail : '';
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = problem && typeof problem.errors === 'object' ? problem.errors : null;
    this.traceId = problem && typeof problem.traceId === 'string' ? problem.traceId : '';
  }
}

/** The stored key (localStorage: the browser profile of this origin). */
export const keyStore = {
  get() {
    try {
      return localStorage.getItem(KEY_STORAGE) || '';
    } catch {
      return '';
    }
  },
  set(key) {
    localStorage.setItem(KEY_STORAGE, key);
    window.dispatchEvent(new Event('nexus:key'));
  },
  clear() {
    try {
      localStorage.removeItem(KEY_STORAGE);
    } finally {
      window.dispatchEvent(new Event('nexus:key'));
    }
  },
};

let keyPrompt = null;
let pendingPrompt = null;

/** Registers the function that asks the person for a key: (message) => Promise<key> (a key the server accepted). */
export function setKeyPrompt(prompt) {
  keyPrompt = prompt;
}

/** Asks for a key; concurrent callers share one prompt. */
export function askForKey(message) {
  if (!keyPrompt) {
    return Promise.reject(new Error('No key prompt is registered.'));
  }

  pendingPrompt ??= keyPrompt(message).finally(() => {
    pendingPrompt = null;
  });
  return pendingPrompt;
}

/** Checks a key against the server without storing it: {ok: true} or {ok: false, error: ApiError}. */
export async function verifyKey(key) {
  const response = await fetch('/api/projects?top=1', { headers: { 'X-Api-Key': key, Accept: 'application/json' }, cache: 'no-store' });
  if (response.ok) {
    return { ok: true };
  }

  return { ok: false, error: new ApiError(response.status, await readProblem(response), response.statusText) };
}

/** Builds "/path?a=1&b=2", leaving out empty values. */
export function url(path, query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(name, String(value));
    }
  }

  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Sends a request and returns the Response when it is 2xx; throws ApiError otherwise.
 * options: method, query, body (sent as JSON), headers, signal.
 */
export async function apiFetch(path, options = {}) {
  const { method = 'GET', query, body, headers = {}, signal } = options;
  for (;;) {
    const key = keyStore.get() || (await askForKey('Enter the API key of this NEXUS server.'));
    const sent = new Headers(headers);
    sent.set('X-Api-Key', key);
    if (!sent.has('Accept')) {
      sent.set('Accept', 'application/json');
    }

    if (body !== undefined) {
      sent.set('Content-Type', 'application/json');
    }

    const response = await fetch(url(path, query), {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: 'no-store',
    });
    if (response.status === 401) {
      const problem = await readProblem(response);
      if (keyStore.get() === key) {
        keyStore.clear();
      }

      const detail = problem && typeof problem.detail === 'string' ? problem.detail : 'HTTP 401';
      await askForKey(`The server refused the key (${detail}) Enter it again.`);
      continue;
    }

    if (!response.ok) {
      throw new ApiError(response.status, await readProblem(response), response.statusText);
    }

    return response;
  }
}

/** apiFetch, then the JSON body (null when empty) and the response. */
export async function apiJson(path, options) {
  const response = await apiFetch(path, options);
  const text = await response.text();
  return { data: text ? JSON.parse(text) : null, response };
}

async function readProblem(response) {
  try {
    const value = JSON.parse(await response.text());
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}
