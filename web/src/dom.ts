// Tiny DOM builder: every text goes through textContent, so names from the data can never inject HTML.
// Method syntax makes handlers bivariant, so (e: KeyboardEvent) => void is accepted for onkeydown.
type Handler = { bivarianceHack(e: Event): void }['bivarianceHack'];
type Attrs = Record<string, string | number | boolean | undefined | null | Handler>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * Runs `render` (which rebuilds `root`) keeping what the person had typed or chosen in fields with
 * an id, and the focus: a view that re-renders when data arrives must not wipe a half-filled form.
 * A form that should start empty again calls form.reset() before the re-render.
 */
export function keepingInput(root: Element, render: () => void): void {
  const before = new Map<string, string[]>();
  for (const el of root.querySelectorAll<Field>('input[id], textarea[id], select[id]')) {
    if (el instanceof HTMLInputElement && (el.type === 'file' || el.type === 'checkbox' || el.type === 'radio')) continue;
    before.set(el.id, el instanceof HTMLSelectElement ? [...el.selectedOptions].map((o) => o.value) : [el.value]);
  }
  const focused = root.contains(document.activeElement) ? document.activeElement?.id : undefined;
  render();
  for (const [id, values] of before) {
    const el = root.querySelector<Field>(`#${CSS.escape(id)}`);
    if (!el) continue;
    if (el instanceof HTMLSelectElement) for (const o of el.options) o.selected = values.includes(o.value);
    else el.value = values[0] ?? '';
  }
  if (focused) root.querySelector<HTMLElement>(`#${CSS.escape(focused)}`)?.focus();
}
