/*
 * secdigest review page: progressive enhancement over plain forms. Without this script every
 * action still works as a form post that redirects back. With it, changes are posted in the
 * background (with the CSRF token as a header), the page's main part is re-rendered from the
 * server, and the keyboard drives the list:
 *   j / k            select the next / previous entry
 *   Shift+J / K      move the selected entry down / up
 *   x                exclude (or include again) the selected entry
 *   e                edit its title (Enter saves, Esc closes)
 *   o                open its link
 *   ?                the help overlay of every key (also its "Keyboard shortcuts" button)
 * Single-key shortcuts can be turned off in the overlay (WCAG 2.1.4, remembered in localStorage).
 * Served as a file: the Content-Security-Policy forbids inline script.
 */
/* global document, window, fetch, navigator, DOMParser, URLSearchParams, FormData, localStorage */
(() => {
  'use strict';

  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  let selected = null;
  let queue = Promise.resolve();

  // The draft page's entries, or the pool page's stories: j/k select either.
  const entries = () => [...document.querySelectorAll('li.entry, li.pool-story')];
  const byStory = (storyId) => entries().find((el) => el.dataset.story === storyId) ?? null;
  const current = () => byStory(selected);

  /** Whether single-key shortcuts are on (the default); the editor's choice lives in localStorage. */
  const SHORTCUTS_KEY = 'secdigest.shortcuts';
  function shortcutsOn() {
    try {
      return localStorage.getItem(SHORTCUTS_KEY) !== 'off';
    } catch {
      return true; // storage disabled: the default
    }
  }
  function setShortcuts(on) {
    try {
      if (on) localStorage.removeItem(SHORTCUTS_KEY);
      else localStorage.setItem(SHORTCUTS_KEY, 'off');
    } catch {
      // Not remembered, but still applied below for this page.
    }
    showShortcutsState(on);
  }
  function showShortcutsState(on = shortcutsOn()) {
    const box = document.getElementById('shortcuts-on');
    if (box) box.checked = on;
    const state = document.getElementById('keys-state');
    if (state) state.textContent = on ? 'or press ?' : 'single-key shortcuts are off';
  }
  const help = () => document.getElementById('keys-help');
  function openHelp() {
    const dialog = help();
    if (dialog && !dialog.open) dialog.showModal();
  }

  function setStatus(text, isError = false) {
    const el = document.getElementById('status');
    if (!el) return;
    el.textContent = text;
    el.classList.toggle('error', isError);
  }

  function select(el, scroll = true, focus = true) {
    for (const old of document.querySelectorAll('li.entry.selected')) old.classList.remove('selected');
    if (!el) {
      selected = null;
      return;
    }
    el.classList.add('selected');
    selected = el.dataset.story;
    if (focus) el.focus({ preventScroll: true });
    if (scroll) el.scrollIntoView({ block: 'nearest' });
  }

  /**
   * Re-renders the main part of the page from the server, keeping the selection. `follow`: an
   * entry was changed, so it is selected and scrolled to wherever the server put it (a move can
   * land it far away: issue 19). Otherwise (an issue part saved) the focus stays where it was.
   */
  async function refresh(follow) {
    const focusedId = document.activeElement?.id;
    const helpOpen = help()?.open;
    const response = await fetch(window.location.pathname, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const main = page.getElementById('main');
    if (main) document.getElementById('main')?.replaceWith(document.adoptNode(main));
    enhance();
    if (helpOpen) openHelp();
    const refocus = !follow && focusedId ? document.getElementById(focusedId) : null;
    select(current(), follow, !refocus);
    refocus?.focus({ preventScroll: true });
  }

  async function post(form, submitter) {
    setStatus('Saving…');
    let response;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form, submitter)),
        headers: { Accept: 'application/json', 'X-CSRF-Token': csrf },
        credentials: 'same-origin',
      });
    } catch {
      setStatus('Could not reach the review server.', true);
      return;
    }
    const result = await response.json().catch(() => ({}));
    if (!response.ok) {
      setStatus(result.error?.message ?? `Error ${response.status}`, true);
      return;
    }
    if (result.storyId) selected = result.storyId;
    await refresh(Boolean(result.storyId));
    setStatus('Saved');
  }

  /** Changes run one after another, so quick key presses apply in order. */
  function enqueue(task) {
    queue = queue.then(task, task);
    return queue;
  }

  /**
   * Queues an entry's action, chosen when its turn comes from the entry as the page then shows it
   * (after the earlier changes are saved and re-rendered): x pressed twice quickly excludes, then
   * includes again (issue 19), instead of reading the same not-yet-saved state twice.
   */
  function runAction(storyId, choose) {
    enqueue(() => {
      const el = byStory(storyId);
      if (!el) return undefined;
      const button = el.querySelector(`.entry-actions button[data-action="${choose(el)}"]`);
      return button?.form ? post(button.form, button) : undefined;
    });
  }

  /** Undo or redo the last edit (the history's buttons), in turn with the other changes. */
  function historyStep(name) {
    enqueue(() => {
      const button = document.querySelector(`button[data-history="${name}"]:not([disabled])`);
      if (!button?.form) {
        setStatus(name === 'undo' ? 'Nothing to undo' : 'Nothing to redo');
        return undefined;
      }
      return post(button.form, button);
    });
  }

  /** Promotes the selected pool story into the section its form names; a link-less one asks for a link first. */
  function promote(el) {
    const form = el.querySelector('form.promote');
    if (!form) return;
    const link = form.querySelector('input[name="url"]');
    if (link && !link.value) {
      link.focus();
      setStatus('Type a link for this story first', true);
      return;
    }
    enqueue(() => post(form, form.querySelector('button[type="submit"]')));
  }

  function editTitle(el) {
    const details = el.querySelector('details.edit');
    if (!details) return;
    details.open = true;
    const input = details.querySelector('input[name="title"]');
    input?.focus();
    input?.select();
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // The open overlay takes the keys; the browser closes it on Esc.
    if (help()?.open) return;
    const target = event.target;
    if (target instanceof window.Element && target.closest('input, textarea, select, [contenteditable]')) {
      if (event.key === 'Escape') {
        const details = target.closest('details');
        if (details) details.open = false;
        select(target.closest('li.entry'));
      }
      return;
    }
    // Off: every printable key (j, k, x, e, o, J, K, ?, …) is left alone (WCAG 2.1.4).
    if (event.key.length === 1 && !shortcutsOn()) return;
    const list = entries();
    const el = current();
    const at = el ? list.indexOf(el) : -1;
    switch (event.key) {
      case 'j':
        select(list[Math.min(at + 1, list.length - 1)]);
        break;
      case 'k':
        select(list[Math.max(at - 1, 0)]);
        break;
      case 'J':
        if (el) runAction(el.dataset.story, () => 'down');
        break;
      case 'K':
        if (el) runAction(el.dataset.story, () => 'up');
        break;
      case 'x':
        if (el) runAction(el.dataset.story, (now) => (now.dataset.included === 'true' ? 'exclude' : 'include'));
        break;
      case 'e':
        if (el) editTitle(el);
        break;
      case 'u':
        historyStep('undo');
        break;
      case 'U':
        historyStep('redo');
        break;
      case 'p':
        if (el?.matches('li.pool-story')) promote(el);
        break;
      case 'o': {
        const link = el?.querySelector('.entry-title a');
        if (link) window.open(link.href, '_blank', 'noopener');
        break;
      }
      case '?':
        openHelp();
        break;
      case 'Escape':
        select(null);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  async function copyMarkdown(button) {
    const response = await fetch(button.dataset.src, { credentials: 'same-origin' });
    const text = await response.text();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No Clipboard API outside a secure context (a non-loopback http bind): the old way.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setStatus('Markdown copied');
  }

  /** Per-render wiring of the parts that only make sense with the script. */
  function enhance() {
    const copy = document.getElementById('copy-markdown');
    if (copy) {
      copy.hidden = false;
      copy.addEventListener('click', () => void copyMarkdown(copy).catch(() => setStatus('Copy failed', true)));
    }
    const keyboard = document.querySelector('section.keyboard');
    if (keyboard) keyboard.hidden = false;
    document.getElementById('keys-open')?.addEventListener('click', openHelp);
    document.getElementById('shortcuts-on')?.addEventListener('change', (event) => setShortcuts(event.target.checked));
    showShortcutsState();
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof window.HTMLFormElement) || form.method !== 'post') return;
    event.preventDefault();
    void enqueue(() => post(form, event.submitter));
  });
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof window.Element) || target.closest('a, button, input, select, summary, label')) return;
    const el = target.closest('li.entry');
    if (el) select(el, false);
  });
  document.addEventListener('keydown', onKey);
  document.addEventListener('DOMContentLoaded', () => {
    enhance();
    const fromHash = window.location.hash.startsWith('#entry-') ? document.getElementById(window.location.hash.slice(1)) : null;
    if (fromHash) select(fromHash);
    document.documentElement.dataset.ready = 'true';
  });
})();
