// Suspend and resume on the run view: the button an operator sees on a running or suspended run, and the notice a
// suspended run shows to everyone.

import { h } from '../dom.js';
import { api } from '../api.js';
import { actionButton } from '../components.js';

/** "Suspend" on a running run, "Resume" on a suspended one, null otherwise; then(): refresh the view. */
export function suspensionButton(run, then) {
  if (run.status !== 'running' && run.status !== 'suspended') return null;
  const suspend = run.status === 'running';
  const path = `/api/runs/${encodeURIComponent(run.runId)}/${suspend ? 'suspend' : 'resume'}`;
  return actionButton(suspend ? 'Suspend' : 'Resume', async () => {
    await api(path, { method: 'POST', body: {} });
    then();
  }, {
    kind: suspend ? '' : 'btn-primary',
    testid: suspend ? 'suspend' : 'resume',
    title: suspend ? 'No new task starts; running tasks finish and timers keep counting' : 'Start the tasks that became ready',
    success: suspend ? 'Run suspended' : 'Run resumed',
  });
}

/** The explanation under the title of a suspended run, null for any other. */
export function suspendedNotice(run) {
  return run.status === 'suspended'
    ? h('p', { class: 'notice suspended', 'data-testid': 'suspended-notice' },
      'Suspended: no new task starts until the run is resumed. Tasks that were running finish, and timers and deadlines keep counting.')
    : null;
}
