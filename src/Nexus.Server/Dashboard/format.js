// Formatting of the values the API returns (money, counts, times, durations).

/** Milliseconds since the epoch of an ISO timestamp (the server sends up to 7 fraction digits), or NaN. */
export function toMs(iso) {
  if (!iso) {
    return Number.NaN;
  }

  return Date.parse(String(iso).replace(/(\.\d{3})\d+/, '$1'));
}

/** "$0.1641" under a dollar, "$12.30" above. */
export function usd(value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }

  const n = Number(value);
  return `$${n.toFixed(n !== 0 && Math.abs(n) < 1 ? 4 : 2)}`;
}

/** 30690 → "30,690". */
export function int(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US');
}

/** 0.4567 → "46%". */
export function percent(value) {
  return `${Math.round(Math.max(0, Math.min(1, Number(value) || 0)) * 100)}%`;
}

/** A local time: "13:35:46", with the date when it is not today (an ISO string or ms since the epoch). */
export function time(iso) {
  const ms = typeof iso === 'number' ? iso : toMs(iso);
  if (Number.isNaN(ms)) {
    return '—';
  }

  const date = new Date(ms);
  const clock = date.toLocaleTimeString('en-GB', { hour12: false });
  return date.toDateString() === new Date().toDateString() ? clock : `${date.toISOString().slice(0, 10)} ${clock}`;
}

/** 420 → "420 ms", 4200 → "4.2 s", 65000 → "1 m 05 s". */
export function duration(ms) {
  if (!Number.isFinite(ms) || ms < 0) {
    return '—';
  }

  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }

  if (ms < 60000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }

  const minutes = Math.floor(ms / 60000);
  const seconds = Math.floor((ms % 60000) / 1000);
  return minutes < 60
    ? `${minutes} m ${String(seconds).padStart(2, '0')} s`
    : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} m`;
}

/** What a step's process tree used: "1.45 CPU s · 192 MB"; '' when it was not measured (agent turns of HTTP and replayed
 * backends have no process tree here, and steps recorded before turns were measured have no figures). */
export function resources(cpuSeconds, peakMemoryMb) {
  if (typeof cpuSeconds !== 'number' || typeof peakMemoryMb !== 'number') {
    return '';
  }

  return `${cpuSeconds.toFixed(cpuSeconds < 10 ? 2 : 1)} CPU s · ${Math.round(peakMemoryMb)} MB`;
}

/** The first line of a text. */
export function firstLine(text) {
  return String(text ?? '').split('\n', 1)[0];
}

/** A commit id shortened to 8 characters. */
export function sha(id) {
  return String(id ?? '').slice(0, 8);
}

/** Whether a runtime status means the project can still change. */
export function isActive(runtimeStatus) {
  return runtimeStatus === 'Pending' || runtimeStatus === 'Running' || runtimeStatus === 'Suspended';
}

/** The team in workflow order, with the product's names and roles (the one place the dashboard takes them from). */
export const TEAM = [
  { id: 'aria', name: 'Aria', role: 'coordinator' },
  { id: 'code', name: 'Code', role: 'developer' },
  { id: 'alpha', name: 'Alpha', role: 'test creator' },
  { id: 'beta', name: 'Beta', role: 'test validator' },
  { id: 'prime', name: 'Prime', role: 'orchestrator' },
];

/** The display name of an agent id. */
export function agentName(id) {
  return TEAM.find((a) => a.id === id)?.name ?? String(id ?? '');
}

/** The role of an agent id in the product's words ("" for an agent outside the team unless the API gave one). */
export function agentRole(id, fallback) {
  return TEAM.find((a) => a.id === id)?.role ?? String(fallback ?? '').toLowerCase();
}

/** A phase or decision name as words: "fix_implementation" → "fix implementation". */
export function words(value) {
  return value === null || value === undefined ? '—' : String(value).replace(/_/g, ' ');
}

/** Whether a runtime status means the project ended without its result. */
export function isFailed(runtimeStatus) {
  return runtimeStatus === 'Failed' || runtimeStatus === 'Terminated';
}

/** The phase a person should read: a failed or cancelled project is never "done". */
export function phaseLabel(runtimeStatus, phase) {
  if (runtimeStatus === 'Failed') {
    return 'failed';
  }

  if (runtimeStatus === 'Terminated') {
    return 'cancelled';
  }

  return words(phase);
}

/** Whether a project waits for a person (its plan for approval). */
export function isWaitingForPerson(runtimeStatus, status) {
  return runtimeStatus === 'Running' && status?.phase === 'approval';
}

/** A failure as the product says it: the engine's "Some.Namespace.SomeException: message" becomes the message. */
export function failureText(text) {
  return String(text ?? '').replace(/^(?:[A-Za-z_][\w`]*\.)+[A-Za-z_]\w*(?:Exception|Error|Failure):\s*/, '').replace(/^(?:ProjectFailed|TaskFailed)\w*:\s*/, '');
}
