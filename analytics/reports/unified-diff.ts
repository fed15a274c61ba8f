/** A unified diff of two texts, for code changes between runs without git: the `diff` package's hunks in labtrace's format. */
import { structuredPatch } from 'diff';

/**
 * `--- nameA` / `+++ nameB` headers, then `@@ -a,n +b,m @@` hunks with `context` lines around changes; '' when the texts
 * are the same. Lines are the texts split on '\n' (a final newline leaves an empty last line), so a missing final
 * newline never needs a "\ No newline at end of file" marker.
 */
export function unifiedDiff(before: string, after: string, nameA: string, nameB: string, context = 3): string {
  if (before === after) return '';
  // The package counts a line as ending in '\n': one more newline on each side gives it exactly before.split('\n').
  const patch = structuredPatch(nameA, nameB, `${before}\n`, `${after}\n`, undefined, undefined, { context });
  if (patch.hunks.length === 0) return '';
  const out = [`--- ${nameA}`, `+++ ${nameB}`];
  for (const h of patch.hunks) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines);
  }
  return out.join('\n') + '\n';
}
