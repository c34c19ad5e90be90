import { noteValidator } from "../meetings/message.js";

/** Most characters of a side's note on what was agreed (as the user counts them). */
export const NOTE_MAX = 500;

/** Checks the note on what came of a meeting, as a request's message is checked. */
export const validateOutcomeNote = noteValidator(NOTE_MAX);
