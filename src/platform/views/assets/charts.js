// Progressive enhancement: draws a bar chart above each figure table marked data-congso-chart. The table stays, so
// the figures remain readable by screen readers and without scripts.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const palette = ['#0f4c81', '#b7312c', '#00703c', '#f47738'];

for (const table of document.querySelectorAll('table[data-congso-chart]')) {
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  const rows = [...table.querySelectorAll('tbody tr')];
  const labels = rows.map((r) => r.querySelector('th').textContent.trim());
  const datasets = headers.slice(1).map((label, i) => ({
    label,
    backgroundColor: palette[i % palette.length],
    data: rows.map((r) => Number(r.querySelectorAll('td')[i].getAttribute('data-value'))),
  }));
  const figure = document.createElement('div');
  figure.className = 'congso-chart';
  const canvas = document.createElement('canvas');
  // The chart repeats the table beside it; assistive technology reads the table.
  canvas.setAttribute('aria-hidden', 'true');
  figure.appendChild(canvas);
  table.closest('[role="region"]').before(figure);
  new Chart(canvas, { type: 'bar', data: { labels, datasets }, options: { responsive: true, maintainAspectRatio: false, animation: false } });
}
