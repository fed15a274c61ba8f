/** labtrace env: the line to put in a shell profile for always-on tracing. */
import { fileURLToPath } from 'node:url';

export const AGENT_DIR = fileURLToPath(new URL('../../../python-agent', import.meta.url));

export function envCommand(out: NodeJS.WritableStream): void {
  out.write(`export PYTHONPATH="${AGENT_DIR}\${PYTHONPATH:+:\$PYTHONPATH}"\n`);
}
