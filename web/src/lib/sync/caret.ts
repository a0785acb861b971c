import type { Attachment } from 'svelte/attachments';

/**
 * Shows a text from the doc in an input, keeping the user's caret where it was when another
 * editor changes the same text (a plain `value=` would throw it to the end).
 */
export function syncedValue(value: string): Attachment<HTMLInputElement | HTMLTextAreaElement> {
  return (field) => {
    const old = field.value;
    if (old === value) return;
    const { selectionStart, selectionEnd } = field;
    const focused = document.activeElement === field;
    field.value = value;
    if (!focused || selectionStart === null || selectionEnd === null) return;
    let same = 0;
    while (same < old.length && same < value.length && old[same] === value[same]) same++;
    const shift = (at: number) => (at <= same ? at : Math.max(same, at + value.length - old.length));
    field.setSelectionRange(shift(selectionStart), shift(selectionEnd));
  };
}
