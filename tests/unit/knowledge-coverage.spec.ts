import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allTopics } from '../../identity/knowledge/catalog';

/** One row of docs/knowledge-coverage.md: a Learn article and the topics holding its facts. */
interface ArticleRow {
  section: string;
  title: string;
  url: string;
  topicIds: string[];
}

const MAP_FILE = fileURLToPath(new URL('../../docs/knowledge-coverage.md', import.meta.url));

/** The areas issue #16 names; each has its own section in the map. */
const REQUIRED_SECTIONS = [
  'Entra Connect Sync',
  'Cloud Sync',
  'Password hash sync',
  'Pass-through authentication',
  'Seamless single sign-on',
  'Federation, AD FS and migration to cloud authentication',
  'App management: gallery SSO, SAML, consent and permissions',
  'Admin roles',
  'Editions and licensing',
  'Microsoft 365 identity models and the free subscription',
  'Power Apps on SharePoint lists',
  'Deployment advisors',
];

/** The same page however a link spells it: no locale segment, no anchor or query, no trailing slash. */
function pageOf(url: string): string {
  return url
    .replace(/^https:\/\/learn\.microsoft\.com\/[a-z]{2}-[a-z]{2}\//, 'https://learn.microsoft.com/')
    .replace(/[#?].*$/, '')
    .replace(/\/$/, '');
}

function readMap(text: string): { sections: string[]; rows: ArticleRow[] } {
  const sections: string[] = [];
  const rows: ArticleRow[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      section = heading[1].trim();
      sections.push(section);
      continue;
    }
    const row = /^\| \[(.+)\]\((https:\/\/[^)\s]+)\) \| (.*) \|$/.exec(line);
    if (row) {
      const topicIds = [...row[3].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      rows.push({ section, title: row[1], url: pageOf(row[2]), topicIds });
    }
  }
  return { sections, rows };
}

describe('knowledge coverage map (docs/knowledge-coverage.md)', () => {
  const topics = allTopics();
  const byId = new Map(topics.map((t) => [t.id, t]));
  const { sections, rows } = readMap(readFileSync(MAP_FILE, 'utf8'));

  it('has a section for every area of the field, and one for where Learn pages disagree', () => {
    for (const name of [...REQUIRED_SECTIONS, 'Where Learn pages disagree']) assert.ok(sections.includes(name), `no section "${name}"`);
  });

  it('lists each article once, as a Microsoft Learn page with at least one topic', () => {
    const seen = new Set<string>();
    for (const row of rows) {
      assert.match(row.url, /^https:\/\/learn\.microsoft\.com\//, `${row.title}: ${row.url}`);
      assert.ok(!seen.has(row.url), `${row.url} is listed twice`);
      seen.add(row.url);
      assert.ok(row.topicIds.length > 0, `${row.url} has no topic`);
    }
  });

  it('names only topics that exist, under articles those topics cite', () => {
    for (const row of rows) {
      for (const id of row.topicIds) {
        const topic = byId.get(id);
        assert.ok(topic, `${row.url} lists "${id}", which is not a topic`);
        assert.ok(
          topic.links.some((link) => pageOf(link.url) === row.url),
          `"${id}" is listed under ${row.url} but does not cite it`,
        );
      }
    }
  });

  it('places every topic under at least one article', () => {
    const mapped = new Set(rows.flatMap((row) => row.topicIds));
    const missing = topics.filter((t) => !mapped.has(t.id)).map((t) => t.id);
    assert.deepEqual(missing, [], 'topics missing from the coverage map');
  });
});
