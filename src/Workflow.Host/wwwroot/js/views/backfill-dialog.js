// The backfill form: a range (from, to), the schedule to follow and the most runs at once; the server starts one
// run per occurrence in the range, and the dialog follows the backfill's progress resource until every run ended.
// Refusals (a range over the limit, an unknown schedule) are the server's problem details, shown as they came.

import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { errorBox } from '../components.js';

/** Opens the dialog for a pipeline summary (id, schedules). Returns {close} for the view that opened it. */
export function openBackfillDialog(pipeline) {
  const named = (pipeline.schedules ?? []).filter(s => s.name);
  const from = h('input', { class: 'input', id: 'backfill-from', type: 'datetime-local', required: true });
  const to = h('input', { class: 'input', id: 'backfill-to', type: 'datetime-local', required: true });
  const schedule = named.length > 1
    ? h('select', { class: 'input', id: 'backfill-schedule' }, named.map(s => h('option', { value: s.name }, s.name)))
    : null;
  const maxActive = h('input', { class: 'input', id: 'backfill-max', type: 'number', min: 1, value: 1 });
  const summary = h('div', { class: 'trigger-error', 'data-testid': 'backfill-error' });
  const progress = h('p', { class: 'help', 'data-testid': 'backfill-progress', 'aria-live': 'polite' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'backfill-submit' }, 'Start backfill');
  const cancel = h('button', { class: 'btn', type: 'button', onclick: () => close() }, 'Close');
  const field = (label, id, input, help) => h('div', { class: 'field' },
    h('label', { class: 'field-label', for: id }, label), input, help ? h('p', { class: 'help' }, help) : null);

  const form = h('form', { class: 'form', novalidate: true },
    h('h2', { id: 'backfill-title' }, `Backfill ${pipeline.id}`),
    h('p', { class: 'subtitle' }, 'One run per occurrence of the schedule in the range, each with its logical time. ' +
      'Occurrences that already ran are not run again.'),
    summary,
    field('From (UTC)', 'backfill-from', from),
    field('To (UTC)', 'backfill-to', to, 'Both ends are included.'),
    schedule ? field('Schedule', 'backfill-schedule', schedule) : null,
    field('Runs at once', 'backfill-max', maxActive),
    progress,
    h('div', { class: 'dialog-actions' }, cancel, submit));
  const dialog = h('dialog', { class: 'dialog', 'data-testid': 'backfill-dialog', 'aria-labelledby': 'backfill-title' }, form);
  let timer = null;

  function close() {
    clearTimeout(timer);
    if (dialog.open) dialog.close();
    dialog.remove();
  }

  function show(b) {
    const p = b.progress;
    progress.textContent = `${b.backfillId}: ${p.started + p.existing}/${p.total} started (${p.existing} already run) · ` +
      `${p.succeeded} succeeded · ${p.failed} failed · ${p.running} running · ${p.waiting} waiting` +
      (p.waiting === 0 && p.running === 0 ? ' · done' : '');
    if (p.waiting > 0 || p.running > 0) {
      timer = setTimeout(async () => {
        try { show(await api(b.statusQueryGetUri)); } catch (error) { mount(summary, errorBox(error)); }
      }, 1000);
    }
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (submit.disabled) return;
    mount(summary);
    const utc = input => input.value ? `${input.value}${input.value.length === 16 ? ':00' : ''}Z` : undefined;
    submit.disabled = true;
    try {
      const body = { from: utc(from), to: utc(to), maxActiveRuns: Number(maxActive.value) || undefined };
      if (schedule) body.schedule = schedule.value;
      clearTimeout(timer);
      show(await api(`/api/pipelines/${encodeURIComponent(pipeline.id)}/backfills`, { method: 'POST', body }));
    } catch (error) {
      mount(summary, errorBox(error));
    } finally {
      submit.disabled = false;
    }
  });
  dialog.addEventListener('close', () => { clearTimeout(timer); dialog.remove(); });
  document.body.append(dialog);
  dialog.showModal();
  from.focus();
  return { close };
}
