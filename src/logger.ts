import { pino, type Logger } from "pino";

export type { Logger };

/** JSON logs to stdout (or a given destination, for tests), one line an event. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: "mission-bot" } }, destination);
}
