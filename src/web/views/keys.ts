import { html, type SafeHtml } from '../html.js';

/** One line of the keyboard help: its keys (each a chord, e.g. ['Shift', 'J']) and what they do. */
export interface Shortcut {
  keys: readonly (readonly string[])[];
  does: string;
}

/**
 * The draft page's keys, in the order the help lists them; the page script (assets/review.js)
 * answers them. A page with keys of its own passes its list to keyboardHelp.
 */
export const DRAFT_SHORTCUTS: readonly Shortcut[] = [
  { keys: [['j'], ['k']], does: 'select the next / previous entry (across sections)' },
  { keys: [['Shift', 'J'], ['Shift', 'K']], does: 'move the selected entry down / up' },
  { keys: [['x']], does: 'exclude the selected entry (or include it again)' },
  { keys: [['e']], does: 'edit its title (Enter saves, Esc closes)' },
  { keys: [['o']], does: 'open its link in a new tab' },
  { keys: [['u'], ['Shift', 'U']], does: 'undo / redo the last edit' },
  { keys: [['?']], does: 'show this list' },
  { keys: [['Esc']], does: 'close this list, or clear the selection' },
];

/** The week's pool's keys (views/pool.ts). */
export const POOL_SHORTCUTS: readonly Shortcut[] = [
  { keys: [['j'], ['k']], does: 'select the next / previous story' },
  { keys: [['p']], does: 'promote the selected story into the section its form names' },
  { keys: [['o']], does: 'open its link in a new tab' },
  { keys: [['?']], does: 'show this list' },
  { keys: [['Esc']], does: 'close this list, or clear the selection' },
];

function chord(keys: readonly string[]): SafeHtml {
  return html`${keys.map((key, i) => html`${i > 0 ? '+' : ''}<kbd>${key}</kbd>`)}`;
}

/**
 * The side panel's "Keyboard" part and the help overlay it opens (also opened with `?`). Hidden
 * without the page script, which alone answers keys. The overlay holds the switch for single-key
 * shortcuts (WCAG 2.1.4: a speech-input user's words must not fire letter keys); the script
 * remembers it in localStorage.
 */
export function keyboardHelp(shortcuts: readonly Shortcut[] = DRAFT_SHORTCUTS): SafeHtml {
  return html`<section class="keyboard" aria-labelledby="keyboard-title" hidden>
<h2 id="keyboard-title">Keyboard</h2>
<p><button type="button" id="keys-open" aria-haspopup="dialog">Keyboard shortcuts</button> <span class="hint" id="keys-state"></span></p>
<dialog id="keys-help" aria-labelledby="keys-help-title">
<h2 id="keys-help-title">Keyboard shortcuts</h2>
<p class="hint">Outside text fields.</p>
<dl class="keys">
${shortcuts.map((s) => html`<dt>${s.keys.map((keys, i) => html`${i > 0 ? ' / ' : ''}${chord(keys)}`)}</dt><dd>${s.does}</dd>`)}
</dl>
<p class="switch"><label><input type="checkbox" id="shortcuts-on" checked> Single-key shortcuts</label></p>
<p class="hint">Off, the letter keys and <kbd>?</kbd> do nothing (for speech input); the buttons and forms still work.</p>
<form method="dialog"><button type="submit">Close</button></form>
</dialog>
</section>`;
}
