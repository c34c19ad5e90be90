/**
 * A clock for the bot that runs at real speed from a chosen moment: views read "now" from it, and
 * BullMQ's real-time delays still line up with it.
 */
export function testClock(start?: string) {
  let offset = start === undefined ? 0 : Date.parse(start) - Date.now();
  return {
    now: () => Date.now() + offset,
    set(iso: string) {
      offset = Date.parse(iso) - Date.now();
    },
  };
}
