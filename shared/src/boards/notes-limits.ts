// Apart from the kind so that a phone's note form loads neither Yjs nor zod.
export const NOTE_MAX_LENGTH = 280;
