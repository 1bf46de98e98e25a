// Pipelines: what exists, who owns it, when it runs next, how the last run went, how long runs take lately,
// and (by role) trigger (with a parameters dialog when the pipeline declares any) and enable/disable.

import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import { poller } from '../poll.js';
import { link } from '../router.js';
import { actionButton, emptyState, errorBox, loading, pageHeader } from '../components.js';
import { describeSchedule, relative, statusBadge, timeCell } from '../format.js';
import { renderSparkline } from '../charts/sparkline.js';
import { openTriggerDialog } from './trigger-dialog.js';
import { openBackfillDialog } from './backfill-dialog.js';

export function render(container) {
  const content = h('div', {}, loading('Loading pipelines…'));
  const filter = h('input', { type: 'search', class: 'input', placeholder: 'Filter by name or group', 'aria-label': 'Filter pipelines' });
  mount(container, pageHeader('Pipelines', `Pipelines of ${session.groups().join(', ') || 'your groups'}`, filter), content);

  let items = null;
  let error = null;
  const draw = () => {
    if (error && !items) { mount(content, errorBox(error, { onRetry: () => poll.now() })); return; }
    if (!items) return;
    const term = filter.value.trim().toLowerCase();
    const shown = items.filter(p => !term || p.id.toLowerCase().includes(term) || (p.ownerGroup ?? '').toLowerCase().includes(term)
      || (p.description ?? '').toLowerCase().includes(term));
    if (items.length === 0) {
      mount(content, emptyState('No pipelines to show',
        'None of your groups owns a pipeline yet. Pipelines appear here when they are registered in code or posted as JSON to /api/pipelines.'));
      return;
    }
    mount(content,
      error ? errorBox(error) : null,
      shown.length === 0 ? emptyState('No match', `No pipeline matches “${filter.value}”.`) : table(shown, () => poll.now()));
  };
  filter.addEventListener('input', draw);

  const poll = poller(async () => {
    try {
      items = await api('/api/pipelines');
      error = null;
    } catch (e) {
      error = e;
    }
    draw();
  }, 10000);
  return () => { poll.stop(); dialog?.close(); dialog = null; };
}

/** The open trigger dialog, closed when the view goes away. */
let dialog = null;

/**
 * Starts a manual run. A pipeline that declares parameters opens the trigger dialog to ask for them; one without
 * starts at once, as before.
 */
async function trigger(pipelineId) {
  const showRun = runId => { if (runId) window.location.hash = link(['runs', runId]); };
  const definition = await api(`/api/pipelines/${encodeURIComponent(pipelineId)}`);
  if ((definition?.parameters ?? []).length > 0) {
    dialog?.close();
    dialog = openTriggerDialog(definition, showRun);
    return null;
  }
  const answer = await api(`/api/pipelines/${encodeURIComponent(pipelineId)}/runs`, { method: 'POST', body: {} });
  const runId = answer?.runId ?? answer?.id;
  showRun(runId);
  return runId;
}

function table(items, refresh) {
  const canOperate = session.can('operator');
  return h('div', { class: 'card table-card' }, h('table', { class: 'table', 'data-testid': 'pipelines' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'Pipeline'), h('th', {}, 'Group'), h('th', {}, 'Schedules'), h('th', {}, 'Next run'),
      h('th', {}, 'Last run'), h('th', {}, 'Recent durations'), canOperate ? h('th', { class: 'right' }, 'Actions') : null)),
    h('tbody', {}, items.map(p => row(p, canOperate && session.can('operator', p.ownerGroup), refresh)))));
}

function row(p, canOperate, refresh) {
  const schedules = p.schedules ?? [];
  const last = p.lastRun;
  return h('tr', { class: p.enabled === false ? 'muted-row' : '', 'data-pipeline': p.id },
    h('td', {},
      h('a', { class: 'strong', href: link(['pipelines', p.id]), 'data-testid': `open-${p.id}` }, p.id),
      p.enabled === false ? h('span', { class: 'chip chip-off' }, 'disabled') : null,
      p.version ? h('span', { class: 'version', title: 'definition version' }, `v${p.version}`) : null,
      p.isDynamic ? h('span', { class: 'chip chip-dynamic', title: 'Its tasks are generated when a run starts' }, 'dynamic') : null,
      p.description ? h('div', { class: 'secondary' }, p.description) : null),
    h('td', {}, h('span', { class: 'chip chip-group' }, p.ownerGroup)),
    h('td', { class: 'schedules' }, schedules.length
      ? schedules.map((sc, i) => h('div', { class: sc.enabled === false ? 'secondary strike' : '' }, describeSchedule(sc),
        p.scheduleStates?.[i] && p.scheduleStates[i] !== 'active'
          ? h('span', { class: 'chip chip-off', 'data-testid': 'schedule-state' }, p.scheduleStates[i]) : null))
      : h('span', { class: 'secondary' }, 'manual only')),
    h('td', {}, p.nextFireTime && p.enabled !== false
      ? [timeCell(p.nextFireTime), h('div', { class: 'secondary' }, relative(p.nextFireTime))]
      : h('span', { class: 'secondary' }, '—')),
    h('td', {}, last
      ? [h('a', { href: link(['runs', last.runId]) }, statusBadge(last.status)),
        h('div', { class: 'secondary' }, relative(last.finishedAt ?? last.startedAt))]
      : h('span', { class: 'secondary' }, 'never run')),
    h('td', {}, renderSparkline(p.recentDurations)),
    canOperate ? h('td', { class: 'right nowrap' },
      actionButton('Trigger', () => trigger(p.id),
        { kind: 'btn-primary btn-small', testid: `trigger-${p.id}`, title: `Start a manual run of ${p.id}` }),
      ' ',
      schedules.length ? actionButton('Backfill', async () => { dialog?.close(); dialog = openBackfillDialog(p); },
        { kind: 'btn-small', testid: `backfill-${p.id}`, title: `Run ${p.id} for past schedule occurrences` }) : null,
      ' ',
      session.can('editor', p.ownerGroup) ? actionButton(p.enabled === false ? 'Enable' : 'Disable', async () => {
        await api(`/api/pipelines/${encodeURIComponent(p.id)}/${p.enabled === false ? 'enable' : 'disable'}`, { method: 'POST' });
        refresh();
      }, { kind: 'btn-small', testid: `toggle-${p.id}`, success: `${p.id} ${p.enabled === false ? 'enabled' : 'disabled'}` }) : null)
      : null);
}
