// Secrets of a group: names, versions, who set them and when (never a value: the API returns none), a form that
// sets or replaces one, and delete buttons. Setting and deleting need the editor role in the group.

import { h, mount, toast } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import { link } from '../router.js';
import { actionButton, emptyState, errorBox, loading, pageHeader } from '../components.js';
import { relative, timeCell } from '../format.js';

/** The groups the user belongs to: the groups claim and the groups of group roles (`data-eng:editor`). */
function myGroups() {
  const scoped = session.roles().filter(r => r.includes(':')).map(r => r.slice(0, r.lastIndexOf(':')));
  return [...new Set([...session.groups(), ...scoped])].sort();
}

export function render(container, params, { navigate }) {
  const groups = myGroups();
  const group = params.group ?? groups[0] ?? '';
  const select = h('select', { class: 'input', 'aria-label': 'Group', 'data-testid': 'secret-group',
    onchange: e => navigate(link(['secrets', e.target.value])) },
    [...new Set([group, ...groups])].filter(Boolean).map(g => h('option', { value: g, selected: g === group }, g)));
  const content = h('div', {}, loading('Loading secrets…'));
  const canEdit = session.can('editor', group);
  mount(container,
    pageHeader('Secrets', 'Referenced in task config as {{ secrets.NAME }}; values are write-only', select),
    canEdit ? form(group, () => load()) : null,
    content);

  async function load() {
    if (!group) { mount(content, emptyState('No group', 'You belong to no group, so there are no secrets to show.')); return; }
    try {
      const items = await api(`/api/groups/${encodeURIComponent(group)}/secrets`);
      mount(content, items.length === 0
        ? emptyState('No secrets', `Group ${group} has no secrets yet.`)
        : table(group, items, canEdit, load));
    } catch (error) {
      mount(content, errorBox(error, { onRetry: load }));
    }
  }
  load();
}

function form(group, onSaved) {
  const name = h('input', { class: 'input', name: 'name', placeholder: 'DB_PASSWORD', autocomplete: 'off',
    'data-testid': 'secret-name', pattern: '[A-Za-z_][A-Za-z0-9_]{0,63}', required: true });
  const value = h('input', { class: 'input', name: 'value', type: 'password', autocomplete: 'new-password',
    'data-testid': 'secret-value', required: true });
  const errors = h('div');
  const el = h('form', { class: 'form card secret-form', 'data-testid': 'secret-form' },
    h('label', {}, 'Name ', name), h('label', {}, 'Value ', value), errors,
    h('button', { class: 'btn btn-primary', type: 'submit' }, 'Set secret'));
  el.addEventListener('submit', async event => {
    event.preventDefault();
    mount(errors);
    try {
      const saved = await api(`/api/groups/${encodeURIComponent(group)}/secrets/${encodeURIComponent(name.value)}`,
        { method: 'PUT', body: { value: value.value } });
      value.value = '';
      toast(`Set ${saved.name} (version ${saved.version})`, 'ok');
      onSaved();
    } catch (error) {
      mount(errors, errorBox(error));
    }
  });
  return el;
}

function table(group, items, canEdit, reload) {
  return h('div', { class: 'card table-card' }, h('table', { class: 'table', 'data-testid': 'secrets' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Version'), h('th', {}, 'Set by'), h('th', {}, 'Set'),
      canEdit ? h('th', {}, '') : null)),
    h('tbody', {}, items.map(s => h('tr', { 'data-secret': s.name },
      h('td', {}, h('code', {}, s.name)), h('td', {}, String(s.version)), h('td', {}, s.updatedBy),
      h('td', { title: relative(s.updatedAt) }, timeCell(s.updatedAt)),
      canEdit ? h('td', { class: 'right' }, actionButton('Delete', async () => {
        await api(`/api/groups/${encodeURIComponent(group)}/secrets/${encodeURIComponent(s.name)}`, { method: 'DELETE' });
        reload();
      }, { kind: 'btn-small', testid: `delete-${s.name}`, success: `Deleted ${s.name}` })) : null)))));
}
