// Highlighting an event's source, verb and target in a text from their character spans.
// The store's offsets are Python string indices, i.e. code points; JavaScript strings count
// UTF-16 units, so the text is cut as an array of code points.

const ROLES = ["source", "verb", "target", "location"];

function describe(event, role) {
  const code = `${event.cameo} ${event.cameo_name || ""}`.trim();
  const extra = `QuadClass ${event.quad_class}, Goldstein ${event.goldstein}` +
    (event.plover && event.plover.event ? `, PLOVER ${event.plover.event}` : "");
  if (role === "verb") return `verb of ${code} (${extra})`;
  if (role === "location") {
    const place = event.location;
    return `location ${place.name}${place.country ? `, ${place.country}` : ""} (${place.precision}) of ${code}`;
  }
  const actor = event[role];
  return `${role} ${actor.code}${actor.name ? ` (${actor.name})` : ""} in ${code}`;
}

// The spans of events: [{key, role, start, end, event, label}], offsets into the text.
export function spansOf(events) {
  const out = [];
  for (const event of events) {
    for (const role of ROLES) {
      const span = event[role];
      if (!span || span.start === null || span.start === undefined) continue;
      out.push({ key: `${event.event_id}:${role}`, role, start: span.start, end: span.end, event,
                 label: describe(event, role) });
    }
  }
  return out;
}

// A fragment holding text[from:to] (code points) with every span inside marked. Overlapping
// spans are cut into segments; each <mark> lists the spans it belongs to in data-spans.
export function highlight(text, spans, from = 0, to = null) {
  const chars = Array.from(text);
  const end = to === null ? chars.length : to;
  const cuts = new Set([from, end]);
  const inside = spans.filter((s) => s.start < end && s.end > from && s.start < s.end);
  for (const s of inside) {
    cuts.add(Math.max(from, s.start));
    cuts.add(Math.min(end, s.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = chars.slice(a, b).join("");
    const covering = inside.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) {
      fragment.append(document.createTextNode(piece));
      continue;
    }
    const mark = document.createElement("mark");
    const roles = [...new Set(covering.map((s) => s.role))];
    mark.className = ["hl", ...roles.map((r) => `hl-${r}`)].join(" ");
    mark.dataset.spans = covering.map((s) => s.key).join(" ");
    mark.dataset.start = String(a);
    mark.dataset.end = String(b);
    mark.title = [...new Set(covering.map((s) => s.label))].join("\n");
    mark.textContent = piece;
    fragment.append(mark);
  }
  return fragment;
}

// The event's sentence with its own source, verb and target marked.
export function sentenceOf(event) {
  const start = event.sentence_start || 0;
  const length = Array.from(event.sentence || "").length;
  const spans = spansOf([event]).map((s) => ({ ...s, start: s.start - start, end: s.end - start }));
  return highlight(event.sentence || "", spans, 0, length);
}
