// One pipeline: its schedules with their next fire times and windows, its definition at any version, the
// difference between two versions, and its recent runs. Definitions hold secret references, never values.

import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { link } from '../router.js';
import { emptyState, errorBox, loading, pageHeader } from '../components.js';
import { describeSchedule, formatDuration, formatTime, relative, secondsBetween, statusBadge, timeCell } from '../format.js';
import { foldUnchanged, lineDiff } from '../diff.js';

const RECENT_RUNS = 10;
const PREVIEW = 5;

export function render(container, params) {
  const id = params.pipelineId;
  const path = `/api/pipelines/${encodeURIComponent(id)}`;
  mount(container, loading(`Loading ${id}…`));
  Promise.all([api(path), api(`${path}/versions`), api(`${path}/schedule/preview`, { query: { count: PREVIEW } })])
    .then(([definition, versions, preview]) => mount(container,
      pageHeader(id, subtitle(definition), h('a', { class: 'btn', href: link(['runs'], { pipeline: id }) }, 'All runs')),
      schedulesCard(definition.schedules ?? [], preview ?? []),
      definitionCard(path, versions ?? [], definition),
      runsCard(id)))
    .catch(error => mount(container, pageHeader(id, ''), errorBox(error)));
}

function subtitle(d) {
  const parts = [`group ${d.ownerGroup}`, `version ${d.version}`, d.enabled === false ? 'disabled' : 'enabled'];
  return d.description ? `${d.description} · ${parts.join(' · ')}` : parts.join(' · ');
}

/** A schedule is expired once its end has passed, or once a one-off has fired. */
function expired(schedule, now = Date.now()) {
  if (schedule.expired === true) return true;
  if (schedule.end && Date.parse(schedule.end) <= now) return true;
  return schedule.kind === 'once' && schedule.at && Date.parse(schedule.at) <= now;
}

function windowText(schedule) {
  if (!schedule.start && !schedule.end) return 'always';
  return `${schedule.start ? `from ${formatTime(schedule.start)}` : ''}${schedule.start && schedule.end ? ' ' : ''}` +
    `${schedule.end ? `until ${formatTime(schedule.end)}` : ''}`;
}

function schedulesCard(schedules, preview) {
  const body = schedules.length === 0
    ? emptyState('Manual only', 'This pipeline has no schedule; it runs when triggered.')
    : h('table', { class: 'table', 'data-testid': 'schedules' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Schedule'), h('th', {}, 'Window'), h('th', {}, 'State'))),
      h('tbody', {}, schedules.map(sc => {
        const state = sc.enabled === false ? 'disabled' : expired(sc) ? 'expired' : 'active';
        return h('tr', { 'data-schedule': sc.name ?? '', 'data-state': state },
          h('td', {}, describeSchedule(sc)),
          h('td', {}, windowText(sc)),
          h('td', {}, h('span', { class: `chip chip-${state === 'active' ? 'group' : 'off'}` }, state)));
      })));
  const next = preview.length === 0 ? null : h('div', { class: 'card-foot', 'data-testid': 'next-fires' },
    h('strong', {}, 'Next fire times: '),
    preview.map((p, i) => h('span', { class: 'next-fire' }, i ? ', ' : '', formatTime(p.utc),
      h('span', { class: 'secondary' }, ` (${relative(p.utc)})`))));
  return section('Schedules', body, next);
}

function definitionCard(path, versions, current) {
  const shown = h('pre', { class: 'code', 'data-testid': 'definition' }, JSON.stringify(current, null, 2));
  const numbers = versions.map(v => v.version);
  const pick = (label, value, testid) => h('label', { class: 'field-inline' }, label,
    h('select', { class: 'input', 'data-testid': testid },
      numbers.map(n => h('option', { value: n, selected: n === value }, `v${n}`))));
  const viewSelect = pick('Version ', current.version, 'version-select');
  const fromSelect = pick('Compare ', numbers.find(n => n < current.version) ?? current.version, 'diff-from');
  const toSelect = pick(' with ', current.version, 'diff-to');
  const diffBox = h('div', { 'data-testid': 'diff' });
  const byVersion = new Map([[current.version, current]]);
  const load = async n => byVersion.get(n) ?? byVersion.set(n, await api(path, { query: { version: n } })).get(n);
  const selected = label => Number(label.querySelector('select').value);

  viewSelect.querySelector('select').addEventListener('change', async () => {
    shown.textContent = JSON.stringify(await load(selected(viewSelect)), null, 2);
  });
  const compare = async () => {
    const [a, b] = await Promise.all([load(selected(fromSelect)), load(selected(toSelect))]);
    mount(diffBox, diffView(a, b));
  };
  fromSelect.querySelector('select').addEventListener('change', compare);
  toSelect.querySelector('select').addEventListener('change', compare);
  compare().catch(error => mount(diffBox, errorBox(error)));

  const history = h('table', { class: 'table', 'data-testid': 'versions' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Version'), h('th', {}, 'Saved'), h('th', {}, 'By'))),
    h('tbody', {}, versions.map(v => h('tr', { 'data-version': v.version },
      h('td', {}, `v${v.version}`), h('td', {}, timeCell(v.updatedAt)), h('td', {}, v.updatedBy)))));
  return section('Definition and versions',
    h('div', { class: 'toolbar' }, viewSelect), shown, history,
    h('div', { class: 'toolbar' }, fromSelect, toSelect), diffBox);
}

function diffView(before, after) {
  if (before.version === after.version) {
    return h('p', { class: 'secondary' }, 'Pick two different versions to see what changed.');
  }
  const lines = lineDiff(JSON.stringify(before, null, 2), JSON.stringify(after, null, 2))
    .filter(l => !(l.op !== ' ' && /^\s*"version": \d+,?$/.test(l.text)));
  const added = lines.filter(l => l.op === '+').length;
  const removed = lines.filter(l => l.op === '-').length;
  return h('div', {},
    h('p', { class: 'secondary diff-summary', 'data-testid': 'diff-summary' },
      `v${before.version} → v${after.version}: ${added} line(s) added, ${removed} removed`),
    h('pre', { class: 'code diff' }, foldUnchanged(lines).map(l => l.op === '…'
      ? h('div', { class: 'diff-fold' }, `… ${l.count} unchanged line(s)`)
      : h('div', { class: l.op === '+' ? 'diff-add' : l.op === '-' ? 'diff-del' : 'diff-same' }, `${l.op} ${l.text}`))));
}

function runsCard(id) {
  const body = h('div', {}, loading('Loading runs…'));
  api('/api/runs', { query: { pipeline: id, limit: RECENT_RUNS } }).then(page => {
    const runs = page?.items ?? [];
    mount(body, runs.length === 0 ? emptyState('No runs yet', 'Trigger it from the Pipelines page or wait for its schedule.')
      : h('table', { class: 'table', 'data-testid': 'pipeline-runs' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Run'), h('th', {}, 'Status'), h('th', {}, 'Trigger'),
          h('th', {}, 'Started'), h('th', {}, 'Took'))),
        h('tbody', {}, runs.map(r => h('tr', { 'data-run': r.runId },
          h('td', { class: 'mono' }, h('a', { href: link(['runs', r.runId]) }, r.runId)),
          h('td', {}, statusBadge(r.status)),
          h('td', {}, r.trigger ?? ''),
          h('td', {}, r.startedAt ? timeCell(r.startedAt) : '—'),
          h('td', {}, r.startedAt ? formatDuration(secondsBetween(r.startedAt, r.finishedAt)) : '—'))))));
  }).catch(error => mount(body, errorBox(error)));
  return section('Recent runs', body);
}

function section(title, ...children) {
  return h('section', { class: 'card pipeline-section' }, h('div', { class: 'card-head' }, h('h2', {}, title)), ...children);
}
