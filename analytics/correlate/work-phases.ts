/**
 * What the code objects of a run do, for the phase timeline's work inside statements (timeline.ts
 * TimelineBuilder.enter): a user function takes the phase of its body when the static analysis gives
 * it exactly one (`def load_data(): return pd.read_csv(...)`), a library callee the phase the
 * knowledge base gives it at run time. A function of several phases (`main()`) has none of its own:
 * its callees say what its time was for.
 */

/** A function as the static analysis of its file describes it. */
export interface FunctionPhases {
  readonly name: string;
  readonly start_line: number;
  readonly phases: readonly string[];
}

export interface CodeObject {
  readonly codeId: number;
  readonly file: string | null;
  readonly qualname: string | null;
  readonly firstLine: number | null;
  readonly isUser: boolean;
  readonly module: string | null;
}

export type CodeWork = { readonly kind: 'user'; readonly phase: string | undefined } | { readonly kind: 'library'; readonly phase: string };

// Phases that say nothing about a function's purpose (a helper that also prints or imports).
const UNINFORMATIVE = new Set(['other', 'setup']);

export function workOfCode(
  code: CodeObject,
  functionsByFile: ReadonlyMap<string, readonly FunctionPhases[]>,
  runtimePhases: (module: string, qualname: string) => string[],
): CodeWork | undefined {
  const qualname = code.qualname ?? '';
  if (!code.isUser) {
    const phase = runtimePhases(code.module ?? '', qualname).find((p) => !UNINFORMATIVE.has(p));
    return phase ? { kind: 'library', phase } : undefined;
  }
  if (qualname === '<module>' || !code.file) return undefined;
  const fn = functionAt(functionsByFile.get(code.file) ?? [], qualname.split('.').pop()!, code.firstLine ?? 0);
  const phases = new Set((fn?.phases ?? []).filter((p) => !UNINFORMATIVE.has(p)));
  return { kind: 'user', phase: phases.size === 1 ? [...phases][0] : undefined };
}

/** The function named `name` whose definition is nearest its code object's first line (decorators come first). */
function functionAt(functions: readonly FunctionPhases[], name: string, firstLine: number): FunctionPhases | undefined {
  let best: FunctionPhases | undefined;
  for (const f of functions) {
    if (f.name !== name && !f.name.endsWith(`.${name}`)) continue;
    if (!best || Math.abs(f.start_line - firstLine) < Math.abs(best.start_line - firstLine)) best = f;
  }
  return best;
}
