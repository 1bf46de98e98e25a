// The shell: hash routing, sign-in guard, the header (navigation, user, open alert count) and view lifecycle.

import { h, mount } from './dom.js';
import { api, setUnauthorizedHandler } from './api.js';
import { session } from './session.js';
import { poller } from './poll.js';
import { link, parseHash } from './router.js';
import * as login from './views/login.js';
import * as pipelines from './views/pipelines.js';
import * as pipeline from './views/pipeline.js';
import * as audit from './views/audit.js';
import * as runs from './views/runs.js';
import * as run from './views/run.js';
import * as alerts from './views/alerts.js';
import * as secrets from './views/secrets.js';

const view = document.getElementById('view');
let cleanup = null;
let alertPoll = null;

function route({ parts, query }) {
  switch (parts[0]) {
    case 'login': return { module: login, nav: null, params: query };
    case 'runs': return parts[1]
      ? { module: run, nav: 'runs', params: { runId: parts[1], ...query } }
      : { module: runs, nav: 'runs', params: query };
    case 'alerts': return { module: alerts, nav: 'alerts', params: query };
    case 'secrets': return { module: secrets, nav: 'secrets', params: { group: parts[1], ...query } };
    case 'audit': return { module: audit, nav: 'audit', params: query };
    case 'pipelines': return parts[1]
      ? { module: pipeline, nav: 'pipelines', params: { pipelineId: parts[1], ...query } }
      : { module: pipelines, nav: 'pipelines', params: query };
    case undefined: return { module: pipelines, nav: 'pipelines', params: query };
    default: return null;
  }
}

function renderHeader(nav) {
  const signedIn = session.isValid();
  document.getElementById('mainnav').hidden = !signedIn;
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.classList.toggle('active', a.dataset.nav === nav);
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  for (const a of document.querySelectorAll('[data-admin]')) a.hidden = !signedIn || !session.can('admin');
  const box = document.getElementById('userbox');
  box.hidden = !signedIn;
  if (!signedIn) return;
  const groups = session.groups();
  const roles = session.roles();
  mount(box,
    h('span', { class: 'user', 'data-testid': 'user' }, session.user()),
    h('span', { class: 'chips' },
      groups.map(g => h('span', { class: 'chip chip-group', title: 'security group' }, g)),
      roles.map(r => h('span', { class: 'chip chip-role', title: 'role' }, r))),
    h('button', { class: 'btn btn-quiet', type: 'button', onclick: signOut }, 'Sign out'));
}

function signOut() {
  session.clear();
  if (session.isPlatform()) {
    // The platform's session cookie is what signs the user in; only its own endpoint ends it.
    window.location.href = `/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(window.location.pathname)}`;
    return;
  }
  window.location.hash = '#/login';
}

async function refreshAlertCount() {
  const badge = document.getElementById('alert-count');
  try {
    const open = await api('/api/alerts', { query: { status: 'open' } });
    showAlertCount(Array.isArray(open) ? open.length : 0);
  } catch {
    badge.hidden = true;
  }
}

function showAlertCount(count) {
  const badge = document.getElementById('alert-count');
  badge.hidden = count === 0;
  badge.textContent = String(count);
}

function render() {
  cleanup?.();
  cleanup = null;
  const parsed = parseHash(window.location.hash);
  const target = route(parsed);
  if (!target) {
    window.location.replace('#/pipelines');
    return;
  }
  if (target.module !== login && !session.isValid()) {
    const next = window.location.hash && !window.location.hash.startsWith('#/login') ? window.location.hash : '';
    window.location.replace(link(['login'], { next }));
    return;
  }
  renderHeader(target.nav);
  if (session.isValid() && !alertPoll) {
    alertPoll = poller(refreshAlertCount, 15000);
  } else if (!session.isValid() && alertPoll) {
    alertPoll.stop();
    alertPoll = null;
  }
  view.replaceChildren();
  const result = target.module.render(view, target.params, { link, navigate: hash => { window.location.hash = hash; } });
  cleanup = typeof result === 'function' ? result : null;
}

setUnauthorizedHandler(() => {
  session.clear();
  session.usePlatform(null);
  if (!window.location.hash.startsWith('#/login')) {
    window.location.hash = link(['login'], { next: window.location.hash, expired: '1' });
  }
});

/** Asks the API who the caller is without a token: behind a platform sign-in the session cookie answers. */
async function detectPlatformSignIn() {
  if (session.isValid()) return;
  try {
    session.usePlatform(await api('/api/me', { anonymous: true }));
  } catch {
    session.usePlatform(null);
  }
}

window.addEventListener('hashchange', render);
// The Alerts view reports the open count it just read (detail.open), or that the user changed an alert.
window.addEventListener(alerts.ALERTS_CHANGED, event => {
  if (!session.isValid()) return;
  if (typeof event.detail?.open === 'number') showAlertCount(event.detail.open); else refreshAlertCount();
});
detectPlatformSignIn().then(render);
