import { runCli } from './run-cli.js';

/** `npm run cli -- <command>`: see run-cli.ts and `--help`. */
process.exitCode = await runCli(process.argv.slice(2));
