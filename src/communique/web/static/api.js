// Talking to the workbench API: query strings, JSON in and out, errors as messages.
export const FILTER_KEYS = ["source", "target", "actor", "country", "sector", "root", "code",
  "quad_class", "plover", "method", "from", "to", "text", "doc", "place"];
const TOKEN = "communique-token"; // the analyst token, kept for this browser tab only

export function setToken(value) {
  if (value) window.sessionStorage.setItem(TOKEN, value);
  else window.sessionStorage.removeItem(TOKEN);
}

export function getToken() {
  return window.sessionStorage.getItem(TOKEN) || "";
}

function headers(json) {
  const out = { Accept: "application/json" };
  if (json) out["Content-Type"] = "application/json";
  if (getToken()) out.Authorization = `Bearer ${getToken()}`;
  return out;
}

export class ApiError extends Error {}

export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") q.set(key, String(value));
  }
  return q.toString();
}

async function answer(response) {
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error : `${response.status} ${response.statusText}`;
    throw new ApiError(message);
  }
  return body;
}

export async function getJSON(path, params = {}) {
  const qs = query(params);
  const response = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: "application/json" } });
  return answer(response);
}

export async function postJSON(path, body) {
  const response = await fetch(path, { method: "POST", headers: headers(true), body: JSON.stringify(body) });
  return answer(response);
}

export async function deleteJSON(path) {
  return answer(await fetch(path, { method: "DELETE", headers: headers(false) }));
}
