import type { Logger } from "../logger.js";

export interface Periodic {
  stop(): Promise<void>;
}

/**
 * Runs `task` once at start and then every `everyMs`, never two runs at once, never keeping the process
 * alive. For sweeps whose whole state is in Redis (nothing to lose on a restart: the next start sweeps
 * again) and whose writes are atomic claims (two processes sweeping at once do each thing once).
 */
export function startPeriodic(name: string, everyMs: number, task: () => Promise<unknown>, logger: Logger): Periodic {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = task()
      .then(
        () => undefined,
        (err: unknown) => logger.warn({ err, task: name }, "periodic task failed; next run retries"),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
