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
 * Served as a file: the Content-Security-Policy forbids inline script.
 */
/* global document, window, fetch, navigator, DOMParser, URLSearchParams, FormData */
(() => {
  'use strict';

  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  let selected = null;
  let queue = Promise.resolve();

  const entries = () => [...document.querySelectorAll('li.entry')];
  const current = () => entries().find((el) => el.dataset.story === selected) ?? null;

  function setStatus(text, isError = false) {
    const el = document.getElementById('status');
    if (!el) return;
    el.textContent = text;
    el.classList.toggle('error', isError);
  }

  function select(el, scroll = true) {
    for (const old of document.querySelectorAll('li.entry.selected')) old.classList.remove('selected');
    if (!el) {
      selected = null;
      return;
    }
    el.classList.add('selected');
    selected = el.dataset.story;
    el.focus({ preventScroll: true });
    if (scroll) el.scrollIntoView({ block: 'nearest' });
  }

  /** Re-renders the main part of the page from the server, keeping the selection. */
  async function refresh() {
    const response = await fetch(window.location.pathname, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const main = page.getElementById('main');
    if (main) document.getElementById('main')?.replaceWith(document.adoptNode(main));
    enhance();
    select(current(), false);
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
    await refresh();
    setStatus('Saved');
  }

  /** Changes run one after another, so quick key presses apply in order. */
  function enqueue(task) {
    queue = queue.then(task, task);
    return queue;
  }

  function runAction(el, action) {
    const button = el.querySelector(`.entry-actions button[data-action="${action}"]`);
    if (button?.form) enqueue(() => post(button.form, button));
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
    const target = event.target;
    if (target instanceof window.Element && target.closest('input, textarea, select, [contenteditable]')) {
      if (event.key === 'Escape') {
        const details = target.closest('details');
        if (details) details.open = false;
        select(target.closest('li.entry'));
      }
      return;
    }
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
        if (el) runAction(el, 'down');
        break;
      case 'K':
        if (el) runAction(el, 'up');
        break;
      case 'x':
        if (el) runAction(el, el.dataset.included === 'true' ? 'exclude' : 'include');
        break;
      case 'e':
        if (el) editTitle(el);
        break;
      case 'o': {
        const link = el?.querySelector('.entry-title a');
        if (link) window.open(link.href, '_blank', 'noopener');
        break;
      }
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
