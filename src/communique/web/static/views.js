// Building the dashboard's pieces from API answers. Text from the store is only ever set as
// text (textContent), never parsed as HTML.
import { highlight, sentenceOf, spansOf } from "./highlight.js";

export const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
  4: "material conflict" };

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function actorText(actor) {
  return actor ? actor.code : "—";
}

export function eventSummary(event) {
  return `${event.date} · ${actorText(event.source)} → ${actorText(event.target)} · ` +
    `${event.cameo} ${event.cameo_name || ""} · ${QUADS[event.quad_class] || ""}, Goldstein ${event.goldstein}`;
}

// One event: what was coded, its sentence with source, verb and target marked, its document.
export function eventCard(event, openDocument) {
  const meta = [event.title, event.publisher, event.num_articles > 1 ? `${event.num_articles} copies` : null]
    .filter(Boolean).join(" · ");
  return el("article", { class: "event-card", dataset: { eventId: event.event_id } },
    el("div", { class: "event-line" }, eventSummary(event)),
    el("blockquote", { class: "sentence" }, sentenceOf(event)),
    el("div", { class: "event-meta muted" }, meta,
      openDocument ? el("button", { type: "button", class: "link open-doc",
        onclick: () => openDocument(event.doc_id, event.event_id) }, "Open the document ›") : null));
}

export function renderTable(tbody, events, onRow) {
  tbody.replaceChildren(...events.map((e) => el("tr", {
    tabindex: 0, dataset: { eventId: e.event_id }, onclick: () => onRow(e),
    onkeydown: (ev) => { if (ev.key === "Enter") onRow(e); },
  },
  el("td", {}, e.date),
  el("td", { title: e.source ? e.source.name : "" }, actorText(e.source)),
  el("td", { title: e.target ? e.target.name : "" }, actorText(e.target)),
  el("td", { title: e.cameo_name || "" }, `${e.cameo} ${e.cameo_name || ""}`),
  el("td", { class: `quad q${e.quad_class}` }, QUADS[e.quad_class] || ""),
  el("td", { class: "num" }, e.goldstein),
  el("td", {}, e.plover && e.plover.event ? e.plover.event : ""),
  el("td", { class: "sentence-cell" }, e.sentence || ""))));
}

function percent(change) {
  if (change === null || change === undefined) return "new";
  return `${change > 0 ? "+" : ""}${Math.round(change * 100)} %`;
}

export function renderAlerts(list, windows, data, onPick) {
  windows.textContent = data.recent
    ? `${data.recent.start} – ${data.recent.end} against ${data.previous.start} – ${data.previous.end}: ` +
      `${data.alerts.length} alerts among ${data.series} series (${data.quiet} too quiet to judge)`
    : "no events under these filters";
  list.replaceChildren(...data.alerts.map((a) => {
    const who = a.kind === "dyad" ? `${a.key[0]} → ${a.key[1]}` : a.key[0];
    const up = a.recent >= a.previous;
    const gold = a.goldstein_change === null ? "" :
      ` · Goldstein ${a.goldstein_previous.toFixed(1)} → ${a.goldstein_recent.toFixed(1)}`;
    return el("li", { class: `alert ${up ? "up" : "down"}`, tabindex: 0, onclick: () => onPick(a),
      dataset: { kind: a.kind, key: a.key.join(">") } },
    el("span", { class: "arrow" }, up ? "▲" : "▼"), el("strong", {}, who),
    ` ${a.previous} → ${a.recent} events (${percent(a.change)})${gold} `,
    ...a.reasons.map((r) => el("span", { class: `badge ${r}` }, r.replace("_", " "))));
  }));
}

function legend() {
  return el("p", { class: "legend" }, el("mark", { class: "hl hl-source" }, "source"), " ",
    el("mark", { class: "hl hl-verb" }, "verb"), " ", el("mark", { class: "hl hl-target" }, "target"), " ",
    el("mark", { class: "hl hl-location" }, "location"),
    el("span", { class: "muted" }, " — hover a highlight for its codes"));
}

function eventList(events, onPick) {
  return el("ol", { class: "doc-events" }, events.map((e) => el("li", {
    tabindex: 0, dataset: { eventId: e.event_id }, onclick: () => onPick(e.event_id),
  }, eventSummary(e))));
}

function flash(container, eventId) {
  const marks = container.querySelectorAll("mark[data-spans]");
  let first = null;
  for (const mark of marks) {
    const on = mark.dataset.spans.split(" ").some((k) => k.startsWith(`${eventId}:`));
    mark.classList.toggle("focus", on);
    if (on && !first) first = mark;
  }
  if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
}

// The document reader: metadata, duplicate group, the text with every event's spans marked.
export function renderDocument(container, doc, focusEvent) {
  const text = el("div", { class: "doc-text", id: "doc-text" }, highlight(doc.text, spansOf(doc.events)));
  const group = doc.group;
  const copies = group.num_articles > 1
    ? `one of ${group.num_articles} copies (${group.num_sources} publishers) in group ${group.group_id}` +
      (group.head ? ", the one that was coded" : `; coded as ${group.group_id}`)
    : "no near-duplicates";
  const link = /^https?:\/\//i.test(doc.url || "")
    ? el("p", {}, el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, doc.url)) : null;
  container.replaceChildren(...[
    el("h2", { id: "doc-title" }, doc.title || doc.doc_id),
    el("p", { class: "muted" }, [doc.date, doc.source, doc.doc_id, copies].filter(Boolean).join(" · ")),
    link, legend(), text,
    el("h3", {}, `${doc.events.length} event${doc.events.length === 1 ? "" : "s"}`),
    eventList(doc.events, (id) => flash(text, id))].filter(Boolean));
  if (focusEvent) flash(text, focusEvent);
}

// The answer of POST /code: the pasted text with its events marked, then the events.
export function renderCoded(container, result) {
  const text = el("div", { class: "doc-text", id: "coded-text" }, highlight(result.text, spansOf(result.events)));
  container.replaceChildren(
    el("p", { class: "muted" }, `${result.events.length} events in ${result.sentences} sentences ` +
      `(${result.coder_version}, ${result.seconds} s)`),
    legend(), text, eventList(result.events, (id) => flash(text, id)));
}
