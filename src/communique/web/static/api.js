// Talking to the workbench API: query strings, JSON in and out, errors as messages.
export const FILTER_KEYS = ["source", "target", "actor", "country", "sector", "root", "code",
  "quad_class", "plover", "method", "from", "to", "text", "doc"];

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
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  return answer(response);
}
