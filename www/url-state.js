// The page's state as a URL query, so a view can be shared and tests can open it directly:
//   ?catalog=twilio&roles=studio-viewer@organization:acme/account:AC1,billing-manager@organization:acme/account:AC2
//    &scope=organization:acme/account:AC1&page=studio.flows
// Pure functions, no DOM: the same code reads links in the page and in tests.

/**
 * Splits `role@scope` at the FIRST `@`: role ids are kebab-case and never contain `@`, while scope
 * ids may (`account:dev@corp`). No `@` means a role id held wherever the question asks.
 */
export function parseAssignment(text) {
  const at = text.indexOf("@");
  if (at < 0) return { role: text };
  return { role: text.slice(0, at), scope: text.slice(at + 1) };
}

export function formatAssignment({ role, scope }) {
  return scope === undefined ? role : `${role}@${scope}`;
}

/** `roles=a@x,b@y`: commas never occur in role ids or scope paths, so they can separate items. */
export function parseRoles(text) {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map(parseAssignment);
}

/**
 * Reads the state from a query string. A missing parameter is `undefined` (the page picks a
 * default); `roles=` present but empty is an empty list: a user with no roles is a state to show.
 */
export function readState(search) {
  const params = new URLSearchParams(search);
  const roles = params.get("roles");
  return {
    catalog: params.get("catalog") ?? undefined,
    roles: roles === null ? undefined : parseRoles(roles),
    scope: params.get("scope") || undefined,
    page: params.get("page") || undefined,
  };
}

// Keeps `:`, `/` and `@` readable in links; encodes everything a query would misread, including
// `+` (which URLSearchParams turns into a space) and `&`, `#`, `%`.
function encodeValue(value) {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%2F/gi, "/").replace(/%40/gi, "@");
}

export function writeState({ catalog, roles, scope, page }) {
  const parts = [`catalog=${encodeValue(catalog)}`, `roles=${roles.map((a) => encodeValue(formatAssignment(a))).join(",")}`];
  if (scope) parts.push(`scope=${encodeValue(scope)}`);
  if (page) parts.push(`page=${encodeValue(page)}`);
  return `?${parts.join("&")}`;
}
