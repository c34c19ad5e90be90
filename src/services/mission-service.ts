import type { Mission } from "../domain/mission/schema.js";

/**
 * The programme in memory: hot paths (agenda, cards) read it from here, never from Redis.
 */
export class MissionService {
  constructor(private mission: Mission) {}

  current(): Mission {
    return this.mission;
  }
}
