// Lengths a phone's inputs share with the server's checks; kept apart from the kind so a phone loads neither Yjs nor zod.

/** Longest word or phrase a participant may send to a word cloud. */
export const WORD_MAX_LENGTH = 40;
export const OPEN_ANSWER_MAX_LENGTH = 200;
export const OTHER_ANSWER_MAX_LENGTH = 100;
