// The signed-in user's bearer token and what the page reads from it (name, groups, roles). Behind a platform
// sign-in (App Service Authentication in Azure) the page holds no token: the platform's session cookie goes with
// each call, and the page learns who it is from GET /api/me.
// The claims only decide which buttons to show; the API enforces access on every call.

const KEY = 'workflow.token';

const ROLE_CLAIMS = ['roles', 'role', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role'];
const NAME_CLAIMS = ['name', 'preferred_username', 'unique_name', 'sub',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'];

/** Roles in increasing power; each includes what the ones before it may do. */
const RANK = { viewer: 1, operator: 2, editor: 3, admin: 4 };

function list(value) {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).flatMap(v => String(v).split(/[\s,]+/)).filter(Boolean);
}

/** Role names are case-insensitive; group names are not, so only the part after the last colon is lowered. */
function lowerRole(claim) {
  const colon = claim.lastIndexOf(':');
  return colon < 0 ? claim.toLowerCase() : claim.slice(0, colon + 1) + claim.slice(colon + 1).toLowerCase();
}

/** Decodes a JWT payload without verifying it (the server verifies). Returns null for a non-JWT token. */
export function decodeToken(token) {
  const parts = (token ?? '').split('.');
  if (parts.length < 2) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[1].length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** The caller as GET /api/me reported it, when a platform sign-in (not a stored token) identifies the user. */
let platform = null;

function claims() {
  return platform ?? decodeToken(session.token()) ?? {};
}

export const session = {
  token: () => localStorage.getItem(KEY),
  save(token) { localStorage.setItem(KEY, token.trim()); },
  clear() { localStorage.removeItem(KEY); },

  /** Uses the platform's sign-in: {user, groups, roles} from GET /api/me, or null when it has none. */
  usePlatform(me) {
    platform = me ? {
      name: me.user,
      groups: me.groups ?? [],
      roles: [...(me.roles ?? []), ...Object.entries(me.groupRoles ?? {}).map(([group, role]) => `${group}:${role}`)],
    } : null;
  },

  /** True when the platform's sign-in, not a stored token, identifies the user. */
  isPlatform: () => platform !== null,

  /** True when a token is stored and, if it says when it expires, has not expired (or the platform signed in). */
  isValid(nowSeconds = Date.now() / 1000) {
    if (platform) return true;
    const token = session.token();
    if (!token) return false;
    const exp = decodeToken(token)?.exp;
    return typeof exp !== 'number' || exp > nowSeconds + 5;
  },

  user() {
    const c = claims();
    for (const name of NAME_CLAIMS) if (c[name]) return String(c[name]);
    return 'signed in';
  },

  groups: () => list(claims().groups),

  /** Bare roles (`editor`: in every group of the user) and group roles (`data-eng:editor`: in that group only). */
  roles() {
    const c = claims();
    return [...new Set(ROLE_CLAIMS.flatMap(name => list(c[name])).map(lowerRole))];
  },

  /**
   * True when the user holds the role or a stronger one in `group`: a bare role, or that group's role. Without a
   * group, true when any role of the user is strong enough somewhere (to decide whether a column exists at all).
   */
  can(role, group) {
    const need = RANK[role] ?? 99;
    return session.roles().some(r => {
      const colon = r.lastIndexOf(':');
      const rank = RANK[colon < 0 ? r : r.slice(colon + 1)] ?? 0;
      const scope = colon < 0 ? null : r.slice(0, colon);
      return rank >= need && (scope === null || group === undefined || scope === group);
    });
  },
};
