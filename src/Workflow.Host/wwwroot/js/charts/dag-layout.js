// Pure graph code for the DAG view: topological order, longest-path layering and crossing reduction. No DOM
// here, so the browser tests can import and check it directly. The critical path is the API's
// (GET /api/runs/{runId}/critical-path), not computed here.

/**
 * Normalises nodes given as [{key, deps: [key...]}]: drops unknown and duplicate dependencies and builds the
 * parent and child lists.
 */
export function graphOf(nodes) {
  const keys = new Set(nodes.map(n => n.key));
  const parents = new Map();
  const children = new Map(nodes.map(n => [n.key, []]));
  for (const node of nodes) {
    const deps = [...new Set(node.deps ?? [])].filter(d => keys.has(d) && d !== node.key);
    parents.set(node.key, deps);
    for (const dep of deps) children.get(dep).push(node.key);
  }
  return { keys: nodes.map(n => n.key), parents, children };
}

/**
 * Kahn's algorithm, stable in the input order. Nodes caught in a cycle (a definition the API should have
 * rejected) come last, in input order, so the page still draws something.
 */
export function topologicalOrder(graph) {
  const indegree = new Map(graph.keys.map(k => [k, graph.parents.get(k).length]));
  const queue = graph.keys.filter(k => indegree.get(k) === 0);
  const order = [];
  for (let i = 0; i < queue.length; i++) {
    const key = queue[i];
    order.push(key);
    for (const child of graph.children.get(key)) {
      indegree.set(child, indegree.get(child) - 1);
      if (indegree.get(child) === 0) queue.push(child);
    }
  }
  if (order.length < graph.keys.length) {
    const placed = new Set(order);
    order.push(...graph.keys.filter(k => !placed.has(k)));
  }
  return order;
}

/** Longest-path layering: sources are layer 0, every other node sits one layer right of its deepest parent. */
export function assignLayers(graph, order = topologicalOrder(graph)) {
  const layer = new Map();
  for (const key of order) {
    let depth = 0;
    for (const parent of graph.parents.get(key)) {
      if (layer.has(parent)) depth = Math.max(depth, layer.get(parent) + 1);
    }
    layer.set(key, depth);
  }
  return layer;
}

/**
 * Groups nodes by layer and orders each layer by the barycentre of its neighbours in the previous layer, then
 * the next one, a few sweeps down and up: a simple heuristic that removes most edge crossings.
 */
export function orderLayers(graph, layer, sweeps = 4) {
  const count = Math.max(-1, ...layer.values()) + 1;
  const rows = Array.from({ length: count }, () => []);
  for (const key of graph.keys) rows[layer.get(key)].push(key);
  const position = new Map();
  const index = () => rows.forEach(row => row.forEach((key, i) => position.set(key, i)));
  index();
  const sortBy = (row, neighbours) => {
    const centre = new Map(row.map((key, i) => {
      const ns = neighbours(key).filter(n => position.has(n));
      return [key, ns.length ? ns.reduce((sum, n) => sum + position.get(n), 0) / ns.length : i];
    }));
    row.sort((a, b) => centre.get(a) - centre.get(b) || position.get(a) - position.get(b));
  };
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let l = 1; l < count; l++) { sortBy(rows[l], k => graph.parents.get(k)); index(); }
    for (let l = count - 2; l >= 0; l--) { sortBy(rows[l], k => graph.children.get(k)); index(); }
  }
  return rows;
}

/**
 * Places nodes left to right by layer. Returns node positions (x, y of the top-left corner), the edges and the
 * overall size.
 */
export function layoutDag(nodes, size = {}) {
  const { nodeWidth = 168, nodeHeight = 40, columnGap = 56, rowGap = 14, margin = 16 } = size;
  const graph = graphOf(nodes);
  const order = topologicalOrder(graph);
  const layer = assignLayers(graph, order);
  const rows = orderLayers(graph, layer);
  const tallest = Math.max(0, ...rows.map(r => r.length));
  const height = margin * 2 + tallest * nodeHeight + Math.max(0, tallest - 1) * rowGap;
  const placed = new Map();
  rows.forEach((row, l) => {
    const columnHeight = row.length * nodeHeight + Math.max(0, row.length - 1) * rowGap;
    const top = (height - columnHeight) / 2;
    row.forEach((key, i) => placed.set(key, {
      key, layer: l,
      x: margin + l * (nodeWidth + columnGap),
      y: top + i * (nodeHeight + rowGap),
    }));
  });
  const edges = [];
  for (const key of graph.keys) {
    for (const parent of graph.parents.get(key)) {
      edges.push({ from: parent, to: key });
    }
  }
  return {
    nodes: graph.keys.map(k => placed.get(k)),
    edges,
    width: margin * 2 + rows.length * nodeWidth + Math.max(0, rows.length - 1) * columnGap,
    height,
    nodeWidth,
    nodeHeight,
  };
}
