import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topicsOf, isTopic, topicLabel, TOPICS } from '../src/serve/web/topics.ts';
import { filterCards } from '../src/serve/web/front.ts';
import type { StoryCard } from '../src/serve/web/cards.ts';

test('a story is filed under the topic whose words its headline and overview use', () => {
  assert.deepEqual(
    topicsOf('Dam collapses above Velmora, flooding the valley', [
      'The Ostrava Dam gave way on Sunday night after days of heavy rain.',
      'Rescuers searched the flooded villages; regional officials put the death toll at 23.',
    ]),
    ['disaster'],
  );
  assert.deepEqual(
    topicsOf('Kestrel lander touches down near the Moon’s south pole', [
      'The robotic spacecraft landed at 04:12 after a six-day flight from lunar orbit.',
      'Scientists hope to study ice in the shadowed craters.',
    ]),
    ['science'],
  );
  assert.equal(
    topicsOf('Central bank raises interest rates as inflation climbs', [
      'Prices rose 6% in a year; markets fell after the announcement, and investors expect more rises.',
    ])[0],
    'economy',
  );
});

test('a story between two topics gets both, best first; one that uses few topic words gets none', () => {
  const both = topicsOf('Parliament votes to send troops after missile strikes', [
    'Lawmakers backed the government’s request by 210 votes to 98.',
    'The army said two missiles hit an air base overnight; the defence minister called it an act of war.',
  ]);
  assert.deepEqual([...both].sort(), ['conflict', 'politics']);
  assert.deepEqual(
    topicsOf('A quiet Sunday in the old town', ['Cafés opened late and the market square filled with visitors in the afternoon.']),
    [],
  );
  // a word repeated many times is capped: one name does not make a topic
  assert.deepEqual(topicsOf('Apple', ['Apple. Apple. Apple. Apple. Apple.']), []);
});

test('the topic words are matched as whole words, their plurals too; "race" in "critical race theory" is not sport', () => {
  assert.deepEqual(topicsOf('Schools told to stop teaching critical race theory', ['The state banned the theory from classrooms.']), []);
  assert.deepEqual(topicsOf('Floods and earthquakes', ['floods, earthquakes, tsunamis']), ['disaster']);
});

test('topic ids are known; the front page filter keeps the cards of that topic', () => {
  assert.ok(TOPICS.length >= 8);
  assert.ok(isTopic('sport'));
  assert.ok(!isTopic('nope'));
  assert.ok(!isTopic('__proto__'));
  assert.equal(topicLabel('climate'), 'Climate and environment');
  const card = (id: string, topics: string[]): StoryCard => ({
    id,
    title: id,
    summary: null,
    published: '2026-03-15',
    updatedAt: '2026-03-15T00:00:00Z',
    articles: 2,
    outlets: 2,
    countries: [],
    languages: ['en'],
    differ: 0,
    takes: {},
    contrasts: {},
    topics,
    text: '',
  });
  const cards = [card('dam', ['disaster']), card('vote', ['politics', 'conflict']), card('moon', ['science'])];
  assert.deepEqual(
    filterCards(cards, { topic: 'conflict' }).map((c) => c.id),
    ['vote'],
  );
  assert.deepEqual(
    filterCards(cards, {}).map((c) => c.id),
    ['dam', 'vote', 'moon'],
  );
});
