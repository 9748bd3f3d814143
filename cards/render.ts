import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';

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
  | 'alert-settings';

const cache = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let found = cache.get(name);
  if (!found) {
    const file = fileURLToPath(new URL(`./${name}.card.json`, import.meta.url));
    found = new ACData.Template(JSON.parse(readFileSync(file, 'utf8')));
    cache.set(name, found);
  }
  return found;
}

/** Expands a template with data and returns the card JSON. */
export function renderCard(name: CardName, data: object): Record<string, unknown> {
  return template(name).expand({ $root: data }) as Record<string, unknown>;
}
