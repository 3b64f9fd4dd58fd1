// Latency sampling shared by the benchmarks.

export interface Timing {
  p50: number;
  p95: number;
  n: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Runs `fn` `iterations` times after `warmup` untimed runs; returns p50/p95 in milliseconds.
 * `before` runs, untimed, before every run (e.g. to empty a cache).
 */
export async function time(iterations: number, fn: (i: number) => Promise<unknown>, warmup = 10, before?: () => void): Promise<Timing> {
  for (let i = 0; i < Math.min(warmup, iterations); i++) {
    before?.();
    await fn(i);
  }
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    before?.();
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

/**
 * Connection options for the benchmarks: they load and scan tens of thousands of documents on
 * purpose (minutes on FerretDB/SQLite), so each database call gets this deadline instead of a
 * request's (server/infra/db-calls.ts).
 */
export const BENCH_DB = { deadlineMs: 30 * 60_000 };

/** A numeric command-line option (`--name 123`), or `def` when it is not given. */
export function numberArg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
