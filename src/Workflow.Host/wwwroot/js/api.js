// The HTTP client: adds the bearer token, turns RFC 7807 problem+json answers into readable errors,
// and sends the user to the login view when the token is missing or expired.

import { session } from './session.js';

/** An error answer from the API, carrying the problem details so views can show what is wrong. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    const detail = problem?.detail || problem?.title || fallback;
    super(detail);
    this.status = status;
    this.title = problem?.title || statusTitle(status);
    this.detail = detail;
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

function statusTitle(status) {
  return {
    0: 'The server cannot be reached',
    400: 'Bad request', 401: 'Not signed in', 403: 'Not allowed', 404: 'Not found', 409: 'Conflict',
    412: 'Changed meanwhile', 428: 'Version required', 500: 'Server error', 503: 'Unavailable',
  }[status] ?? `HTTP ${status}`;
}

let onUnauthorized = () => {};

/** Registers what happens on a 401 (the app shows the login view). */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/** Calls the API. Resolves to {data, headers, status}; throws ApiError for an error answer. */
export async function request(path, { method = 'GET', body, query, signal, anonymous = false } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = session.token();
  if (token && !anonymous) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response;
  try {
    response = await fetch(url, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, null, 'The Workflow host did not answer. Is it running?');
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) {
    if (response.status === 401 && !anonymous) onUnauthorized();
    const fallback = text && !data ? text.slice(0, 300) : statusTitle(response.status);
    throw new ApiError(response.status, data, fallback);
  }
  return { data, headers: response.headers, status: response.status };
}

/** Calls the API and resolves to the parsed JSON body (null when empty). */
export async function api(path, options) {
  return (await request(path, options)).data;
}
