import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import { escapeMarkdown, linkDestination } from './markdown';

/** An Adaptive Card template file (schema 1.5) next to this module, bound with adaptivecards-templating. */
export type CardName =
  | 'welcome'
  | 'help'
  | 'text'
  | 'clarify'
  | 'decline'
  | 'status'
  | 'advisor-pick'
  | 'advisor-step'
  | 'advisor-outcome'
  | 'advisor-share'
  | 'apps'
  | 'alert'
  | 'alert-resolved'
  | 'alert-digest'
  | 'alert-batch'
  | 'alert-settings';

/*
 * Bound values are data (cards/markdown.ts). When a template is loaded, every "${…}" in a field
 * Teams renders as Markdown is wrapped in marks: TEXT_* around text, URL_* around a value that is
 * the destination of the template's own "[text](${url})". After expansion the marked parts are
 * escaped and the marks removed; the template's literal text stays markup. The marks are private-use
 * characters, taken out of the data before expansion so that no value can forge or close one.
 */
const TEXT_OPEN = '\uE000';
const TEXT_CLOSE = '\uE001';
const URL_OPEN = '\uE002';
const URL_CLOSE = '\uE003';
const MARKS = /[\uE000-\uE003]/g;
const MARKED = /\uE000([^\uE000-\uE003]*)\uE001|\uE002([^\uE000-\uE003]*)\uE003/g;

/** Wraps each "${…}" of a Markdown field in marks (braces and quotes inside an expression are skipped over). */
function markBindings(field: string): string {
  let out = '';
  let i = 0;
  while (i < field.length) {
    const start = field.indexOf('${', i);
    if (start < 0) break;
    let depth = 0;
    let quote = '';
    let end = start + 1;
    for (; end < field.length; end++) {
      const c = field[end];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    if (end >= field.length) break;
    const binding = field.slice(start, end + 1);
    const isUrl = field.slice(0, start).endsWith('](') && field[end + 1] === ')';
    out += field.slice(i, start) + (isUrl ? URL_OPEN + binding + URL_CLOSE : TEXT_OPEN + binding + TEXT_CLOSE);
    i = end + 1;
  }
  return out + field.slice(i);
}

type Json = unknown;

/** The template with the bindings of its Markdown fields marked: TextBlock text, facts, expanded choices, toggle titles. */
export function markTemplate(node: Json): Json {
  if (Array.isArray(node)) return node.map(markTemplate);
  if (!node || typeof node !== 'object') return node;
  const element = node as Record<string, Json>;
  const mark = (value: Json): Json => (typeof value === 'string' ? markBindings(value) : value);
  const markEach = (items: Json, keys: readonly string[]): Json =>
    Array.isArray(items)
      ? items.map((item) =>
          item && typeof item === 'object'
            ? Object.fromEntries(Object.entries(item as Record<string, Json>).map(([k, v]) => [k, keys.includes(k) ? mark(v) : v]))
            : item,
        )
      : items;
  const expandedChoices = element.type === 'Input.ChoiceSet' && (element.style === 'expanded' || element.isMultiSelect === true);
  return Object.fromEntries(
    Object.entries(element).map(([key, value]) => {
      if (element.type === 'TextBlock' && key === 'text') return [key, mark(value)];
      if (element.type === 'Input.Toggle' && key === 'title') return [key, mark(value)];
      if (element.type === 'FactSet' && key === 'facts') return [key, markEach(value, ['title', 'value'])];
      if (expandedChoices && key === 'choices') return [key, markEach(value, ['title'])];
      return [key, markTemplate(value)];
    }),
  );
}

/** The data with the marks taken out of every string, so that only the template places them. */
function withoutMarks(value: Json): Json {
  if (typeof value === 'string') return value.replace(MARKS, '\uFFFD');
  if (Array.isArray(value)) return value.map(withoutMarks);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, withoutMarks(v)]));
  }
  return value;
}

/** The expanded card with every marked part escaped (text) or made a safe destination (URL), marks removed. */
function escapeMarked(value: Json): Json {
  if (typeof value === 'string') {
    return value.includes(TEXT_OPEN) || value.includes(URL_OPEN)
      ? value.replace(MARKED, (_all, text?: string, url?: string) =>
          url !== undefined ? linkDestination(url) : escapeMarkdown(text ?? ''),
        )
      : value;
  }
  if (Array.isArray(value)) return value.map(escapeMarked);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, escapeMarked(v)]));
  }
  return value;
}

const cache = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let found = cache.get(name);
  if (!found) {
    const file = fileURLToPath(new URL(`./${name}.card.json`, import.meta.url));
    found = new ACData.Template(markTemplate(JSON.parse(readFileSync(file, 'utf8'))));
    cache.set(name, found);
  }
  return found;
}

/**
 * Expands a template with data and returns the card JSON. Every bound value shown as Markdown is
 * escaped: a display name, a user's words or an incident title shows as written, never as a link.
 */
export function renderCard(name: CardName, data: object): Record<string, unknown> {
  return escapeMarked(template(name).expand({ $root: withoutMarks(data) })) as Record<string, unknown>;
}
