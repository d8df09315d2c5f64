/**
 * The shape of a figure found in text and the interval its qualifier allows: what the English reader
 * (quantities.ts) and the other languages' reader (quantities-locale.ts) share, so neither imports the other.
 */

export interface Quantity {
  /** the quantity as written, e.g. "more than 40 containers" */
  text: string;
  /** the number as written, e.g. "60" */
  number: string;
  value: number;
  lo: number;
  hi: number;
  qualifier: string | null;
  percent: boolean;
  /** stems of the counted noun phrase (and its of-complement): ["crate", "vaccin"] */
  nouns: string[];
  /** where `nouns` come from: the counted phrase after the figure, or the words before it */
  nounsFrom: 'after' | 'before';
  /** the counted noun phrase as written, e.g. "crates of Indian vaccines" */
  phrase: string;
  start: number;
  end: number;
}

/** How far from its figure a bound reaches: "more than N" covers N–1.25N, "up to N" 0.8N–N. */
export const BOUND_SPAN = 1.25;

export function interval(value: number, qualifier: string | null, vague: [number, number] | undefined, percent: boolean): [number, number] {
  if (vague) return vague;
  const step = Number.isInteger(value) && !percent ? 1 : Math.max(value * 1e-6, 1e-9);
  switch (qualifier) {
    // a bound is written near the figure it bounds: "more than 60" is not 600
    case 'more than':
      return [value + step, Math.max(value + step, value * BOUND_SPAN)];
    case 'at least':
      return [value, value * BOUND_SPAN];
    case 'fewer than':
      return [Math.min(value - step, value / BOUND_SPAN), value - step];
    case 'up to':
      return [value / BOUND_SPAN, value];
    case 'nearly':
      return [value * 0.9, value];
    case 'about':
      return [value * 0.9, value * 1.1];
    default:
      return [value, value];
  }
}
