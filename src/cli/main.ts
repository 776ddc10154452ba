#!/usr/bin/env node
// natural (used by later stages) prints dotenv lines on import; keep stdout clean for --json.
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin });
process.exitCode = code;
