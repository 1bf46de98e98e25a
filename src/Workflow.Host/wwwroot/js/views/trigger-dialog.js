// The trigger dialog: one field per declared parameter (name, type, default, required), checked in the page the
// way the server checks them, then the run is started with the values. When the server still refuses (the
// definition changed meanwhile, say), its problem details are shown as they came.

import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { errorBox } from '../components.js';
import { declaredParameters, mustBeGiven, parameterOfPath, readParameters, showValue } from '../params.js';

/**
 * Opens the dialog for a pipeline definition. onStarted(runId) is called after the server accepted the run.
 * Returns {close} so the view that opened it can close it when the user navigates away.
 */
export function openTriggerDialog(definition, onStarted) {
  const declared = declaredParameters(definition);
  const inputs = new Map();
  const problems = new Map();
  const summary = h('div', { class: 'trigger-error', 'data-testid': 'trigger-error' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'trigger-submit' }, 'Start run');
  const cancel = h('button', { class: 'btn', type: 'button', onclick: () => close() }, 'Cancel');

  const fields = declared.map(p => {
    const id = `param-${p.name}`;
    const input = control(p, id);
    const problem = h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true });
    inputs.set(p.name, input);
    problems.set(p.name, problem);
    input.addEventListener('input', () => setProblem(p.name, null));
    input.setAttribute('aria-describedby', `${id}-help ${id}-error`);
    return h('div', { class: 'field param-field', 'data-param': p.name },
      h('label', { class: 'field-label', for: id }, h('span', { class: 'mono' }, p.name),
        h('span', { class: 'chip chip-type', title: 'type' }, p.type),
        mustBeGiven(p) ? h('span', { class: 'chip chip-required' }, 'required') : null),
      input,
      h('p', { class: 'help', id: `${id}-help` },
        p.description || null, p.description && p.hasDefault ? ' · ' : null,
        p.hasDefault ? ['default ', h('code', {}, showValue(p.default))] : null,
        !p.description && !p.hasDefault ? (mustBeGiven(p) ? 'No default: a value is needed.' : 'Optional.') : null),
      problem);
  });

  const form = h('form', { class: 'form', novalidate: true },
    h('h2', { id: 'trigger-title' }, `Trigger ${definition.id}`),
    definition.description ? h('p', { class: 'subtitle' }, definition.description) : null,
    summary, fields,
    h('div', { class: 'dialog-actions' }, cancel, submit));
  const dialog = h('dialog', { class: 'dialog', 'data-testid': 'trigger-dialog', 'aria-labelledby': 'trigger-title' }, form);

  function setProblem(name, message) {
    const problem = problems.get(name);
    const input = inputs.get(name);
    if (!problem) return;
    problem.hidden = !message;
    problem.textContent = message ?? '';
    if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }

  function close() {
    if (dialog.open) dialog.close();
    dialog.remove();
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (submit.disabled) return;
    mount(summary);
    const texts = Object.fromEntries([...inputs].map(([name, input]) => [name, input.value]));
    const { values, errors } = readParameters(definition.id, declared, texts);
    for (const name of inputs.keys()) setProblem(name, errors.find(e => e.name === name)?.message ?? null);
    if (errors.length > 0) {
      inputs.get(errors[0].name)?.focus();
      return;
    }
    submit.disabled = true;
    submit.classList.add('busy');
    try {
      const answer = await api(`/api/pipelines/${encodeURIComponent(definition.id)}/runs`,
        { method: 'POST', body: { parameters: values } });
      close();
      onStarted(answer?.runId ?? answer?.id);
    } catch (error) {
      mount(summary, errorBox(error));
      for (const e of error.errors ?? []) {
        const name = parameterOfPath(e.path);
        if (name && inputs.has(name)) setProblem(name, e.message);
      }
    } finally {
      submit.disabled = false;
      submit.classList.remove('busy');
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  (inputs.values().next().value ?? submit).focus();
  return { close };
}

/** The input for one parameter: a choice for booleans, a JSON box for objects and arrays, a text field otherwise. */
function control(p, id) {
  if (p.type === 'boolean') {
    return h('select', { class: 'input', id, name: p.name },
      h('option', { value: '' }, p.hasDefault ? `default (${showValue(p.default)})` : mustBeGiven(p) ? 'choose…' : 'not set'),
      h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
  }
  if (p.type === 'object' || p.type === 'array') {
    return h('textarea', { class: 'input', id, name: p.name, rows: 3, spellcheck: 'false',
      placeholder: p.hasDefault ? `default: ${showValue(p.default)}` : p.type === 'object' ? '{"key": "value"}' : '[1, 2]' });
  }
  const numeric = p.type === 'integer' || p.type === 'number';
  return h('input', { class: 'input', id, name: p.name, type: 'text', autocomplete: 'off',
    inputmode: numeric ? (p.type === 'integer' ? 'numeric' : 'decimal') : undefined,
    placeholder: p.hasDefault ? `default: ${showValue(p.default)}` : '' });
}
