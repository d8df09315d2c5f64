/**
 * Score gates: the figures an eval returns are compared with the floors recorded in eval/floors.json, and a figure
 * more than its noise margin below its floor fails `npm run eval` (so CI does not land a regression). Raising a
 * floor is a one-line change in the same commit as the improvement. A figure an eval did not produce (its data set
 * absent on this machine) is skipped, not failed.
 */
import { readFileSync } from 'node:fs';

/** name ("<eval>.<figure>") -> value */
export type Figures = Record<string, number>;

export interface Floor {
  floor: number;
  /** How far below the floor run-to-run noise may take the figure (0 for a deterministic one). */
  margin: number;
  /** Higher is better (default) or lower is better (a ceiling: rates of errors, times). */
  lowerIsBetter?: boolean;
}

export interface GateFailure {
  name: string;
  value: number;
  floor: Floor;
}

export function loadFloors(file: string): Record<string, Floor> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const out: Record<string, Floor> = {};
  for (const [name, v] of Object.entries(raw)) {
    if (name.startsWith('$')) continue;
    const f = v as Partial<Floor>;
    if (typeof f.floor !== 'number' || typeof f.margin !== 'number' || f.margin < 0)
      throw new Error(`${file}: ${name}: needs a numeric floor and a margin >= 0`);
    out[name] = { floor: f.floor, margin: f.margin, lowerIsBetter: f.lowerIsBetter === true };
  }
  return out;
}

/** The figures beyond their floor's margin (NaN counts as a failure); figures without a floor and floors without a figure are not judged. */
export function checkFloors(figures: Figures, floors: Record<string, Floor>): GateFailure[] {
  const out: GateFailure[] = [];
  for (const [name, floor] of Object.entries(floors)) {
    if (!(name in figures)) continue;
    const value = figures[name];
    const bad = floor.lowerIsBetter ? !(value <= floor.floor + floor.margin) : !(value >= floor.floor - floor.margin);
    if (bad) out.push({ name, value, floor });
  }
  return out;
}
