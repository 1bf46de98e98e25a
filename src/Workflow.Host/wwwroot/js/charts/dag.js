// Draws a run's DAG as SVG: nodes coloured by status, the critical path outlined, edges as curves.

import { s } from '../dom.js';
import { layoutDag } from './dag-layout.js';
import { formatDuration } from '../format.js';

function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Tasks that ended without running: the API leaves them off the critical path, which passes through them. */
const RAN_NO_TIME = new Set(['skipped', 'cancelled']);

/**
 * The edges joining consecutive steps of the critical path: the direct edge, else the chain through tasks that ran
 * no time (a skipped gate between two steps), which the path passes through without them being on it. Returns a
 * map from "from->to" to whether the edge passes through such a task.
 */
export function criticalEdges(layout, byKey, critical) {
  const onPath = new Set(critical);
  const children = new Map(layout.nodes.map(n => [n.key, []]));
  for (const edge of layout.edges) children.get(edge.from).push(edge.to);
  const passable = key => !onPath.has(key) && RAN_NO_TIME.has(byKey.get(key)?.status) && !byKey.get(key)?.started;
  const edges = new Map();
  critical.slice(1).forEach((to, i) => {
    const from = critical[i];
    if (children.get(from)?.includes(to)) { edges.set(`${from}->${to}`, false); return; }
    const via = new Map([[from, null]]);
    const queue = [from];
    for (let k = 0; k < queue.length && !via.has(to); k++) {
      for (const next of children.get(queue[k]) ?? []) {
        if (!via.has(next) && (next === to || passable(next))) { via.set(next, queue[k]); queue.push(next); }
      }
    }
    for (let at = via.has(to) ? to : null; at !== null && via.get(at) !== null; at = via.get(at)) {
      edges.set(`${via.get(at)}->${at}`, true);
    }
  });
  return edges;
}

/**
 * nodes: [{key, deps, status, started (whether it ran), duration (seconds or null), label}]; critical: the keys of
 * the critical path in order (the API's), outlined with the edges joining consecutive keys (see criticalEdges).
 * Returns the SVG element; clicking a node calls onSelect(key).
 */
export function renderDag(nodes, { selected, onSelect, critical = [] } = {}) {
  const byKey = new Map(nodes.map(n => [n.key, n]));
  const layout = layoutDag(nodes);
  const onPath = new Set(critical);
  const pathEdges = criticalEdges(layout, byKey, critical);
  for (const node of layout.nodes) node.critical = onPath.has(node.key);
  for (const edge of layout.edges) {
    edge.critical = pathEdges.has(`${edge.from}->${edge.to}`);
    edge.passing = pathEdges.get(`${edge.from}->${edge.to}`) === true;
  }
  const { nodeWidth: w, nodeHeight: hgt } = layout;
  const pos = new Map(layout.nodes.map(n => [n.key, n]));

  const svg = s('svg', {
    class: 'dag', role: 'img', 'aria-label': `Task graph, ${nodes.length} tasks`,
    viewBox: `0 0 ${Math.max(layout.width, 200)} ${Math.max(layout.height, 60)}`,
    width: Math.max(layout.width, 200), height: Math.max(layout.height, 60),
  });
  svg.append(s('defs', {},
    s('marker', { id: 'arrow', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' },
      s('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrow' })),
    s('marker', { id: 'arrow-critical', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' },
      s('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrow critical' }))));

  const edgeLayer = s('g', { class: 'edges' });
  // Critical edges last so they are drawn on top.
  for (const edge of [...layout.edges].sort((a, b) => Number(a.critical) - Number(b.critical))) {
    const a = pos.get(edge.from);
    const b = pos.get(edge.to);
    const x1 = a.x + w;
    const y1 = a.y + hgt / 2;
    const x2 = b.x - 2;
    const y2 = b.y + hgt / 2;
    const bend = Math.max(24, (x2 - x1) / 2);
    edgeLayer.append(s('path', {
      class: edge.passing ? 'edge critical passing' : edge.critical ? 'edge critical' : 'edge',
      d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
      'marker-end': edge.critical ? 'url(#arrow-critical)' : 'url(#arrow)',
    }));
  }
  svg.append(edgeLayer);

  const nodeLayer = s('g', { class: 'nodes' });
  for (const placed of layout.nodes) {
    const node = byKey.get(placed.key);
    const status = node.status ?? 'pending';
    const classes = ['node', `status-${status}`, placed.critical ? 'critical' : '', selected === node.key ? 'selected' : ''];
    const label = node.label ?? node.key;
    const detail = node.duration !== null && node.duration !== undefined ? formatDuration(node.duration) : '';
    const g = s('g', {
      class: classes.filter(Boolean).join(' '), transform: `translate(${placed.x},${placed.y})`,
      tabindex: 0, role: 'button', 'data-task': node.key, 'data-status': status,
      'data-critical': placed.critical ? 'true' : 'false',
      'aria-label': `${label}: ${status}${detail ? `, ${detail}` : ''}${placed.critical ? ', on the critical path' : ''}`,
      onclick: () => onSelect?.(node.key),
      onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect?.(node.key); } },
    },
    s('title', {}, `${label}\n${status}${detail ? ` · ${detail}` : ''}${placed.critical ? '\ncritical path' : ''}`),
    s('rect', { class: 'node-box', width: w, height: hgt, rx: 6 }),
    s('rect', { class: 'node-stripe', width: 5, height: hgt, rx: 2 }),
    s('text', { class: 'node-label', x: 14, y: 16 }, truncate(label, 21)),
    s('text', { class: 'node-detail', x: 14, y: 31 }, `${status.replace('-', ' ')}${detail ? ` · ${detail}` : ''}`));
    nodeLayer.append(g);
  }
  svg.append(nodeLayer);
  return { svg, layout };
}
