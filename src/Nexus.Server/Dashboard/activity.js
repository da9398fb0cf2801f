// Live agent activity: the stream's "activity" events (a tool use, a retry and why, a session restart, a step run again
// after a crash). Not history: they are only shown, never stored, and a page opened later sees the last few at most.

import { agentName } from './format.js';

/** One line for the log: "Code · Write src/csv2json.js". */
export function activityLine(a) {
  return `${a.agentName ?? agentName(a.agentId)} · ${a.text ?? ''}`;
}

/** Keeps each agent's last activity (by sequence, so the recent ones sent again after a reconnect are not shown twice). */
export function createActivityState() {
  const latest = new Map();
  let lastSequence = 0;
  return {
    /** Returns false for an activity already seen. */
    add(a) {
      if (!a || typeof a !== 'object' || typeof a.sequence !== 'number' || a.sequence <= lastSequence) {
        return false;
      }

      lastSequence = a.sequence;
      latest.set(a.agentId, a);
      return true;
    },
    /** The agent's last activity, or null. */
    of(agentId) {
      return latest.get(agentId) ?? null;
    },
  };
}
