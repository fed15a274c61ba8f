/** `labtrace --version`: the CLI's version and those it works with: the Python agent's, the wire protocol's, DuckDB's, Node's. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { AGENT_DIR } from './commands/env.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/** The agent's __version__, read from its source (no Python needed). */
export function agentVersion(): string {
  try {
    const text = readFileSync(join(AGENT_DIR, 'labtrace_agent', '__init__.py'), 'utf8');
    return /^__version__\s*=\s*["']([^"']+)["']/m.exec(text)?.[1] ?? 'unknown';
  } catch {
    return 'not found';
  }
}

export async function versionText(): Promise<string> {
  const { PROTOCOL_VERSION } = await import('../daemon/protocol/messages.js');
  const { version: duckdbVersion } = await import('@duckdb/node-api');
  return [
    `labtrace ${packageVersion()}`,
    `agent    ${agentVersion()} (${AGENT_DIR})`,
    `protocol ${PROTOCOL_VERSION}`,
    `duckdb   ${duckdbVersion()}`,
    `node     ${process.version}`,
  ].join('\n') + '\n';
}
