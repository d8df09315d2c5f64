import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRobots, isAllowed, productToken, crawlDelay } from '../src/fetch/robots.ts';

const txt = `
# comments are ignored
User-agent: *
Disallow: /search
Disallow: /*?session=
Allow: /search/about
Disallow: /*.json$

User-agent: parallaxbot
Disallow: /live/
Allow: /live/blog/
Disallow: /archive

User-agent: Googlebot
Disallow: /
`;

describe('robots.txt', () => {
  const robots = parseRobots(txt);
  it('extracts the product token of a user agent', () => {
    assert.equal(productToken('ParallaxBot/0.1 (+https://parallax.example/bot)'), 'parallaxbot');
  });
  it('applies the most specific group to our agent (longest match wins, Allow wins ties)', () => {
    const ua = 'ParallaxBot/0.1';
    assert.equal(isAllowed(robots, ua, '/live/updates'), false);
    assert.equal(isAllowed(robots, ua, '/live/blog/flood-day-3'), true);
    assert.equal(isAllowed(robots, ua, '/archive/2025/01'), false);
    // Our group replaces the * group entirely.
    assert.equal(isAllowed(robots, ua, '/search?q=flood'), true);
    assert.equal(isAllowed(robots, ua, '/robots.txt'), true);
  });
  it('applies the * group with wildcards and $ to other agents', () => {
    const ua = 'SomeReader/3.1';
    assert.equal(isAllowed(robots, ua, '/search?q=x'), false);
    assert.equal(isAllowed(robots, ua, '/search/about'), true);
    assert.equal(isAllowed(robots, ua, '/news/a?session=123'), false);
    assert.equal(isAllowed(robots, ua, '/api/data.json'), false);
    assert.equal(isAllowed(robots, ua, '/api/data.json?v=2'), true);
    assert.equal(isAllowed(robots, ua, '/news/flood'), true);
  });
  it('allows everything when there are no rules, and treats an empty Disallow as allow', () => {
    assert.equal(isAllowed(parseRobots(''), 'X', '/anything'), true);
    assert.equal(isAllowed(parseRobots('User-agent: *\nDisallow:\n'), 'X', '/anything'), true);
    assert.equal(isAllowed(parseRobots('User-agent: *\nDisallow: /\n'), 'X', '/anything'), false);
  });
  it('reads Crawl-delay for the applicable group', () => {
    const r = parseRobots('User-agent: *\nCrawl-delay: 5\n\nUser-agent: parallaxbot\nCrawl-delay: 1.5\nDisallow: /x\n');
    assert.equal(crawlDelay(r, 'ParallaxBot/0.1'), 1.5);
    assert.equal(crawlDelay(r, 'Other/1'), 5);
    assert.equal(crawlDelay(parseRobots('User-agent: *\nDisallow: /x\n'), 'Other/1'), null);
  });
  it('groups consecutive user-agent lines', () => {
    const r = parseRobots('User-agent: a\nUser-agent: b\nDisallow: /x\n');
    assert.equal(isAllowed(r, 'b/1.0', '/x/y'), false);
    assert.equal(isAllowed(r, 'c/1.0', '/x/y'), true);
  });
});
