// Hash routes: "#/runs/<runId>?task=load" keeps every view linkable and works from a static file server.

/** Splits "#/runs/abc?status=failed" into ['runs', 'abc'] and a plain object of the query. */
export function parseHash(hash) {
  const text = hash.replace(/^#\/?/, '');
  const [path, query = ''] = text.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, query: Object.fromEntries(new URLSearchParams(query)) };
}

/** Builds a hash link, leaving out empty query values. */
export function link(parts, query = {}) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const path = parts.map(p => encodeURIComponent(p)).join('/');
  return `#/${path}${q.size ? `?${q}` : ''}`;
}
