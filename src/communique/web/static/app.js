// The dashboard: filters kept in the address bar, charts, the event table, alerts, the
// drill-down drawer, the document reader and "code a text".
import { FILTER_KEYS, getJSON, getToken, postJSON, query, setToken } from "./api.js";
import { showChart } from "./charts.js";
import { actorNameForm, correctionForm, eventBefore, historyView, renderCorrections } from "./corrections.js";
import { QUADS, el, eventCard, renderAlerts, renderCoded, renderDocument, renderTable } from "./views.js";

const PAGE = 25;
const VIEW_KEYS = ["by", "level", "sort", "offset", "weeks", "change", "floor", "tab", "doc", "event"];
const DEFAULTS = { by: "month", level: "country", sort: "date", offset: 0, weeks: 4, change: 25, floor: 5,
  tab: "explore", doc: null, event: null };
const $ = (id) => document.getElementById(id);

let state = { filters: {}, ...DEFAULTS };
let codes = [];  // every CAMEO code with its name, for corrections
let writable = false;  // the server was started with --token

// -- the address bar ---------------------------------------------------------------------
function fromURL() {
  const q = new URLSearchParams(window.location.search);
  const filters = {};
  for (const key of FILTER_KEYS) if (q.get(key)) filters[key] = q.get(key);
  const view = { ...DEFAULTS };
  for (const key of VIEW_KEYS) if (q.get(key) !== null && q.get(key) !== "") view[key] = q.get(key);
  view.offset = Math.max(0, parseInt(view.offset, 10) || 0);
  return { ...view, filters };
}

function toURL(push) {
  const view = {};
  for (const key of VIEW_KEYS) if (state[key] !== DEFAULTS[key] && state[key] !== null) view[key] = state[key];
  const qs = query({ ...state.filters, ...view });
  const url = qs ? `?${qs}` : window.location.pathname;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

// -- the filter form ---------------------------------------------------------------------
const TEXT_FIELDS = ["source", "target", "actor", "country", "sector", "code", "from", "to", "text"];

function ensureOption(select, value) {
  if (value && ![...select.options].some((o) => o.value === value)) select.append(el("option", { value }, value));
}

function formToState() {
  const filters = {};
  for (const key of TEXT_FIELDS) {
    const value = $(`f-${key}`).value.trim();
    if (value) filters[key] = ["source", "target", "actor", "country", "sector"].includes(key)
      ? value.toUpperCase().replace(/\s+/g, "") : value;
  }
  for (const key of ["root", "plover"]) if ($(`f-${key}`).value) filters[key] = $(`f-${key}`).value;
  const quads = [...document.querySelectorAll("#f-quads input:checked")].map((i) => i.value);
  if (quads.length) filters.quad_class = quads.join(",");
  for (const key of ["method", "doc"]) if (state.filters[key]) filters[key] = state.filters[key];
  state.filters = filters;
  state.by = $("f-by").value;
  state.level = $("f-level").value;
}

function stateToForm() {
  for (const key of TEXT_FIELDS) $(`f-${key}`).value = state.filters[key] || "";
  for (const key of ["root", "plover"]) {
    ensureOption($(`f-${key}`), state.filters[key]);
    $(`f-${key}`).value = state.filters[key] || "";
  }
  const quads = (state.filters.quad_class || "").split(",");
  for (const box of document.querySelectorAll("#f-quads input")) box.checked = quads.includes(box.value);
  $("f-by").value = state.by;
  $("f-level").value = state.level;
  $("a-weeks").value = String(state.weeks);
  $("a-change").value = String(state.change);
  $("a-floor").value = String(state.floor);
}

// -- errors --------------------------------------------------------------------------------
function showError(error) {
  $("error").textContent = error.message || String(error);
  $("error").hidden = false;
}

async function guarded(job) {
  try {
    await job();
  } catch (error) {
    showError(error);
  }
}

// -- the explore view ----------------------------------------------------------------------
async function loadCharts() {
  const params = { ...state.filters, by: state.by };
  const [series, net, map] = await Promise.all([
    getJSON("/charts/timeseries", params),
    getJSON("/charts/network", { ...state.filters, level: state.level }),
    getJSON("/charts/map", state.filters),
  ]);
  // a mark's datum keeps only what the chart encodes: the period's days come from the spec's data
  const bounds = new Map([...series.datasets.counts, ...series.datasets.goldstein]
    .map((r) => [r.period, [r.period_start, r.period_end]]));
  await showChart($("chart-ts"), series, (d) => {
    const [from, to] = bounds.get(d.period) || [null, null];
    const extra = { from, to };
    if (d.quad_class) extra.quad_class = String(d.quad_class);
    drill(`${d.period}${d.quad_class ? ` · ${QUADS[d.quad_class]}` : ""}`, extra);
  });
  await showChart($("chart-net"), net, (d) => {
    if (d.node) drill(`${d.node}, as source or target`, { actor: d.node });
    else if (d.source) drill(`${d.source} → ${d.target}`, { source: d.source, target: d.target });
  });
  await showChart($("chart-map"), map, (d) => {
    if (d.place) drill(`${d.name || d.place} (${d.precision || "place"})`, { place: d.place });
  });
}

async function loadTable() {
  const params = { ...state.filters, sort: state.sort, limit: PAGE, offset: state.offset };
  const page = await getJSON("/events", params);
  renderTable(document.querySelector("#events tbody"), page.events, openEvent);
  $("total").textContent = `(${page.total} under these filters)`;
  const last = Math.min(page.offset + page.events.length, page.total);
  $("page-info").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "no events";
  $("prev").disabled = page.offset === 0;
  $("next").disabled = last >= page.total;
  $("download").href = `/events?${query({ ...state.filters, sort: state.sort, format: "csv" })}`;
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    const key = th.dataset.sort;
    th.classList.toggle("sorted", state.sort.replace("-", "") === key);
    th.classList.toggle("desc", state.sort === `-${key}`);
  }
}

async function loadAlerts() {
  const data = await getJSON("/alerts", { ...state.filters, from: null, to: null, weeks: state.weeks,
    count_change: Number(state.change) / 100, floor: state.floor, level: state.level });
  renderAlerts($("alerts"), $("alert-windows"), data, (a) => {
    if (a.kind === "dyad") drill(`${a.key[0]} → ${a.key[1]}, last ${state.weeks} weeks and before`,
      { source: a.key[0], target: a.key[1], from: data.previous.start, to: data.recent.end });
    else drill(`${a.key[0]}, last ${state.weeks} weeks and before`,
      { actor: a.key[0], from: data.previous.start, to: data.recent.end });
  });
}

async function refresh() {
  $("error").hidden = true;
  await Promise.all([guarded(loadCharts), guarded(loadTable), guarded(loadAlerts)]);
  document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
}

// -- the drawer: drill-down, one event, a document ----------------------------------------
function openDrawer(...children) {
  $("drawer-body").replaceChildren(...children.filter((c) => c !== null && c !== undefined));
  $("drawer").hidden = false;
  $("drawer").scrollTop = 0;
}

function closeDrawer() {
  $("drawer").hidden = true;
  if (state.doc || state.event) {
    state.doc = null;
    state.event = null;
    toURL(true);
  }
}

async function drill(title, extra) {
  await guarded(async () => {
    const filters = { ...state.filters, ...extra };
    const page = await getJSON("/events", { ...filters, limit: 50, sort: "date" });
    const apply = el("button", { type: "button", class: "link", onclick: () => {
      state.filters = filters;
      state.offset = 0;
      stateToForm();
      toURL(true);
      closeDrawer();
      refresh();
    } }, "Use as the filters");
    openDrawer(el("h2", { id: "drill-title" }, title),
      el("p", { class: "muted", id: "drill-count" },
        `${page.total} event${page.total === 1 ? "" : "s"}${page.total > page.events.length ? `, the first ${page.events.length}` : ""} · `, apply),
      el("div", { id: "drill-events" }, page.events.map((e) => eventCard(e, openDocument))));
  });
}

async function openEvent(row) {
  openDrawer(el("p", { class: "muted" }, "loading the event…"));
  await guarded(async () => {
    const event = await getJSON(`/events/${encodeURIComponent(row.event_id)}`);  // with its history
    state.event = event.event_id;
    toURL(true);
    const rows = [["event", event.event_id], ["document", event.doc_id], ["pattern", event.pattern],
      ["method", event.method], ["coder", event.coder_version], ["articles", event.num_articles]];
    const fix = el("div", { id: "fix" });
    const mark = writable && !event.replaced ? el("button", { type: "button", id: "mark-wrong", onclick: () => {
      mark.hidden = true;
      fix.replaceChildren(correctionForm(event, codes, () => { refresh(); openDocument(event.doc_id); }));
    } }, "Mark this event wrong…") : null;
    openDrawer(el("h2", {}, "Event"), eventCard(event, openDocument), eventBefore(event),
      el("table", { class: "facts" }, rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v ?? "")))),
      mark, fix);
  });
}

async function openDocument(docId, eventId) {
  await guarded(async () => {
    const doc = await getJSON(`/documents/${encodeURIComponent(docId)}`);
    state.doc = docId;
    state.event = eventId || null;
    toURL(true);
    const body = el("div", { id: "reader" });
    openDrawer(body);
    renderDocument(body, doc, eventId);
    const changes = historyView(doc.history, openDocument);
    if (changes) body.append(changes);
    if (writable) body.append(actorNameForm(doc, () => { refresh(); openDocument(docId); }));
  });
}

// A shared link that names a document or an event opens it again.
function reopen() {
  if (state.doc) openDocument(state.doc, state.event);
  else if (state.event) openEvent({ event_id: state.event });
  else $("drawer").hidden = true;
}

// -- autocomplete ----------------------------------------------------------------------------
function autocomplete(input, list, level) {
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => guarded(async () => {
      const q = input.value.split(",").pop().trim();
      if (!q) return;
      const data = await getJSON("/actors", { q, level, limit: 15 });
      const head = input.value.includes(",") ? input.value.slice(0, input.value.lastIndexOf(",") + 1) : "";
      list.replaceChildren(...data.actors.map((a) => el("option", { value: head + a.code },
        `${a.name || a.code} · ${a.events} events`)));
    }), 200);
  });
}

// -- code a text -------------------------------------------------------------------------------
async function codeText(event) {
  event.preventDefault();
  const text = $("code-text").value;
  if (!text.trim()) return;
  $("code-status").textContent = "coding… (the first text loads the coder, a few seconds)";
  $("code-run").disabled = true;
  try {
    const result = await postJSON("/code", { text, date: $("code-date").value || null });
    renderCoded($("code-result"), result);
    $("code-status").textContent = "";
  } catch (error) {
    $("code-status").textContent = "";
    showError(error);
  } finally {
    $("code-run").disabled = false;
  }
}

async function loadCorrections() {
  renderCorrections($("corrections-body"), await getJSON("/corrections"), () => { guarded(loadCorrections); refresh(); });
}

function showTab(tab) {
  state.tab = tab;
  $("tab-explore").hidden = tab !== "explore";
  $("tab-code").hidden = tab !== "code";
  $("tab-corrections").hidden = tab !== "corrections";
  if (tab === "corrections") guarded(loadCorrections);
  for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("active", b.dataset.tab === tab);
}

// -- start ------------------------------------------------------------------------------------
async function start() {
  state = fromURL();
  const [ontology, health] = await Promise.all([getJSON("/codes"), getJSON("/health")]);
  codes = ontology.codes;
  writable = health.writes_enabled;
  $("token").value = getToken();
  $("token").hidden = !writable;
  $("token").addEventListener("change", () => setToken($("token").value.trim()));
  for (const r of ontology.roots) $("f-root").append(el("option", { value: r.code }, `${r.code} ${r.name}`));
  for (const p of ontology.plover) $("f-plover").append(el("option", { value: p }, p));
  $("store-info").textContent = `${health.store} · ${health.documents} documents · ${health.events} events` +
    (health.first_date ? ` · ${health.first_date} – ${health.last_date}` : "");
  $("code-date").value = new Date().toISOString().slice(0, 10);
  stateToForm();
  showTab(state.tab);

  $("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    formToState();
    state.offset = 0;
    toURL(true);
    refresh();
  });
  for (const id of ["f-root", "f-plover", "f-by", "f-level", "f-from", "f-to"]) {
    $(id).addEventListener("change", () => $("filters").requestSubmit());
  }
  for (const box of document.querySelectorAll("#f-quads input")) {
    box.addEventListener("change", () => $("filters").requestSubmit());
  }
  $("reset").addEventListener("click", () => {
    state = { ...state, filters: {}, offset: 0 };
    stateToForm();
    toURL(true);
    refresh();
  });
  $("copy-link").addEventListener("click", () => guarded(() => navigator.clipboard.writeText(window.location.href)));
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); toURL(false); guarded(loadTable); });
  $("next").addEventListener("click", () => { state.offset += PAGE; toURL(false); guarded(loadTable); });
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      state.sort = state.sort === key ? `-${key}` : key;
      state.offset = 0;
      toURL(false);
      guarded(loadTable);
    });
  }
  for (const [id, key] of [["a-weeks", "weeks"], ["a-change", "change"], ["a-floor", "floor"]]) {
    $(id).addEventListener("change", () => { state[key] = $(id).value; toURL(false); guarded(loadAlerts); });
  }
  $("alert-form").addEventListener("submit", (ev) => ev.preventDefault());
  $("drawer-close").addEventListener("click", closeDrawer);
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !$("drawer").hidden) closeDrawer(); });
  for (const b of document.querySelectorAll(".tabs button")) {
    b.addEventListener("click", () => { showTab(b.dataset.tab); toURL(true); });
  }
  $("code-form").addEventListener("submit", codeText);
  autocomplete($("f-source"), $("dl-actors"), "actor");
  autocomplete($("f-target"), $("dl-actors"), "actor");
  autocomplete($("f-actor"), $("dl-actors"), "actor");
  autocomplete($("f-country"), $("dl-countries"), "country");
  window.addEventListener("popstate", () => {
    state = fromURL();
    stateToForm();
    showTab(state.tab);
    reopen();
    refresh();
  });
  reopen();
  await refresh();
}

start().catch(showError);
