// A tiny line of recent run durations, so a slowdown is visible at a glance in the pipeline list.

import { s } from '../dom.js';
import { formatDuration } from '../format.js';

export function renderSparkline(values, { width = 96, height = 24 } = {}) {
  const data = (values ?? []).filter(v => typeof v === 'number' && Number.isFinite(v));
  const svg = s('svg', { class: 'sparkline', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  if (data.length === 0) {
    svg.setAttribute('aria-label', 'no finished runs yet');
    svg.append(s('line', { class: 'spark-empty', x1: 2, x2: width - 2, y1: height / 2, y2: height / 2 }));
    return svg;
  }
  const max = Math.max(...data);
  const min = Math.min(...data);
  const range = max - min || 1;
  const px = i => (data.length === 1 ? width / 2 : 2 + (i * (width - 4)) / (data.length - 1));
  const py = v => height - 3 - ((v - min) / range) * (height - 6);
  const points = data.map((v, i) => `${px(i).toFixed(1)},${py(v).toFixed(1)}`).join(' ');
  const last = data.at(-1);
  svg.setAttribute('aria-label', `recent durations, last ${formatDuration(last)}, longest ${formatDuration(max)}`);
  svg.append(s('title', {}, `last ${data.length} runs: ${data.map(formatDuration).join(', ')}`));
  svg.append(s('polyline', { class: 'spark-line', points }));
  svg.append(s('circle', { class: 'spark-last', cx: px(data.length - 1), cy: py(last), r: 2.5 }));
  return svg;
}
