import { Editor, Extension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import StarterKit from '@tiptap/starter-kit';
import { yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { MinutesEditor } from './presence.svelte.ts';

export interface RichTextOptions {
  element: HTMLElement;
  fragment: Y.XmlFragment;
  awareness: Awareness;
  /** Who a remote caret belongs to (undefined: someone not on this page any more). */
  editorOf: (clientId: number) => MinutesEditor | undefined;
  /** A remote caret's label for someone who gave no name. */
  nameOf: (editor: MinutesEditor) => string;
  label: string;
  editable: boolean;
  onchange: (editor: Editor) => void;
}

/** Other editors' carets and selections in this rich text, labelled with their names. */
const RemoteCarets = Extension.create<Pick<RichTextOptions, 'awareness' | 'editorOf' | 'nameOf'>>({
  name: 'remoteCarets',
  addProseMirrorPlugins() {
    const { awareness, editorOf, nameOf } = this.options;
    return [
      yCursorPlugin(awareness, {
        cursorBuilder: (_user: unknown, clientId: number) => {
          const editor = editorOf(clientId);
          const caret = document.createElement('span');
          caret.className = 'remote-caret';
          caret.style.borderColor = editor?.color ?? 'currentColor';
          const name = document.createElement('span');
          name.className = 'remote-caret-name';
          name.style.backgroundColor = editor?.color ?? '#333';
          name.textContent = editor ? nameOf(editor) : '';
          caret.append(name);
          return caret;
        },
        selectionBuilder: (_user: unknown, clientId: number) => ({
          style: `background-color: ${editorOf(clientId)?.color ?? '#333333'}26`,
        }),
      }),
    ];
  },
});

/** Tab indents a list item in the editor, so Escape is the way out to the rest of the page by keyboard. */
const LeaveOnEscape = Extension.create({
  name: 'leaveOnEscape',
  addKeyboardShortcuts() {
    return { Escape: () => this.editor.commands.blur() };
  },
});

/**
 * A Tiptap editor over one rich text of the minutes doc: headings, lists, bold and links (what the
 * exports keep), merged with others' edits through Yjs, each editor's undo its own.
 */
export function createRichText(options: RichTextOptions): Editor {
  return new Editor({
    element: options.element,
    editable: options.editable,
    extensions: [
      StarterKit.configure({
        // Collaboration brings an undo that takes back only this editor's own changes.
        undoRedo: false,
        heading: { levels: [3, 4] },
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['mailto'] },
        // What the minutes do not keep is not offered.
        italic: false,
        strike: false,
        underline: false,
        code: false,
        codeBlock: false,
        blockquote: false,
        horizontalRule: false,
      }),
      Collaboration.configure({ fragment: options.fragment }),
      RemoteCarets.configure({ awareness: options.awareness, editorOf: options.editorOf, nameOf: options.nameOf }),
      LeaveOnEscape,
    ],
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': options.label,
        'aria-readonly': String(!options.editable),
        'aria-describedby': 'rich-text-hint',
        class: 'rich-text',
      },
    },
    onTransaction: ({ editor }) => options.onchange(editor),
  });
}
