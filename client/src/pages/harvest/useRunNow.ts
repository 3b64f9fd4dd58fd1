// "Run now": start a run (202) and poll it until it finishes, so the page can show progress and
// the outcome (docs/harvesting-client.md "Runs"). A run already going when the page opens is followed too.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ApiError } from '../../lib/api';
import { asApiError } from './problem';
import { isRunning, type Run, type RunSummary } from './types';

/** How often a running run is read again: quick enough to see progress, light on the server. */
const POLL_MS = 1000;

/** Starts and follows runs of one source; `onFinished` fires once when a followed run ends. */
export function useRunNow(sourceId: string, current: RunSummary | null | undefined, onFinished: () => void) {
  const [run, setRun] = useState<Run | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [starting, setStarting] = useState(false);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  // A run that was already going (scheduled, or started in another tab) is followed as well.
  const runningId = isRunning(current) ? current!.id : null;
  useEffect(() => {
    if (runningId && !run) void api<Run>(`/harvest/runs/${encodeURIComponent(runningId)}`).then(({ data }) => setRun(data), () => undefined);
  }, [runningId, run]);

  const runId = run?.id;
  const running = isRunning(run);
  useEffect(() => {
    if (!runId || !running) return;
    let live = true;
    const timer = setTimeout(() => {
      api<Run>(`/harvest/runs/${encodeURIComponent(runId)}`)
        .then(({ data }) => {
          if (!live) return;
          setRun(data);
          if (!isRunning(data)) finished.current();
        })
        .catch((err: unknown) => live && setProblem(asApiError(err)));
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [runId, running, run]);

  const start = useCallback(async () => {
    setProblem(null);
    setStarting(true);
    try {
      const { data } = await api<Run>(`/harvest/sources/${encodeURIComponent(sourceId)}/runs`, { method: 'POST' });
      setRun(data);
      if (!isRunning(data)) finished.current();
    } catch (err) {
      setProblem(asApiError(err));
    } finally {
      setStarting(false);
    }
  }, [sourceId]);

  return { run, problem, starting, running: running || starting, start };
}
