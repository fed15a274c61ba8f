/**
 * Phases of a callee observed at run time, from the same knowledge base the static analysis uses.
 * Runtime names are the defining module's (`sklearn.linear_model._base.LinearRegression.fit`,
 * `pandas.core.frame.DataFrame.dropna`); the knowledge base speaks the public names, so private
 * module segments are dropped and the package root is tried with the qualified name.
 */
import { getKnowledgeBase } from '../static/index.js';
import type { RuntimePhases } from './run-analyzer.js';

const PSEUDO: Record<string, string> = { plot: 'visualization', display: 'data_exploration' };

export function knowledgeRuntimePhases(): RuntimePhases {
  const kb = getKnowledgeBase();
  const memo = new Map<string, string[]>();
  return (module, qualname) => {
    const key = `${module}:${qualname}`;
    const cached = memo.get(key);
    if (cached) return cached;
    const parts = module.split('.').filter(Boolean);
    const candidates = [
      `${module}.${qualname}`,
      `${parts.filter((p) => !p.startsWith('_')).join('.')}.${qualname}`,
      `${parts[0]}.${qualname}`,
    ];
    // Sub-packages that re-export (sklearn.linear_model._base -> sklearn.linear_model).
    for (let i = parts.length - 1; i > 1; i--) candidates.push(`${parts.slice(0, i).join('.')}.${qualname}`);
    let phases: string[] = [];
    for (const candidate of candidates) {
      const hit = kb.lookup(candidate);
      if (hit && hit.spec.phases.length > 0) {
        phases = hit.spec.phases.map((p) => PSEUDO[p] ?? p);
        break;
      }
    }
    memo.set(key, phases);
    return phases;
  };
}
