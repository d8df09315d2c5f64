/**
 * Clustering on every dev set with options given as JSON on the command line (several = several rows), beside the
 * plain baseline: `node --import tsx scripts/cluster-grid.ts '{}' '{"threshold":0.2}'`. For exploring; the eval
 * prints the figures that count.
 */
import { clusterInMemory, type ClusterOptions } from '../src/cluster/index.ts';
import { bcubed, loadClusterSets, plainBaseline } from '../eval/clustering-sets.ts';

const only = process.env.SETS?.split(',');
const sets = loadClusterSets().filter((s) => !only || only.includes(s.name));
const rows: Array<[string, (s: (typeof sets)[number]) => Map<string, string>]> = process.env.NOBASE
  ? []
  : [['baseline', (s) => plainBaseline(s.articles)]];
for (const arg of process.argv.slice(2).length ? process.argv.slice(2) : ['{}']) {
  const o = JSON.parse(arg) as ClusterOptions;
  rows.push([arg, (s) => clusterInMemory(s.articles, o)]);
}
console.log(['options'.padEnd(70), ...sets.map((s) => s.name.padStart(16))].join(' '));
for (const [name, fn] of rows) {
  const t0 = performance.now();
  const cells = sets.map((s) => {
    const sc = bcubed(fn(s), s.gold);
    return `${sc.f.toFixed(3)} ${sc.p.toFixed(2)}/${sc.r.toFixed(2)}`.padStart(16);
  });
  console.log([name.replace(/"/g, '').slice(0, 70).padEnd(70), ...cells].join(' '), `${((performance.now() - t0) / 1000).toFixed(1)}s`);
}
