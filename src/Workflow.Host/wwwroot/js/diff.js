// A line diff of two texts (longest common subsequence), for comparing two versions of a pipeline definition.

/** The most cells the table may have; beyond it the diff shows every line removed and added (still correct). */
const MAX_CELLS = 4_000_000;

/**
 * Returns [{ op, text }] where op is ' ' (in both), '-' (only in `before`) or '+' (only in `after`), in reading
 * order: removals before the additions that replace them.
 */
export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map(text => ({ op: '-', text })), ...b.map(text => ({ op: '+', text }))];
  }
  // lcs[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push({ op: ' ', text: a[i] }); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ op: '-', text: a[i++] });
    else out.push({ op: '+', text: b[j++] });
  }
  while (i < a.length) out.push({ op: '-', text: a[i++] });
  while (j < b.length) out.push({ op: '+', text: b[j++] });
  return out;
}

/**
 * Keeps `context` unchanged lines around each change and folds longer unchanged runs into one
 * { op: '…', count } entry, so a small change in a long definition shows as a few lines.
 */
export function foldUnchanged(lines, context = 3) {
  const near = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) near[k] = true;
  });
  const out = [];
  let folded = 0;
  lines.forEach((l, i) => {
    if (near[i]) {
      if (folded) out.push({ op: '…', count: folded });
      folded = 0;
      out.push(l);
    } else {
      folded++;
    }
  });
  if (folded) out.push({ op: '…', count: folded });
  return out;
}
