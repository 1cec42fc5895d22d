import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import sql from 'highlight.js/lib/languages/sql';
import { marked } from 'marked';

hljs.registerLanguage('sql', sql);

/** An element with attributes and children; strings become text nodes (never HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/** Descriptions are Markdown written by the project: rendered, then sanitised (no scripts or handlers). */
export function markdown(text: string | undefined, inline = false): HTMLElement {
  const element = h(inline ? 'span' : 'div', { class: 'markdown' });
  if (!text?.trim()) return element;
  const html = inline ? marked.parseInline(text, { async: false }) : marked.parse(text, { async: false });
  element.innerHTML = DOMPurify.sanitize(html);
  return element;
}

/** A SQL listing with syntax highlighting. */
export function sqlBlock(code: string): HTMLElement {
  const block = h('code', { class: 'hljs language-sql' });
  block.innerHTML = hljs.highlight(code, { language: 'sql' }).value;
  return h('pre', { class: 'code' }, block);
}

/** The link that opens a resource's page. */
export function resourceHref(uniqueId: string): string {
  return `#/node/${encodeURIComponent(uniqueId)}`;
}

/** The graph page: a selection, an exclusion, and a column (node:column) whose upstream columns it highlights. */
export function graphHref(select: string, exclude = '', column = ''): string {
  const query = new URLSearchParams({ select, ...(exclude ? { exclude } : {}), ...(column ? { column } : {}) });
  return `#/graph?${query.toString()}`;
}
