// The correction loop in the page: mark an event wrong or name a missing actor (a rule in
// the server's corrections file), re-code the documents the rule can touch, and show the
// events before and after. Writing needs the analyst token (kept for this tab only).
import { deleteJSON, postJSON } from "./api.js";
import { el, eventCard } from "./views.js";

const KINDS = [["code", "wrong code"], ["source", "wrong source actor"], ["target", "wrong target actor"],
  ["not_event", "not an event"]];

function field(label, input) {
  return el("label", { class: "field" }, label, input);
}

function ruleText(rule) {
  return JSON.stringify(rule, null, 1).replace(/\n\s*/g, " ");
}

// After a rule is written: what it says and the button that re-codes.
function written(container, answer, onRecoded) {
  const status = el("p", { class: "muted", id: "recode-summary" });
  const button = el("button", { type: "button", id: "apply-now", onclick: () => applyNow(button, status, onRecoded) },
    "Re-code the affected documents now");
  container.replaceChildren(
    el("p", { class: "ok", id: "rule-written" }, `Rule ${answer.rule.id} written to ${answer.file} `,
      `(${answer.pending} rule${answer.pending === 1 ? "" : "s"} not yet applied).`),
    el("pre", { class: "rule" }, ruleText(answer.rule)),
    el("p", { class: "muted" }, "From a shell: ", el("code", {}, answer.command)),
    button, status);
}

export async function applyNow(button, status, onRecoded) {
  button.disabled = true;
  status.textContent = "re-coding… (the first time loads the coder, a few seconds)";
  try {
    const done = await postJSON("/corrections/apply", {});
    status.textContent = `${done.summary}. Re-coded ${done.recoded} documents (${done.events} events) ` +
      `in ${done.seconds} s with ${done.version}.`;
    status.dataset.recoded = String(done.recoded);
    if (onRecoded) onRecoded(done);
  } catch (error) {
    status.textContent = error.message;
    button.disabled = false;
  }
}

// The form under an event: what is wrong with it, and where the rule applies.
export function correctionForm(event, codes, onRecoded) {
  const result = el("div", { class: "correction-result" });
  const kind = el("select", { id: "fix-kind" }, KINDS.map(([v, t]) => el("option", { value: v }, t)));
  const cameo = el("select", { id: "fix-cameo" }, codes.map((c) => el("option", { value: c.code },
    `${c.code} ${c.name}`)));
  cameo.value = event.cameo;
  const actor = el("input", { id: "fix-actor", placeholder: "e.g. KORGOV", size: 10 });
  const name = el("input", { id: "fix-name", placeholder: "name (optional)", size: 18 });
  const words = el("input", { id: "fix-words", value: event.verb.text, size: 40 });
  const anyActors = el("input", { type: "checkbox", id: "fix-any" });
  const note = el("input", { id: "fix-note", placeholder: "why (kept with the rule)", size: 40 });
  const codeRow = field("right CAMEO code", cameo);
  const actorRow = el("span", { class: "row" }, field("right actor code", actor), field("its name", name));
  const sync = () => {
    codeRow.hidden = kind.value !== "code";
    actorRow.hidden = !["source", "target"].includes(kind.value);
  };
  kind.addEventListener("change", sync);
  sync();
  const form = el("form", { class: "correction", id: "fix-form" },
    el("h3", {}, "Mark this event wrong"),
    field("what is wrong", kind), codeRow, actorRow,
    field("for sentences containing (comma-separated phrases)", words),
    el("label", { class: "check" }, anyActors, " whatever the actors (default: only these actors)"),
    field("note", note),
    el("button", { type: "submit", id: "fix-save" }, "Write the rule"), result);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = { kind: kind.value, event_id: event.event_id, any_actors: anyActors.checked,
      words: words.value.split(",").map((w) => w.trim()).filter(Boolean), note: note.value || null };
    if (kind.value === "code") body.code = cameo.value;
    if (["source", "target"].includes(kind.value)) { body.code = actor.value.trim(); body.name = name.value || null; }
    try {
      written(result, await postJSON("/corrections", body), onRecoded);
    } catch (error) {
      result.replaceChildren(el("p", { class: "error-text" }, error.message));
    }
  });
  return form;
}

// Under the document text: words the dictionaries missed, named as an actor.
export function actorNameForm(doc, onRecoded) {
  const result = el("div", { class: "correction-result" });
  const words = el("input", { id: "name-text", placeholder: "words in the text, e.g. Ministry of Unification", size: 40 });
  const code = el("input", { id: "name-code", placeholder: "e.g. KORGOV", size: 10 });
  const form = el("form", { class: "correction", id: "name-form" },
    el("h3", {}, "Add a missing actor name"), field("words", words), field("actor code", code),
    el("button", { type: "submit", id: "name-save" }, "Write the rule"), result);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      written(result, await postJSON("/corrections", { kind: "actor_name", doc_id: doc.doc_id,
        text: words.value, code: code.value }), onRecoded);
    } catch (error) {
      result.replaceChildren(el("p", { class: "error-text" }, error.message));
    }
  });
  return form;
}

// Before and after: the re-codings of a document that changed its events.
export function historyView(history, openDocument) {
  if (!history || !history.length) return null;
  return el("section", { class: "history", id: "doc-history" }, el("h3", {}, "Changes from re-coding"),
    history.map((h) => el("div", { class: "revision", dataset: { revision: h.revision } },
      el("p", { class: "muted" }, `Re-coding ${h.revision}, ${h.changed_at}: ${h.old_version} → ${h.new_version}`),
      el("div", { class: "before-after" },
        el("div", { class: "before" }, el("h4", {}, `before (${h.removed.length})`),
          h.removed.map((e) => eventCard(e, null))),
        el("div", { class: "after" }, el("h4", {}, `after (${h.added.length})`),
          h.added.map((e) => eventCard(e, openDocument)))))));
}

// One event's own before: what the re-coding that brought it in replaced in its sentence.
export function eventBefore(event) {
  if (event.replaced) {
    return el("p", { class: "notice", id: "event-replaced" },
      `This event was replaced by re-coding ${event.replaced.revision} on ${event.replaced.changed_at} ` +
      `(${event.replaced.new_version}); open the document for what it became.`);
  }
  const h = event.history;
  if (!h) return null;
  return el("section", { class: "history", id: "event-before" },
    el("h3", {}, `Before re-coding ${h.revision} (${h.changed_at})`),
    h.before.length ? h.before.map((e) => eventCard(e, null))
      : el("p", { class: "muted" }, "no event in this sentence before"));
}

// The corrections tab: the file's rules, applied or not, and the buttons.
export function renderCorrections(container, listing, reload) {
  const status = el("p", { class: "muted", id: "tab-recode-summary" });
  const apply = el("button", { type: "button", id: "tab-apply", disabled: !listing.pending,
    onclick: () => applyNow(apply, status, reload) }, `Re-code for the ${listing.pending} pending rules`);
  const row = (item) => el("tr", { dataset: { ruleId: item.id } },
    el("td", {}, item.id), el("td", {}, item.kind.replace("_", " ")),
    el("td", { class: "rule-cell" }, item.when ? `${ruleText(item.when)} → ${ruleText(item.then)}`
      : `"${item.name}" → ${item.codes.map((c) => c.code).join(", ")}`),
    el("td", {}, item.note || ""), el("td", {}, item.applied ? "applied" : "pending"),
    el("td", {}, el("button", { type: "button", class: "link", onclick: async () => {
      try { await deleteJSON(`/corrections/${encodeURIComponent(item.id)}`); reload(); } catch (e) { status.textContent = e.message; }
    } }, "remove")));
  const items = [...listing.actors, ...listing.corrections];
  container.replaceChildren(
    el("p", { class: "muted" }, `${items.length} rules in ${listing.file}` +
      (listing.writes_enabled ? "" : " · the server was started without --token: corrections are read-only")),
    items.length ? el("table", { class: "events rules" }, el("thead", {}, el("tr", {},
      ...["id", "kind", "rule", "note", "state", ""].map((h) => el("th", {}, h)))), el("tbody", {}, items.map(row)))
      : el("p", {}, "No corrections yet: open an event and mark it wrong."),
    el("p", { class: "muted" }, "From a shell: ", el("code", {}, listing.command)), apply, status);
}
