// One run: header with cancel and rerun-failed, the DAG (status colours, the API's critical path), the Gantt
// chart of attempts, and the selected task's attempts and log with "Rerun from here". Polls while the run is active.

import { h, mount } from '../dom.js';
import { api, request } from '../api.js';
import { session } from '../session.js';
import { poller } from '../poll.js';
import { link } from '../router.js';
import { actionButton, errorBox, loading } from '../components.js';
import { ACTIVE_RUN, ACTIVE_TASK, formatDuration, humanize, parseDuration, relative, secondsBetween, statusBadge, timeCell } from '../format.js';
import { renderDag } from '../charts/dag.js';
import { renderGantt } from '../charts/gantt.js';
import { taskPanel } from './run-log.js';
import { summary } from './runs.js';
import { parameterList } from '../params.js';
import { suspendedNotice, suspensionButton } from './run-suspend.js';

const LEGEND = ['pending', 'running', 'retry-wait', 'succeeded', 'failed', 'skipped', 'cancelled'];
const ATTEMPT_FETCH_LIMIT = 60;

export function render(container, params) {
  const runId = params.runId;
  const ui = { tab: params.view === 'gantt' ? 'gantt' : 'graph', task: params.task ?? null, attempt: params.attempt ?? null, fit: false };
  const header = h('div', {});
  const facts = h('div', {});
  const chart = h('div', { class: 'chart-body' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const panel = h('div', {});
  const body = h('div', { class: 'run-body' },
    h('section', { class: 'card chart-card' }, h('div', { class: 'chart-head' }, tabs, legend()), chart), panel);
  mount(container, h('nav', { class: 'crumbs' }, h('a', { href: '#/runs' }, 'Runs'), ' / ', h('span', { class: 'mono' }, runId)),
    header, facts, loading('Loading the run…'));

  let detail = null;
  let critical = null;
  let criticalState = null;
  let definition;
  const attempts = new Map();
  let current = null;
  let finalRefresh = false;

  const setUrl = () => history.replaceState(null, '', link(['runs', runId], { view: ui.tab === 'gantt' ? 'gantt' : '', task: ui.task, attempt: ui.attempt }));

  const select = key => {
    ui.task = key;
    ui.attempt = null;
    setUrl();
    drawChart();
    drawPanel(true);
  };

  const nodes = () => {
    const tasks = detail.tasks;
    if (tasks.length === 0 && definition?.tasks) {
      return definition.tasks.map(t => ({ key: t.id, deps: t.dependsOn ?? [], status: 'pending', duration: parseDuration(t.expectedDuration) }));
    }
    const keys = new Set(tasks.map(t => t.taskKey));
    const expected = new Map((definition?.tasks ?? []).map(t => [t.id, parseDuration(t.expectedDuration)]));
    return tasks.map(t => ({
      key: t.taskKey,
      deps: (t.dependsOn ?? []).flatMap(d => (keys.has(d) ? [d] : tasks.filter(o => o.taskId === d).map(o => o.taskKey))),
      status: t.status,
      started: Boolean(t.startedAt),
      duration: t.startedAt ? secondsBetween(t.startedAt, t.finishedAt) : (expected.get(t.taskId) ?? null),
    }));
  };

  const drawChart = () => {
    mount(tabs,
      tab('Graph', ui.tab === 'graph', () => { ui.tab = 'graph'; setUrl(); drawChart(); }, 'tab-graph'),
      tab('Timeline', ui.tab === 'gantt', () => { ui.tab = 'gantt'; setUrl(); drawChart(); }, 'tab-gantt'));
    const list = nodes();
    if (list.length === 0) {
      mount(chart, h('div', { class: 'empty small' }, 'This run has no tasks yet.'));
      return;
    }
    const path = critical?.path.map(step => step.taskKey) ?? [];
    const { svg, layout } = renderDag(list, { selected: ui.task, onSelect: select, critical: path });
    const caption = criticalCaption(critical, ACTIVE_RUN.has(detail.run.status));
    if (ui.tab === 'graph') {
      const scroll = h('div', { class: 'dag-scroll', 'data-testid': 'dag' }, svg);
      mount(chart, scroll, h('div', { class: 'chart-foot' }, caption, zoomButton(svg, layout)));
      if (ui.fit) fitInto(svg, layout, scroll);
    } else {
      const rows = ganttRows(new Set(path));
      const width = Math.max(600, (chart.clientWidth || container.clientWidth || 1000) - 2);
      mount(chart, rows.length
        ? h('div', { class: 'gantt-scroll', 'data-testid': 'gantt' }, renderGantt(rows, { width, selected: ui.task, onSelect: select }))
        : h('div', { class: 'empty small', 'data-testid': 'gantt' }, 'No task has started yet.'), h('div', { class: 'chart-foot' }, caption));
    }
  };

  /** Large graphs scroll at full size; "Fit" scales the whole graph into view as an overview. */
  const zoomButton = (svg, layout) => {
    const fits = layout.width <= chart.clientWidth && layout.height <= window.innerHeight * 0.52;
    if (fits && !ui.fit) return null;
    return h('button', { type: 'button', class: 'btn btn-small', onclick: () => { ui.fit = !ui.fit; drawChart(); } },
      ui.fit ? 'Actual size' : 'Fit to view');
  };

  const ganttRows = critical => detail.tasks
    .map(t => ({ key: t.taskKey, label: t.taskKey, critical: critical.has(t.taskKey), attempts: attemptsOf(t) }))
    .filter(r => r.attempts.some(a => a.startedAt || a.queuedAt))
    .sort((a, b) => firstTime(a) - firstTime(b));

  const attemptsOf = t => attempts.get(t.taskKey)
    ?? (t.attempts > 0 ? [{ attempt: t.attempts, status: t.status, startedAt: t.startedAt, finishedAt: t.finishedAt }] : []);

  let panelKey = null;
  const drawPanel = async fresh => {
    const task = detail.tasks.find(t => t.taskKey === ui.task);
    if (!task) {
      current?.stop();
      current = null;
      panelKey = null;
      mount(panel, h('section', { class: 'card task-panel empty small' }, 'Select a task in the graph or the timeline to see its attempts and log.'));
      return;
    }
    const many = detail.tasks.length > ATTEMPT_FETCH_LIMIT;
    if (fresh || !attempts.has(task.taskKey) || (many && ACTIVE_TASK.has(task.status))) await loadAttempts(task);
    const list = attempts.get(task.taskKey) ?? [];
    // Rebuild only when something shown changed, so a followed log keeps its place.
    const key = JSON.stringify([task.taskKey, ui.attempt, task.status, list.map(a => [a.attempt, a.status]), detail.run.status]);
    if (!fresh && key === panelKey) return;
    panelKey = key;
    current?.stop();
    current = taskPanel(runId, task, list, { attempt: ui.attempt, onAttempt: n => { ui.attempt = String(n); setUrl(); drawPanel(true); }, action: rerunFrom(task) });
    mount(panel, current.element);
    if (fresh) current.element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const loadAttempts = async task => {
    if (task.attempts === 0) { attempts.set(task.taskKey, []); return; }
    try {
      const list = await api(`/api/runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(task.taskKey)}/attempts`);
      attempts.set(task.taskKey, [...(list ?? [])].sort((a, b) => a.attempt - b.attempt));
    } catch { /* the Gantt falls back to the task's own times */ }
  };

  /** Starts a rerun (on the pinned version, or with "?version=latest" on the current one) and opens it. */
  const rerun = async query => {
    const answer = await request(`/api/runs/${encodeURIComponent(runId)}/rerun${query}`, { method: 'POST', body: {} });
    const location = answer.headers.get('Location') ?? '';
    const next = answer.data?.runId ?? decodeURIComponent(location.split('/api/runs/')[1] ?? '');
    if (next) window.location.hash = link(['runs', next]);
    return next;
  };

  /** "Rerun from here" on a task of a finished run: a new run that runs the task and its downstream again. */
  const rerunFrom = task => session.can('operator', detail.run.ownerGroup) && !ACTIVE_RUN.has(detail.run.status)
    ? actionButton('Rerun from here', () => rerun(`?fromTask=${encodeURIComponent(task.taskKey)}`), {
      testid: 'rerun-from', success: id => `Started ${id}`,
      title: `A new run that runs ${task.taskKey} and everything downstream of it again and keeps the rest`,
    })
    : null;

  const drawHeader = () => {
    const run = detail.run;
    const canOperate = session.can('operator', run.ownerGroup);
    const active = ACTIVE_RUN.has(run.status);
    mount(header, h('div', { class: 'page-header' },
      h('div', {}, h('h1', { class: 'run-title' }, run.pipelineId, statusBadge(run.status)),
        h('p', { class: 'subtitle mono' }, run.runId), suspendedNotice(run),
        ...(detail.notices ?? []).map(n => h('p', { class: 'notice', 'data-testid': 'run-notice' }, n))),
      h('div', { class: 'actions' },
        canOperate && active ? actionButton('Cancel run', async () => {
          if (!window.confirm(`Cancel ${run.runId}? Running tasks are stopped.`)) return;
          await api(`/api/runs/${encodeURIComponent(runId)}/cancel`, { method: 'POST', body: {} });
          poll.now();
        }, { kind: 'btn-danger', testid: 'cancel', success: 'Cancellation requested' }) : null,
        canOperate ? suspensionButton(run, () => poll.now()) : null,
        canOperate && (run.status === 'failed' || run.status === 'cancelled') ? [
          actionButton('Rerun on current version', () => rerun('?version=latest'),
            { testid: 'rerun-latest', success: id => `Started ${id}` }),
          actionButton('Rerun failed', () => rerun(''), { kind: 'btn-primary', testid: 'rerun', success: id => `Started ${id}` }),
        ] : null)));
    const duration = run.startedAt ? secondsBetween(run.startedAt, run.finishedAt) : null;
    mount(facts, h('dl', { class: 'facts card', 'data-testid': 'run-facts' },
      fact('Pipeline', h('a', { href: link(['runs'], { pipeline: run.pipelineId }) }, run.pipelineId), h('span', { class: 'secondary' }, ` v${run.pipelineVersion}`)),
      fact('Group', h('span', { class: 'chip chip-group' }, run.ownerGroup)),
      fact('Trigger', humanize(run.trigger), run.rerunOf ? [' of ', h('a', { href: link(['runs', run.rerunOf]) }, 'earlier run')] : null),
      run.parentRunId ? fact('Parent run', h('a', { href: link(['runs', run.parentRunId]), class: 'mono', 'data-testid': 'parent-run' }, run.parentRunId)) : null,
      fact('Logical time', timeCell(run.logicalTime)),
      fact('Started', run.startedAt ? [timeCell(run.startedAt), h('span', { class: 'secondary' }, ` ${relative(run.startedAt)}`)] : 'not yet'),
      fact('Duration', formatDuration(duration), ACTIVE_RUN.has(run.status) && duration !== null ? ' so far' : ''),
      fact('Tasks', summary(run.summary ?? countTasks(detail.tasks))),
      detail.children?.length
        ? h('div', { class: 'wide', 'data-testid': 'child-runs' }, h('dt', {}, 'Child runs'), h('dd', {}, detail.children.map(c =>
          h('div', {}, h('a', { href: link(['runs', c.runId]), class: 'mono' }, c.runId), ' ', statusBadge(c.status))))) : null,
      run.parameters && Object.keys(run.parameters).length
        ? h('div', { class: 'wide' }, h('dt', {}, 'Parameters'), h('dd', {}, parameterList(run.parameters))) : null));
  };

  const refresh = async () => {
    try {
      detail = await api(`/api/runs/${encodeURIComponent(runId)}`);
    } catch (error) {
      if (!detail) {
        mount(container, h('nav', { class: 'crumbs' }, h('a', { href: '#/runs' }, 'Runs'), ' / ', h('span', { class: 'mono' }, runId)),
          error.status === 404
            ? errorBox({ title: 'Run not found', detail: 'There is no such run, it has expired, or it belongs to a group you are not in.' })
            : errorBox(error, { onRetry: () => poll.now() }));
        poll.stop();
      }
      return;
    }
    // The critical path changes only with the run, unless its projection moves with the clock: a task past its
    // estimate, one waiting for a slot or a retry (it starts "now"), or a running one without an estimate (it ends
    // "now"). Ask again only then; in between the caption counts the ETA down from when it was asked.
    const state = runState(detail);
    const movesWithClock = critical?.overdue?.length || detail.tasks.some(t => t.status === 'ready'
      || t.status === 'retry-wait' || (t.status === 'running' && critical?.unestimated?.includes(t.taskKey)));
    if (state !== criticalState || movesWithClock) {
      critical = await api(`/api/runs/${encodeURIComponent(runId)}/critical-path`).catch(() => null);
      if (critical) critical.receivedAt = Date.now();
      criticalState = critical ? state : null;
    }
    if (definition === undefined) {
      definition = null;
      // The version the run pinned, not the pipeline's current one: its tasks and expected durations are the run's.
      const version = detail.run.pipelineVersion > 0 ? `?version=${detail.run.pipelineVersion}` : '';
      try { definition = await api(`/api/pipelines/${encodeURIComponent(detail.run.pipelineId)}${version}`); } catch { /* deleted or hidden */ }
    }
    if (!ui.task) {
      ui.task = (detail.tasks.find(t => t.status === 'failed') ?? detail.tasks.find(t => t.status === 'running'))?.taskKey ?? null;
    }
    if (detail.tasks.length <= ATTEMPT_FETCH_LIMIT) {
      const stale = detail.tasks.filter(t => t.attempts > 0
        && (ACTIVE_TASK.has(t.status) || (attempts.get(t.taskKey)?.length ?? -1) !== t.attempts
          || attempts.get(t.taskKey)?.some(a => !a.finishedAt)));
      await Promise.all(stale.map(loadAttempts));
    }
    if (!body.isConnected) mount(container, container.firstElementChild, header, facts, body);
    drawHeader();
    drawChart();
    await drawPanel(false);
    if (!ACTIVE_RUN.has(detail.run.status)) {
      if (finalRefresh) poll.stop();
      finalRefresh = true;
    }
  };

  const poll = poller(refresh, 2000);
  let resizeTimer = null;
  const onResize = () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => detail && drawChart(), 150); };
  window.addEventListener('resize', onResize);
  return () => { poll.stop(); current?.stop(); window.removeEventListener('resize', onResize); };
}

function fitInto(svg, layout, scroll) {
  const scale = Math.min(1, scroll.clientWidth / layout.width, (window.innerHeight * 0.52) / layout.height);
  svg.setAttribute('width', String(Math.floor(layout.width * scale)));
  svg.setAttribute('height', String(Math.floor(layout.height * scale)));
}

function tab(label, active, onclick, testid) {
  return h('button', { type: 'button', role: 'tab', class: active ? 'tab active' : 'tab', 'aria-selected': String(active), onclick, 'data-testid': testid }, label);
}

function fact(label, ...value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

function legend() {
  return h('div', { class: 'legend', 'aria-label': 'Legend' },
    LEGEND.map(s => h('span', { class: 'legend-item' }, h('span', { class: `swatch status-${s}` }), humanize(s))),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch critical' }), 'Critical path'));
}

/** The API's critical path in words: its tasks, how long it took or how long the run has left, and what it lacks. */
function criticalCaption(critical, active) {
  const path = critical?.path ?? [];
  const span = path.length ? secondsBetween(path[0].start, path[path.length - 1].finish) : null;
  const unknown = critical?.etaKnown === false;
  const lowerBound = critical?.unestimated?.length > 0;
  const elapsed = critical?.receivedAt ? (Date.now() - critical.receivedAt) / 1000 : 0;
  const remaining = Math.max(0, (critical?.remainingSeconds ?? 0) - elapsed);
  const timing = !path.length ? '' : !active ? ` (${formatDuration(span)})`
    : unknown ? ' (finish not known yet, projected)'
      : ` (finishes in ${lowerBound ? 'at least ' : ''}${formatDuration(remaining)}, projected)`;
  const missing = lowerBound
    ? ` · no duration estimate yet for ${critical.unestimated.join(', ')} (counted as no time)` : '';
  return h('p', { class: 'chart-caption', 'data-testid': 'critical-path' }, 'Critical path: ',
    h('strong', {}, path.map(step => step.taskKey).join(' → ') || '—'), timing, missing);
}

/** What the critical path depends on: the run's status and each task's state and times. */
function runState(detail) {
  return JSON.stringify([detail.run.status,
    detail.tasks.map(t => [t.taskKey, t.status, t.attempts, t.startedAt, t.finishedAt])]);
}

function countTasks(tasks) {
  const n = s => tasks.filter(t => t.status === s).length;
  return { succeeded: n('succeeded'), failed: n('failed'), skipped: n('skipped'), cancelled: n('cancelled'), total: tasks.length };
}

function firstTime(row) {
  const times = row.attempts.map(a => Date.parse(a.queuedAt ?? a.startedAt)).filter(t => !Number.isNaN(t));
  return times.length ? Math.min(...times) : Number.MAX_SAFE_INTEGER;
}
