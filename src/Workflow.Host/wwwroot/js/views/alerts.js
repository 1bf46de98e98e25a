// Alerts: SLA at risk or missed, failures and retries, queue backlog; operators acknowledge them. The SLA monitor
// clears the passing ones (a slow run that finished, a forecast back on track) by itself.

import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import { poller } from '../poll.js';
import { link } from '../router.js';
import { actionButton, emptyState, errorBox, loading, pageHeader } from '../components.js';
import { humanize, relative, timeCell } from '../format.js';

/** Alert kinds grouped into the three questions people ask; unknown kinds fall under "Other". */
const CATEGORIES = [
  { id: 'sla', label: 'SLA at risk or missed', test: k => /deadline|sla|slow/.test(k) },
  { id: 'failure', label: 'Failures and retries', test: k => /fail|retr|error/.test(k) },
  { id: 'backlog', label: 'Backlog', test: k => /backlog|queue/.test(k) },
];

/** The API's alert states, as the filter offers them; "all" is explicit so that it survives in a link. */
const STATES = [['open', 'Open'], ['acked', 'Acknowledged'], ['cleared', 'Cleared'], ['all', 'All']];

/**
 * Fired on window when the open alerts are known anew (detail.open) or the user changed one, so the header's
 * open count follows at once.
 */
export const ALERTS_CHANGED = 'workflow:alerts-changed';

export function categoryOf(kind) {
  return CATEGORIES.find(c => c.test(String(kind ?? '').toLowerCase()))?.id ?? 'other';
}

export function render(container, params) {
  const state = { status: STATES.some(([v]) => v === params.status) ? params.status : 'open', category: params.category ?? '' };
  const statusSelect = h('select', { class: 'input', 'aria-label': 'Alert state' },
    STATES.map(([v, t]) => h('option', { value: v, selected: v === state.status }, t)));
  const cards = h('div', { class: 'alert-cards' });
  const content = h('div', {}, loading('Loading alerts…'));
  mount(container, pageHeader('Alerts', 'Deadlines at risk, failures and backlogs in your groups', statusSelect), cards, content);

  let items = null;
  let error = null;
  let drawn = null;
  const draw = () => {
    // Redraw only when something shown changed (or a minute passed, for the relative times), so a button is
    // never swapped away under a pointer that is about to press it.
    const key = JSON.stringify([items, error?.detail ?? null, state, Math.floor(Date.now() / 60000)]);
    if (key === drawn) return;
    drawn = key;
    if (!items && error?.status === 404) {
      mount(cards);
      mount(content, emptyState('Alerts are not available', 'This host does not serve /api/alerts, so there is nothing to show here.'));
      return;
    }
    if (!items) { mount(content, error ? errorBox(error, { onRetry: () => poll.now() }) : loading()); return; }
    mount(cards, [...CATEGORIES, { id: 'other', label: 'Other' }].map(c => {
      const count = items.filter(a => categoryOf(a.kind) === c.id).length;
      if (c.id === 'other' && count === 0) return null;
      return h('button', {
        type: 'button', class: `alert-card cat-${c.id}${state.category === c.id ? ' active' : ''}`, 'aria-pressed': String(state.category === c.id),
        onclick: () => { state.category = state.category === c.id ? '' : c.id; sync(); draw(); },
      }, h('span', { class: 'alert-count' }, String(count)), h('span', {}, c.label));
    }));
    const shown = items.filter(a => !state.category || categoryOf(a.kind) === state.category);
    if (shown.length === 0) {
      mount(content, error ? errorBox(error) : null, emptyState(
        state.status === 'open' ? 'No open alerts' : 'No alerts',
        state.status === 'open' ? 'Nothing needs attention in your groups right now.' : 'No alert matches these filters.'));
      return;
    }
    mount(content, error ? errorBox(error) : null, table(shown, () => {
      window.dispatchEvent(new Event(ALERTS_CHANGED));
      poll.now();
    }));
  };
  const sync = () => history.replaceState(null, '', link(['alerts'], state));

  const poll = poller(async () => {
    try {
      const list = await api('/api/alerts', { query: { status: state.status } });
      items = [...(list ?? [])].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
      error = null;
      if (state.status === 'open') window.dispatchEvent(new CustomEvent(ALERTS_CHANGED, { detail: { open: items.length } }));
    } catch (e) {
      error = e;
    }
    draw();
  }, 5000);
  statusSelect.addEventListener('change', () => { state.status = statusSelect.value; items = null; sync(); draw(); poll.now(); });
  return () => poll.stop();
}

function table(items, refresh) {
  const canAck = session.can('operator');
  return h('div', { class: 'card table-card' }, h('table', { class: 'table', 'data-testid': 'alerts' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Severity'), h('th', {}, 'Kind'), h('th', {}, 'Pipeline / run'),
      h('th', {}, 'Message'), h('th', {}, 'Raised'), h('th', {}, 'State'), canAck ? h('th', {}, '') : null)),
    h('tbody', {}, items.map(a => h('tr', { 'data-alert': a.id, 'data-kind': a.kind, 'data-state': stateOf(a) },
      h('td', {}, h('span', { class: `badge severity-${a.severity ?? 'info'}` }, a.severity ?? 'info')),
      h('td', { class: 'kind' }, humanize(a.kind)),
      h('td', {}, a.pipelineId ? h('div', {}, h('a', { href: link(['runs'], { pipeline: a.pipelineId }) }, a.pipelineId)) : null,
        a.runId ? h('div', { class: 'secondary mono' }, h('a', { href: link(['runs', a.runId], { task: a.taskKey }), 'data-testid': 'alert-run' },
          a.taskKey ? `${a.runId} · ${a.taskKey}` : a.runId)) : null),
      h('td', { class: 'message' }, a.message),
      h('td', { class: 'nowrap' }, timeCell(a.raisedAt), h('div', { class: 'secondary' }, relative(a.raisedAt))),
      h('td', { class: 'alert-state' }, stateCell(a)),
      canAck ? h('td', { class: 'right' }, stateOf(a) !== 'open' || !session.can('operator', a.ownerGroup) ? null : actionButton('Acknowledge', async () => {
        await api(`/api/alerts/${encodeURIComponent(a.id)}/ack`, { method: 'POST', body: {} });
        refresh();
      }, { kind: 'btn-small', testid: 'ack', success: 'Acknowledged' })) : null)))));
}

/** open, acked or cleared: an acknowledged alert counts as handled even if it is cleared later. */
function stateOf(a) {
  return a.ackedAt ? 'acked' : a.clearedAt ? 'cleared' : 'open';
}

function stateCell(a) {
  const parts = [];
  if (a.ackedAt) parts.push(h('div', { class: 'secondary' }, `acknowledged by ${a.ackedBy ?? 'someone'} ${relative(a.ackedAt)}`));
  if (a.clearedAt) {
    parts.push(h('div', { class: 'secondary', title: a.clearReason ?? undefined }, `cleared ${relative(a.clearedAt)}`),
      a.clearReason ? h('div', { class: 'secondary small' }, a.clearReason) : null);
  }
  return parts.length ? parts : h('span', { class: 'chip chip-open' }, 'open');
}
