/** Repository locations the tests need, resolved from the compiled file (build/test/support/x.js). */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_MAIN = fileURLToPath(new URL('../../cli/main.js', import.meta.url));
export const AGENT_DIR = `${REPO_ROOT}python-agent`;
export const FIXTURES_DIR = `${REPO_ROOT}test/fixtures`;
