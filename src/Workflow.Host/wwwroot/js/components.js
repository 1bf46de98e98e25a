// Building blocks the views share: page headers, problem-details error boxes, empty states, busy buttons.

import { h } from './dom.js';
import { toast } from './dom.js';

export function pageHeader(title, subtitle, ...actions) {
  return h('div', { class: 'page-header' },
    h('div', {}, h('h1', {}, title), subtitle ? h('p', { class: 'subtitle' }, subtitle) : null),
    h('div', { class: 'actions' }, actions));
}

/** An error from the API, with its problem details (title, detail, and each validation error with its hint). */
export function errorBox(error, { onRetry } = {}) {
  const title = error?.title ?? 'Something went wrong';
  const detail = error?.detail ?? error?.message ?? String(error);
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', {}, title),
    detail && detail !== title ? h('p', {}, detail) : null,
    error?.errors?.length
      ? h('ul', {}, error.errors.map(e => h('li', {},
        e.path ? h('code', {}, e.path) : null, e.path ? ': ' : '', withoutPath(e.message ?? '', e.path),
        e.hint ? h('span', { class: 'hint' }, ` ${e.hint}`) : null)))
      : null,
    onRetry ? h('button', { class: 'btn btn-small', type: 'button', onclick: onRetry }, 'Try again') : null);
}

/** A field error's message often starts with its own path; the box shows the path once. */
function withoutPath(message, path) {
  return path && message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

export function emptyState(title, text, action) {
  return h('div', { class: 'empty' }, h('div', { class: 'empty-title' }, title), text ? h('p', {}, text) : null, action ?? null);
}

export function loading(text = 'Loading…') {
  return h('div', { class: 'loading', 'aria-busy': 'true' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/**
 * A button that runs an async action, shows it is busy, and reports the outcome as a toast: the API's problem
 * detail on failure.
 */
export function actionButton(label, action, { kind = '', title, testid, success } = {}) {
  const button = h('button', { class: `btn ${kind}`.trim(), type: 'button', title, 'data-testid': testid }, label);
  button.addEventListener('click', async event => {
    event.stopPropagation();
    if (button.disabled) return;
    button.disabled = true;
    button.classList.add('busy');
    try {
      const result = await action();
      if (success) toast(typeof success === 'function' ? success(result) : success, 'ok');
    } catch (error) {
      toast(`${error.title ?? 'Failed'}: ${error.detail ?? error.message}`, 'error');
    } finally {
      button.disabled = false;
      button.classList.remove('busy');
    }
  });
  return button;
}
