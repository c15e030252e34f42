// Line charts of metric histories with chart.js (loaded as a classic script: window.Chart).
// The API's history endpoint downsamples with LTTB, so a chart never draws more than maxPoints per series.

const palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

export const maxPoints = 1000;

export function color(index) {
  return palette[index % palette.length];
}

export async function fetchHistory(runId, key) {
  const url = `/api/runs/${encodeURIComponent(runId)}/metrics/history?key=${encodeURIComponent(key)}&maxPoints=${maxPoints}`;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${url}: ${response.status}`);
  }
  const history = await response.json();
  // Values may be "NaN"/"Infinity" strings; chart.js skips nulls.
  return history.steps.map((step, i) => {
    const y = Number(history.values[i]);
    return { x: step, y: Number.isFinite(y) ? y : null };
  });
}

export function createChart(canvas, datasets) {
  // A responsive chart takes its box's height; a box sized by its content (no stylesheet) grows with every resize,
  // so the box gets a fixed height here whatever the CSS says.
  const box = canvas.parentElement;
  if (box && !box.style.height) {
    box.style.height = '240px';
  }
  return new window.Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: false },
      elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'step' } },
        y: { type: 'linear' },
      },
      plugins: { legend: { display: datasets.length > 1 } },
    },
  });
}

export function dataset(label, data, index) {
  return { label, data, borderColor: color(index), backgroundColor: color(index), spanGaps: false };
}
