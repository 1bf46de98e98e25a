// Audit: who changed, triggered, cancelled or acknowledged what, newest first, within the caller's groups (every
// group for admins). The API decides what is listed; this view only shows and filters it.

import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { emptyState, errorBox, loading, pageHeader } from '../components.js';
import { relative, timeCell } from '../format.js';

const LIMIT = 500;

export function render(container) {
  const filter = h('input', { type: 'search', class: 'input', placeholder: 'Filter by user, action, target or group',
    'aria-label': 'Filter audit entries' });
  const content = h('div', {}, loading('Loading the audit log…'));
  mount(container, pageHeader('Audit', 'Changes and actions, newest first', filter), content);
  let entries = null;
  const draw = () => {
    const term = filter.value.trim().toLowerCase();
    const shown = entries.filter(e => !term || [e.actor, e.action, e.target, e.ownerGroup, e.detail]
      .some(v => (v ?? '').toLowerCase().includes(term)));
    mount(content, shown.length === 0 ? emptyState('Nothing to show', term ? `No entry matches “${filter.value}”.` : 'No actions recorded yet.')
      : h('div', { class: 'card table-card' }, h('table', { class: 'table', 'data-testid': 'audit' },
        h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Who'), h('th', {}, 'Action'), h('th', {}, 'Target'),
          h('th', {}, 'Group'), h('th', {}, 'Detail'))),
        h('tbody', {}, shown.map(e => h('tr', { 'data-action': e.action },
          h('td', {}, timeCell(e.at), h('div', { class: 'secondary' }, relative(e.at))),
          h('td', {}, e.actor),
          h('td', {}, h('code', {}, e.action)),
          h('td', { class: 'mono' }, e.target),
          h('td', {}, h('span', { class: 'chip chip-group' }, e.ownerGroup)),
          h('td', { class: 'secondary' }, e.detail ?? '')))))));
  };
  filter.addEventListener('input', () => entries && draw());
  api('/api/audit', { query: { limit: LIMIT } })
    .then(list => { entries = list ?? []; draw(); })
    .catch(error => mount(content, errorBox(error)));
}
