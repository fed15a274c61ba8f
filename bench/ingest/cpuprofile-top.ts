/** Summarizes a V8 .cpuprofile: self time by function (and by file), to see where the daemon's time goes.
 *    node build/bench/ingest/cpuprofile-top.js FILE.cpuprofile [N] */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const [file, nArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpuprofile-top FILE.cpuprofile [N]');
  process.exit(2);
}
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, us] of self) {
  const cf = byId.get(id)!.callFrame;
  const short = cf.url.replace(/^.*\/(node_modules\/[^/]+|build)\//, '$1/').replace(/^file:\/\//, '');
  const key = `${cf.functionName || '(anonymous)'} ${short}:${cf.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + us);
  const fk = short || cf.functionName;
  byFile.set(fk, (byFile.get(fk) ?? 0) + us);
}
const n = Number(nArg ?? 25);
console.log(`total sampled ${(total / 1e6).toFixed(2)} s`);
console.log('self time by function:');
for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
console.log('self time by file:');
for (const [k, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
