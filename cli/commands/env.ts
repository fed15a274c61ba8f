/**
 * labtrace env [--shell bash|zsh|fish]: the lines to eval in a shell (or put in its profile) for
 * always-on tracing. They add the agent to PYTHONPATH once (evaluating them again changes nothing) and,
 * with --home, set LABTRACE_HOME so the agents of that shell write there.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

export const AGENT_DIR = fileURLToPath(new URL('../../../python-agent', import.meta.url));

export type Shell = 'bash' | 'zsh' | 'fish';

/** The shell named by $SHELL (bash when it is none of ours). */
export function detectShell(shellVar = process.env.SHELL ?? ''): Shell {
  const name = basename(shellVar);
  return name === 'zsh' || name === 'fish' ? name : 'bash';
}

/** Single-quoted for POSIX shells and fish (a quote inside closes, escapes and reopens). */
function quote(text: string, shell: Shell): string {
  return shell === 'fish' ? `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'` : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function envLines(shell: Shell, agentDir: string, home?: string): string {
  const dir = quote(agentDir, shell);
  const lines: string[] = [];
  if (shell === 'fish') {
    // PYTHONPATH is a path variable in fish (a list, joined with ':' when exported)
    if (home !== undefined) lines.push(`set -gx LABTRACE_HOME ${quote(home, shell)}`);
    lines.push(`contains -- ${dir} $PYTHONPATH; or set -gx PYTHONPATH ${dir} $PYTHONPATH`);
  } else {
    if (home !== undefined) lines.push(`export LABTRACE_HOME=${quote(home, shell)}`);
    lines.push(`case ":\${PYTHONPATH:-}:" in *:${dir}:*) ;; *) export PYTHONPATH=${dir}"\${PYTHONPATH:+:\$PYTHONPATH}" ;; esac`);
  }
  return lines.join('\n') + '\n';
}

export function envCommand(out: NodeJS.WritableStream, options: { shell?: Shell; home?: string } = {}): void {
  out.write(envLines(options.shell ?? detectShell(), AGENT_DIR, options.home));
}
