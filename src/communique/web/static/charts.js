// Drawing the server's Vega-Lite specs with vega-embed (served by the app from
// vl-convert-python's bundle) and turning a click on a mark into a drill-down.
const views = new WeakMap();

export async function showChart(container, spec, onClick) {
  const old = views.get(container);
  if (old) old.finalize();
  // ast: expressions are interpreted, not compiled, so the page needs no 'unsafe-eval'
  const result = await window.vegaEmbed(container, spec, { actions: false, ast: true, renderer: "svg" });
  views.set(container, result);
  result.view.addEventListener("click", (event, item) => {
    if (item && item.datum) onClick(item.datum);
  });
  return result;
}
