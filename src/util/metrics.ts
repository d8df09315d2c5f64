/**
 * Process counters for /metrics, and the Prometheus text format (version 0.0.4). No I/O: the server renders them
 * beside the figures it reads from the store (which hold across every process sharing the store).
 */

export type Labels = Record<string, string>;

export interface Sample {
  name: string;
  labels?: Labels;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: Sample[];
}

function labelKey(labels: Labels | undefined): string {
  return JSON.stringify(Object.entries(labels ?? {}).sort(([a], [b]) => a.localeCompare(b)));
}

/** Counters by name and label set. */
export class Counters {
  private values = new Map<string, Map<string, { labels: Labels; value: number }>>();

  inc(name: string, labels: Labels = {}, by = 1): void {
    let byLabels = this.values.get(name);
    if (!byLabels) this.values.set(name, (byLabels = new Map()));
    const k = labelKey(labels);
    const cur = byLabels.get(k);
    if (cur) cur.value += by;
    else byLabels.set(k, { labels: { ...labels }, value: by });
  }

  samples(name: string): Sample[] {
    return [...(this.values.get(name)?.values() ?? [])].map((v) => ({ name, labels: v.labels, value: v.value }));
  }

  reset(): void {
    this.values.clear();
  }
}

/** This process's counters (fetch failures by code, report rebuilds, jobs). */
export const metrics = new Counters();

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatSample(s: Sample): string {
  const entries = Object.entries(s.labels ?? {});
  const labels = entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
  return `${s.name}${labels} ${Number.isFinite(s.value) ? String(s.value) : '0'}`;
}

/** The Prometheus text exposition of these families. */
export function renderPrometheus(families: MetricFamily[]): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
    out.push(`# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) out.push(formatSample(s));
  }
  return out.join('\n') + '\n';
}
