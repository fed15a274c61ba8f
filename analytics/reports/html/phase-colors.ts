/** One colour per phase of the taxonomy (analytics/static/phases.ts), the same in every chart and legend. */
import { PHASE_NAMES } from '../../static/phases.js';
import { slug } from './escape.js';

const PALETTE = ['#8c959f', '#0969da', '#54aeff', '#bf8700', '#8250df', '#1a7f37', '#cf222e', '#e16f24', '#2da44e', '#a475f9', '#d4a72c', '#6e7781', '#bf3989', '#c9d1d9'];

export function phaseColor(phase: string): string {
  const i = (PHASE_NAMES as readonly string[]).indexOf(phase);
  return i >= 0 ? PALETTE[i % PALETTE.length]! : '#afb8c1';
}

/** `.phase-NAME { fill / background }` rules for the known phases. */
export function phaseColorRules(): string {
  return PHASE_NAMES.map((p) => `.phase-${slug(p)} { fill: ${phaseColor(p)}; background: ${phaseColor(p)}; }`).join('\n');
}
