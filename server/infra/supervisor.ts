// Keeps an embedded database server running: restarts it with backoff when it exits unexpectedly,
// and kills it (so that it restarts) when it stays alive but stops answering pings for too long —
// a frozen server holds every connection open and would otherwise never come back by itself. The
// launcher restarts it on the same port and data directory, so the connection string stays valid
// and the driver reconnects on its own. stop() ends all of this for good.
import type { Logger } from 'pino';

/** A running server process as the supervisor sees it. */
export interface SupervisedProcess {
  pid: number | undefined;
  /** Settles when the process has exited, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** Stops it gracefully (forcefully after a grace period); resolves once it has exited. */
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** For log messages, e.g. "embedded FerretDB". */
  name: string;
  /** Starts a new process and resolves once it answers. */
  launch(): Promise<SupervisedProcess>;
  /** Resolves when the server answers a ping before `signal` aborts. */
  ping(signal: AbortSignal): Promise<void>;
  /** Kill and restart when the process is alive but has not answered pings for this long (ms). */
  hangKillMs: number;
  /** Called with each process once it answers (the first one included), e.g. to record its PID. */
  onRunning?(proc: SupervisedProcess): Promise<void> | void;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Restart delays: `firstMs`, doubling up to `maxMs` (default 500 ms … 15 s). */
  backoff?: { firstMs: number; maxMs: number };
}

/** A server is considered recovered (backoff starts again from the first delay) after answering for this long. */
const STABLE_AFTER_MS = 30_000;

/** Watches one server process at a time; see the file header. */
export class Supervisor {
  private current: SupervisedProcess | null = null;
  private lastPid: number | undefined;
  private runningSince = 0;
  private lastAnswerAt = 0;
  private unanswered = false;
  private restarts = 0;
  private stopped = false;
  private pinging = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private launching: Promise<void> | null = null;
  private readonly monitor: NodeJS.Timeout;
  private readonly checkEveryMs: number;

  constructor(
    private readonly opts: SupervisorOptions,
    first: SupervisedProcess,
  ) {
    // Several pings fit into the hang threshold, so one slow answer never kills a busy server.
    this.checkEveryMs = Math.max(250, Math.min(2000, Math.floor(opts.hangKillMs / 4)));
    this.monitor = setInterval(() => void this.check(), this.checkEveryMs);
    this.monitor.unref();
    void this.adopt(first);
  }

  /** PID of the latest process (the one running, or the last one while restarting or after stop()). */
  get pid(): number | undefined {
    return this.current?.pid ?? this.lastPid;
  }

  /** Stops supervising and stops the process for good. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.monitor);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.launching;
    const proc = this.current;
    this.current = null;
    await proc?.stop();
  }

  private async adopt(proc: SupervisedProcess): Promise<void> {
    this.current = proc;
    this.lastPid = proc.pid;
    this.runningSince = this.lastAnswerAt = Date.now();
    this.unanswered = false;
    void proc.exited.then((exit) => this.onExit(proc, exit));
    try {
      await this.opts.onRunning?.(proc);
    } catch (err) {
      this.opts.log.warn({ err }, `${this.opts.name}: could not record the running process`);
    }
  }

  private onExit(proc: SupervisedProcess, exit: { code: number | null; signal: NodeJS.Signals | null }): void {
    if (this.stopped || proc !== this.current) return;
    this.current = null;
    this.scheduleRestart({ pid: proc.pid, ...exit }, 'exited unexpectedly');
  }

  private scheduleRestart(details: Record<string, unknown>, what: string): void {
    const { firstMs, maxMs } = this.opts.backoff ?? { firstMs: 500, maxMs: 15_000 };
    const delayMs = Math.min(maxMs, firstMs * 2 ** this.restarts);
    this.restarts++;
    this.opts.log.warn({ ...details, restartInMs: delayMs, restart: this.restarts }, `${this.opts.name} ${what}; restarting it`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.launching = this.restart().finally(() => (this.launching = null));
    }, delayMs);
  }

  private async restart(): Promise<void> {
    if (this.stopped) return;
    let proc: SupervisedProcess;
    try {
      proc = await this.opts.launch();
    } catch (err) {
      if (!this.stopped) this.scheduleRestart({ err }, 'could not be restarted');
      return;
    }
    if (this.stopped) {
      await proc.stop();
      return;
    }
    this.opts.log.warn({ pid: proc.pid, restart: this.restarts }, `${this.opts.name} restarted`);
    await this.adopt(proc);
  }

  /** One health check: ping; after `hangKillMs` without an answer, kill the process so that it restarts. */
  private async check(): Promise<void> {
    const proc = this.current;
    if (!proc || this.pinging || this.stopped) return;
    this.pinging = true;
    try {
      await this.opts.ping(AbortSignal.timeout(this.checkEveryMs));
      const now = Date.now();
      if (this.unanswered) this.opts.log.info({ pid: proc.pid, silentMs: now - this.lastAnswerAt }, `${this.opts.name} answers again`);
      this.unanswered = false;
      this.lastAnswerAt = now;
      if (now - this.runningSince >= STABLE_AFTER_MS) this.restarts = 0;
    } catch (err) {
      if (proc !== this.current || this.stopped) return;
      const silentMs = Date.now() - this.lastAnswerAt;
      if (!this.unanswered) this.opts.log.warn({ pid: proc.pid, err: String(err) }, `${this.opts.name} does not answer pings`);
      this.unanswered = true;
      if (silentMs >= this.opts.hangKillMs) {
        this.opts.log.error(
          { pid: proc.pid, silentMs, hangKillMs: this.opts.hangKillMs },
          `${this.opts.name} has not answered for too long; killing it to restart it`,
        );
        // SIGKILL also ends a stopped (SIGSTOP) process; the exit handler then restarts it.
        proc.kill('SIGKILL');
      }
    } finally {
      this.pinging = false;
    }
  }
}
