// chart.js line charts driven from Blazor (MetricChart.razor): draw() creates a chart for a canvas or updates it.
import { createChart, dataset } from './charts.js';

const charts = new WeakMap();

export function draw(canvas, lines, options) {
  const datasets = lines.map((line, i) => dataset(line.label, line.x.map((x, j) => ({ x, y: line.y[j] })), i));
  let chart = charts.get(canvas);
  if (!chart) {
    chart = createChart(canvas, datasets);
    charts.set(canvas, chart);
  } else {
    chart.data.datasets = datasets;
  }
  chart.options.scales.y.type = options.logY ? 'logarithmic' : 'linear';
  chart.options.plugins.legend.display = datasets.length > 1;
  chart.update('none');

  // Tests and screenshots wait for every chart of a page to be drawn.
  const figure = canvas.closest('figure');
  if (figure) figure.dataset.drawn = 'true';
  const root = canvas.closest('[data-charts-root]');
  if (root && [...root.querySelectorAll('figure.chart')].every(f => f.dataset.drawn === 'true')) {
    root.dataset.chartsReady = 'true';
  }
}

export function dispose(canvas) {
  charts.get(canvas)?.destroy();
  charts.delete(canvas);
}
