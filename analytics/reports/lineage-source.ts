/**
 * Where a line of a run's source stands (for lineage): the innermost statement that holds it, the loop
 * around it, the line that last assigned a name before it inside that loop. Source text only, no store.
 */
export interface Statement { file: string; start: number; end: number; text: string }

/**
 * The statement a line belongs to, for def-use: the innermost statement whose range holds the line, so
 * that a loop body's statements each read their own names (not the whole loop's). A compound statement
 * (a `for` header) reads only its own lines, up to its first nested statement.
 */
export function innermostStatement(ranges: readonly { file: string; start_line: number; end_line: number }[], lines: readonly string[], file: string, line: number): Statement {
  let best: { start_line: number; end_line: number } | undefined = undefined;
  for (const r of ranges) {
    if (r.file !== file || r.start_line > line || line > r.end_line) continue;
    if (!best || r.end_line - r.start_line < best.end_line - best.start_line) best = r;
  }
  const start = best?.start_line ?? line;
  const whole = best?.end_line ?? line;
  // A line inside a compound statement of which no nested statement is known: its own logical line.
  if (line > start && isCompound(lines, start, whole)) return logicalStatement(lines, file, line);
  let end = whole;
  for (const r of ranges) if (r.file === file && r.start_line > start && r.end_line <= whole) end = Math.min(end, r.start_line - 1);
  if (end === whole && isCompound(lines, start, whole)) return logicalStatement(lines, file, start);
  return { file, start, end, text: lines.slice(start - 1, end).join('\n') };
}

/** A statement spanning lines whose first logical line ends with a colon (for, while, with, if, try, def). */
function isCompound(lines: readonly string[], start: number, end: number): boolean {
  if (end <= start) return false;
  const head = logicalStatement(lines, '', start);
  return head.end < end && /:\s*(#.*)?$/.test(lines[head.end - 1] ?? '');
}

/** The logical line that starts at `line`: continued while brackets are open or a line ends with a backslash. */
export function logicalStatement(lines: readonly string[], file: string, line: number): Statement {
  let depth = 0;
  let end = line;
  for (let i = line; i <= lines.length; i++) {
    const text = (lines[i - 1] ?? '').replace(/("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')/g, '""').replace(/#.*$/, '');
    for (const ch of text) depth += '([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0;
    end = i;
    if (depth <= 0 && !text.trimEnd().endsWith('\\')) break;
  }
  return { file, start: line, end, text: lines.slice(line - 1, end).join('\n') };
}

const indent = (s: string): number => /^\s*/.exec(s)![0].replace(/\t/g, '        ').length;
const LOOP_HEADER = /^\s*(?:async\s+)?(?:for|while)\b/;

/** The header line of the innermost `for`/`while` whose body holds `line` (by indentation), or undefined. */
export function enclosingLoop(lines: readonly string[], line: number): number | undefined {
  let level = indent(lines[line - 1] ?? '');
  for (let i = line - 1; i >= 1 && level > 0; i--) {
    const text = lines[i - 1] ?? '';
    if (!text.trim() || text.trim().startsWith('#') || indent(text) >= level) continue;
    if (LOOP_HEADER.test(text)) return i;
    level = indent(text);
  }
  return undefined;
}

/** The last line of a loop's iteration before `line` that assigns `name` (the loop's header for its `for` targets). */
export function lastAssignment(lines: readonly string[], loop: number, line: number, name: string): number | undefined {
  const target = new RegExp(`(^|[\\s,(\\[*])${name}($|[\\s,)\\]])`);
  const header = /^\s*(?:async\s+)?for\s+(.+?)\s+in\s/.exec(lines[loop - 1] ?? '');
  let found = header && target.test(header[1]!.trim()) ? loop : undefined;
  for (let i = logicalStatement(lines, '', loop).end + 1; i < line;) {
    const st = logicalStatement(lines, '', i);
    const text = (lines[i - 1] ?? '').replace(/#.*$/, '');
    const assign = /^\s*(?:for\s+(.+?)\s+in\s|(?!if\b|elif\b|while\b|return\b|assert\b)([^=(]+?)\s*(?:[+\-*/%@&|^]|\/\/|\*\*|<<|>>)?=(?!=))/.exec(text);
    const targets = assign?.[1] ?? assign?.[2];
    if (targets && target.test(targets.trim())) found = i;
    i = st.end + 1;
  }
  return found;
}

/** What a `for` header reads: its iterable (`for a in alphas:` reads alphas, not a). */
export function forIterable(lines: readonly string[], loop: number): string {
  return /\sin\s+([\s\S]*?):?\s*$/.exec(lines[loop - 1] ?? '')?.[1] ?? '';
}

/**
 * Where `name` was assigned, for a variable recorded at `line`: that line, unless it starts a compound
 * statement whose body assigns the name (then the body's last line that does; a `for` target is its header).
 */
export function assignmentLine(ranges: readonly { file: string; start_line: number; end_line: number }[], lines: readonly string[], file: string, line: number, name: string): number {
  const statement = innermostStatement(ranges, lines, file, line);
  const range = ranges.filter((r) => r.file === file && r.start_line === line).sort((a, b) => b.end_line - a.end_line)[0];
  if (!range || !isCompound(lines, range.start_line, range.end_line)) return line;
  const target = new RegExp(`(^|[\\s,(\\[*])${name}($|[\\s,)\\]])`);
  let found = line;
  for (let i = statement.end + 1; i <= range.end_line; i++) {
    const text = (lines[i - 1] ?? '').replace(/#.*$/, '');
    const assign = /^\s*(?:for\s+(.+?)\s+in\s|(?!if\b|elif\b|while\b|return\b|assert\b)([^=]+?)\s*(?:[+\-*/%@&|^]|\/\/|\*\*|<<|>>)?=(?!=))/.exec(text);
    const targets = assign?.[1] ?? assign?.[2];
    if (targets && target.test(targets.trim())) found = i;
  }
  return found;
}
