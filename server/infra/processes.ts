// Small tools for the server processes the app starts itself (embedded mongod, FerretDB, PostgreSQL):
// waiting for exit, stopping in escalating steps, a watchdog that outlives us just long enough to stop
// them when we die, and keeping the tail of their output for error messages.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

export const execFileAsync = promisify(execFile);

export type ExitStatus = { code: number | null; signal: NodeJS.Signals | null };

/** One step of stopping a process: send `signal`, then wait up to `waitMs` for it to exit. */
export type StopStep = { signal: NodeJS.Signals; waitMs: number };

/** SIGTERM, then SIGKILL after 10 s: what most servers need. */
export const TERM_THEN_KILL: StopStep[] = [
  { signal: 'SIGTERM', waitMs: 10_000 },
  { signal: 'SIGKILL', waitMs: 10_000 },
];

/** Settles with the exit code and signal once `child` has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<ExitStatus> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** True once `child` has exited. */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Sends each step's signal in turn until the process has exited; resolves once it has. */
export async function stopInSteps(child: ChildProcess, exited: Promise<unknown>, steps: StopStep[] = TERM_THEN_KILL): Promise<void> {
  for (const step of steps) {
    if (hasExited(child) || child.pid === undefined) return;
    // A stopped (SIGSTOP) process would hold every signal but SIGKILL pending; let it act on them.
    killQuietly(child.pid, step.signal);
    killQuietly(child.pid, 'SIGCONT');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(true), step.waitMs))),
    ]);
    clearTimeout(timer);
    if (!timedOut) return;
  }
  await exited;
}

/** Sends a signal to a process that may already be gone. */
export function killQuietly(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * A tiny detached node process that holds a pipe from us: when this process dies for any reason
 * (even SIGKILL, when no 'exit' handler runs) the pipe closes and it stops the server with `steps`
 * (each signal, then its wait). Returns undefined when there is no PID to watch.
 */
export function startWatchdog(
  pid: number | undefined,
  steps: StopStep[] = [
    { signal: 'SIGTERM', waitMs: 3000 },
    { signal: 'SIGKILL', waitMs: 0 },
  ],
): ChildProcess | undefined {
  if (pid === undefined) return undefined;
  const code = `
    const pid = Number(process.argv[1]);
    const steps = JSON.parse(process.argv[2]);
    let done = false;
    const send = (signal) => { try { process.kill(pid, signal); return true; } catch { return false; } };
    const run = (i) => {
      if (i >= steps.length || !send(steps[i].signal)) return process.exit(0);
      send('SIGCONT');
      setTimeout(() => run(i + 1), steps[i].waitMs);
    };
    const stop = () => { if (!done) { done = true; run(0); } };
    process.stdin.on('data', () => {});
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
  `;
  const watchdog = spawn(process.execPath, ['-e', code, String(pid), JSON.stringify(steps)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
    env: { PATH: process.env.PATH ?? '' },
  });
  watchdog.on('error', () => undefined);
  // Neither the process nor its pipe may keep our event loop alive.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}

/**
 * Ties a started server to this process: `onExitSignal` on a normal process.exit(), and a watchdog
 * (see startWatchdog) for any other death. Both are removed once the server has exited.
 */
export function tieToThisProcess(
  child: ChildProcess,
  exited: Promise<unknown>,
  onExitSignal: NodeJS.Signals,
  watchdogSteps?: StopStep[],
): void {
  const onExit = () => killQuietly(child.pid, onExitSignal);
  process.on('exit', onExit);
  const watchdog = startWatchdog(child.pid, watchdogSteps);
  void exited.then(() => {
    process.off('exit', onExit);
    killQuietly(watchdog?.pid);
  });
}

/** Describes how `child` ended, or undefined while it runs. */
export function exitDescription(child: ChildProcess): Error | undefined {
  if (!hasExited(child)) return undefined;
  return new Error(`process exited (code ${child.exitCode ?? 'none'}, signal ${child.signalCode ?? 'none'})`);
}

/** Keeps the last few KiB of a process's output for error messages. */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit = 8 * 1024) {}
  /** Collects stdout and stderr of `child`. */
  follow(child: ChildProcess): this {
    child.stdout?.on('data', (chunk: Buffer) => this.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.push(chunk));
    return this;
  }
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }
  text(): string {
    const all = Buffer.concat(this.chunks).toString('utf8');
    return (all.length > this.limit ? all.slice(-this.limit) : all).trimEnd() || '(no output)';
  }
}

/** True when `file` exists and may be executed by us. */
export async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The useful part of a failed execFile: the end of its stderr, else the error message. */
export function execErrorText(err: unknown): string {
  const e = err as { stderr?: string | Buffer; message?: string };
  const stderr = e?.stderr ? String(e.stderr).trim() : '';
  return stderr ? stderr.split('\n').slice(-20).join('\n') : errorMessage(err);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
