/**
 * Summarise a V8 CPU profile (from `npm run bench -- --only <id> --cpu-prof <dir>`): the functions
 * with the most self time, and with the most total (inclusive) time.
 * Usage: node --import tsx bench/lib/cpuprofile-top.ts <file.cpuprofile> [N]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, nArg] = process.argv.slice(2);
const N = Number(nArg) || 25;
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '')}:${n.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
prof.samples.forEach((id, i) => {
  const dt = (prof.timeDeltas[i] ?? 0) / 1000;
  all += dt;
  const n = byId.get(id)!;
  self.set(label(n), (self.get(label(n)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (!seen.has(l)) {
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  }
});
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${all.toFixed(0)} ms sampled)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, N))
    console.log(`${v.toFixed(1).padStart(9)} ms ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
};
show('self time', self);
show('total time', total);
