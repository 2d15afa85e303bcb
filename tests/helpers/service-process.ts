import { spawn, type ChildProcess } from 'node:child_process';

/** The real service running as its own process (src/main.ts through tsx's loader, as `npm start` runs it). */
export interface ServiceProcess {
  child: ChildProcess;
  /** Where it listens, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far. */
  output(): string;
}

/**
 * Starts the service with only the given environment (plus PATH and HOME) and resolves once it
 * listens (HTTP_PORT 0 picks a free port). Fails with its output when it exits first or takes
 * longer than `timeoutMs` (a bound, not a speed check: on a loaded machine migrating and seeding
 * can take a minute): crash tests need to see why a restart did not come up. Node runs the
 * service itself (`node --import tsx`), not the `tsx` wrapper, so a signal reaches the service:
 * SIGKILL on the wrapper would leave the service running as an orphan.
 */
export async function startServiceProcess(env: Record<string, string>, timeoutMs = 150_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  started.add(child);
  child.on('exit', () => started.delete(child));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (match) return { child, url: match[1]!, exited, output: () => out };
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not come up:\n${out.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const started = new Set<ChildProcess>();

/** Kills every service this test file started that still runs: a failed test must not leave one behind. */
export function killStartedServices(): void {
  for (const child of started) child.kill('SIGKILL');
}
