/** Imports of the user's own modules (modules.ts): what `import helpers` / `from utils import f` bind. */
import type { KnowledgeBase } from '../knowledge.js';
import { locate, locateIn, ModuleSummaries, type ModuleLocation } from '../modules.js';
import type { Val, UserModule } from './model.js';
import { EMPTY } from './values.js';
import type { Engine } from './engine.js';

/** Summaries of the user's modules, per knowledge base (a module's summary depends on it). */
export const moduleSummaries = new WeakMap<KnowledgeBase, ModuleSummaries<Map<string, Val>>>();
export function summariesFor(kb: KnowledgeBase): ModuleSummaries<Map<string, Val>> {
  let m = moduleSummaries.get(kb);
  if (!m) moduleSummaries.set(kb, (m = new ModuleSummaries()));
  return m;
}

/** Whether a module name belongs to a library the knowledge base knows (never looked for on disk). */
export function isLibrary(an: Engine, dotted: string): boolean {
  const root = dotted.split('.')[0]!;
  return an.kb.roots.has(root) || an.kb.roots.has(an.kb.canonicalize(root).split('.')[0]!);
}

/**
 * The value an import binds when it names one of the user's modules or something defined in one:
 *   import helpers / import pkg.mod as m   → the module
 *   from utils import plot_hist            → the function (or class, or submodule)
 *   import pkg.mod                         → the package pkg
 * Null when nothing local matches (the name stays a library name).
 */
export function localImport(an: Engine, qual: string, alias: string): Val | null {
  if (an.isLibrary(qual)) return null;
  // what this statement binds depends on the files on disk: it is never replayed from a memo
  an.impure = true;
  if (!an.roots) return null;
  const dot = qual.lastIndexOf('.');
  const parent = dot > 0 ? an.moduleVal(qual.slice(0, dot)) : null;
  const member = parent?.umod ? an.memberOf(parent.umod, qual.slice(dot + 1)) : null;
  if (member && (member.fn || member.ucls)) return member;
  const root = qual.split('.')[0]!;
  if (dot > 0 && alias === root) return an.moduleVal(root);
  return an.moduleVal(qual) ?? member;
}

/** The user's module `dotted` found under the search roots, summarised; null if none (or in a cycle). */
export function moduleVal(an: Engine, dotted: string, at?: ModuleLocation | null): Val | null {
  if (!an.roots) return null;
  const loc = at ?? locate(an.roots, dotted);
  if (!loc) return null;
  let members: Map<string, Val> | null = new Map();
  if (loc.file) {
    const file = loc.file;
    members = summariesFor(an.kb).get(file, (text, deps) => an.moduleMembers(file, text, deps), an.deps);
  }
  if (!members) return null;
  return { ...EMPTY, q: dotted, mod: true, umod: { loc, members } };
}

/** `mod.name`: a function, class or module the module binds, else its submodule `name`. */
export function memberOf(an: Engine, um: UserModule, name: string): Val | null {
  const m = um.members.get(name);
  if (m) return m;
  const sub = `${um.loc.dotted}.${name}`;
  const loc = locateIn(um.loc.root, sub);
  return loc ? an.moduleVal(sub, loc) : null;
}
