// Apart from the kind so that a phone's cause form loads neither Yjs nor zod.
export const SUGGESTION_MAX_LENGTH = 200;
export const HEAD_MAX_LENGTH = 300;
export const CATEGORY_MAX_LENGTH = 100;
