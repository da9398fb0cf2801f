// A project's live events: GET /api/projects/{id}/stream read with fetch() streaming, because EventSource cannot send the
// X-Api-Key header. The server's events: "history" (id = position in the durable history), "status" (on every change),
// "activity" (live agent activity, no id: not history), "end" (final status, then it closes) and "ping". After a dropped connection it reconnects with Last-Event-ID, so no
// history event is missed or repeated.

import { ApiError, apiFetch } from './api.js';

/**
 * Opens the stream. handlers: onEvent(type, data, id), onEnd(data), onState('connecting'|'live'|'reconnecting'|'ended'),
 * onError(error). Returns {close()}.
 */
export function openProjectStream(id, handlers) {
  const controller = new AbortController();
  let lastEventId = null;
  let stopped = false;
  let backoff = 1000;
  const state = (s) => handlers.onState?.(s);

  (async () => {
    while (!stopped) {
      try {
        state(lastEventId === null ? 'connecting' : 'reconnecting');
        const headers = { Accept: 'text/event-stream' };
        if (lastEventId !== null) {
          headers['Last-Event-ID'] = lastEventId;
        }

        const response = await apiFetch(`/api/projects/${encodeURIComponent(id)}/stream`, { headers, signal: controller.signal });
        state('live');
        backoff = 1000;
        for await (const event of parseEvents(response.body)) {
          if (event.id !== undefined) {
            lastEventId = event.id;
          }

          const data = parseData(event.data);
          if (event.type === 'end') {
            stopped = true;
            state('ended');
            handlers.onEnd?.(data);
            controller.abort();
            return;
          }

          handlers.onEvent?.(event.type, data, event.id);
        }
      } catch (error) {
        if (stopped || error?.name === 'AbortError') {
          return;
        }

        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          stopped = true;
          state('ended');
          handlers.onError?.(error);
          return;
        }
      }

      if (!stopped) {
        state('reconnecting');
        await delay(backoff, controller.signal);
        backoff = Math.min(backoff * 2, 10000);
      }
    }
  })();

  return {
    close() {
      stopped = true;
      controller.abort();
    },
  };
}

/** Parses a text/event-stream body into {type, data, id} events (the WHATWG rules, enough for this server). */
export async function* parseEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  let type = '';
  let id;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }

      buffer += value;

      // A chunk may end between "\r" and "\n": keep a trailing "\r" until the next chunk tells which it is.
      const holdCr = buffer.endsWith('\r');
      const lines = (holdCr ? buffer.slice(0, -1) : buffer).split(/\r\n|\r|\n/);
      buffer = lines.pop() + (holdCr ? '\r' : '');
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) {
            yield { type: type || 'message', data: data.join('\n'), id };
          }

          data = [];
          type = '';
          id = undefined;
          continue;
        }

        if (line.startsWith(':')) {
          continue;
        }

        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let fieldValue = colon < 0 ? '' : line.slice(colon + 1);
        if (fieldValue.startsWith(' ')) {
          fieldValue = fieldValue.slice(1);
        }

        if (field === 'data') {
          data.push(fieldValue);
        } else if (field === 'event') {
          type = fieldValue;
        } else if (field === 'id' && !fieldValue.includes('\0')) {
          id = fieldValue;
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function parseData(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

function delay(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
