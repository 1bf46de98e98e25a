// Sign-in: in Development the host's dev token issuer (user, groups, roles); anywhere else, paste a bearer
// token from your identity provider. The token is checked against the API before it is kept.

import { h, mount } from '../dom.js';
import { api, ApiError } from '../api.js';
import { session } from '../session.js';
import { errorBox } from '../components.js';

const ROLES = ['viewer', 'operator', 'editor', 'admin'];

export function render(container, params) {
  const next = params.next && params.next.startsWith('#/') && !params.next.startsWith('#/login') ? params.next : '#/pipelines';
  const message = h('div', { class: 'login-message' });
  const body = h('div', { class: 'login-body' });
  let mode = 'dev';

  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const card = h('section', { class: 'card login-card' },
    h('h1', {}, 'Sign in to Workflow'),
    h('p', { class: 'subtitle' }, 'You see the pipelines, runs and logs of your security groups.'),
    params.expired ? h('div', { class: 'notice' }, 'Your session has expired or was refused. Please sign in again.') : null,
    tabs, message, body);
  mount(container, h('div', { class: 'login-page' }, card));

  const finish = async token => {
    session.save(token);
    try {
      await api('/api/pipelines');
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        session.clear();
        throw new ApiError(error.status, { title: 'The token was refused', detail: error.detail });
      }
      // Any other failure is not about the token; the next view shows it.
    }
    window.location.hash = next;
  };

  const showTabs = () => mount(tabs,
    tabButton('Development sign-in', mode === 'dev', () => { mode = 'dev'; draw(); }),
    tabButton('Bearer token', mode === 'token', () => { mode = 'token'; draw(); }));

  const draw = () => {
    showTabs();
    mount(message);
    mount(body, mode === 'dev' ? devForm(finish, message, () => { mode = 'token'; draw(); }) : tokenForm(finish, message));
    body.querySelector('input, textarea')?.focus();
  };
  draw();

  api('/api/health', { anonymous: true }).then(health => {
    if (health?.signInUrl) {
      // Behind a platform sign-in (App Service Authentication): the organisation's sign-in page comes first.
      mount(tabs);
      mount(body, h('p', { class: 'help' }, 'This service signs you in with your organisation account.'),
        h('a', { class: 'btn btn-primary', href: health.signInUrl, 'data-testid': 'platform-login' },
          'Sign in with your organisation'));
      return;
    }
    if (health?.environment && health.environment !== 'Development' && mode === 'dev') {
      mode = 'token';
      draw();
    }
  }).catch(error => mount(message, errorBox(error)));
}

function tabButton(label, active, onclick) {
  return h('button', { type: 'button', role: 'tab', class: active ? 'tab active' : 'tab', 'aria-selected': active ? 'true' : 'false', onclick }, label);
}

function devForm(finish, message, fallBack) {
  const roleBoxes = ROLES.map(role => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'roles', value: role, checked: role === 'viewer' || role === 'operator' }), role));
  const form = h('form', { class: 'form', 'data-testid': 'dev-login' },
    h('p', { class: 'help' }, 'The host issues a short-lived token for any user. This form works only while the host runs in Development.'),
    field('User', h('input', { name: 'user', required: true, autocomplete: 'username', value: 'alice' })),
    field('Groups', h('input', { name: 'groups', required: true, value: 'data-eng', placeholder: 'data-eng, finance' }),
      'Comma-separated security groups.'),
    h('fieldset', { class: 'field' }, h('legend', {}, 'Roles'), h('div', { class: 'checks' }, roleBoxes)),
    h('button', { class: 'btn btn-primary', type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      user: String(data.get('user')).trim(),
      groups: String(data.get('groups')).split(',').map(g => g.trim()).filter(Boolean),
      roles: data.getAll('roles').map(String),
    };
    mount(message);
    if (!body.user || body.groups.length === 0) {
      mount(message, errorBox({ title: 'Missing fields', detail: 'Enter a user name and at least one group.' }));
      return;
    }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      const answer = await api('/api/dev/token', { method: 'POST', body, anonymous: true });
      await finish(answer.token);
    } catch (error) {
      if (error.status === 404) {
        fallBack();
        mount(message, errorBox({ title: 'The development sign-in is off',
          detail: 'This host does not run in Development. Paste a bearer token from your identity provider instead.' }));
      } else {
        mount(message, errorBox(error));
      }
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function tokenForm(finish, message) {
  const form = h('form', { class: 'form', 'data-testid': 'token-login' },
    field('Bearer token', h('textarea', { name: 'token', rows: 5, required: true, spellcheck: 'false', placeholder: 'eyJhbGciOi…' }),
      'An access token for this API from your identity provider (OIDC).'),
    h('button', { class: 'btn btn-primary', type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const token = String(new FormData(form).get('token')).trim().replace(/^Bearer\s+/i, '');
    mount(message);
    if (!token) {
      mount(message, errorBox({ title: 'No token', detail: 'Paste a bearer token first.' }));
      return;
    }
    try {
      await finish(token);
    } catch (error) {
      mount(message, errorBox(error));
    }
  });
  return form;
}

function field(label, input, help) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input, help ? h('span', { class: 'help' }, help) : null);
}
