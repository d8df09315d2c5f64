/**
 * The ranked cards of the most recently changed stories, for the front, country and search pages. A card is built
 * from the story's latest stored report once per story change (keyed by its updatedAt); the ranked list is reused
 * for a few seconds. Stories whose report is not built yet get a card from their summary.
 */
import type { Store } from '../../store/types.ts';
import type { StorySummary } from '../../model.ts';
import { BoundedCache } from '../api/context.ts';
import { cardFromReport, cardFromSummary, rankCards, type StoryCard } from './cards.ts';

/** How many recent stories the pages rank (the store's largest page). */
const WINDOW = 1000;
const TTL_MS = 5000;

export class CardIndex {
  private cards = new BoundedCache<string, StoryCard>(WINDOW * 2);
  private ranked: { at: number; list: StoryCard[] } | null = null;
  private pending: Promise<StoryCard[]> | null = null;

  constructor(
    private readonly store: Pick<Store, 'listStories' | 'getReport'>,
    private readonly clock: () => Date,
  ) {}

  async card(s: StorySummary): Promise<StoryCard> {
    const key = `${s.id}@${s.updatedAt}@${s.articleIds.length}`;
    const hit = this.cards.get(key);
    if (hit) return hit;
    const rv = await this.store.getReport(s.id);
    const card = rv ? cardFromReport(s, rv.report, this.clock()) : cardFromSummary(s);
    if (rv) this.cards.set(key, card);
    return card;
  }

  /** When the current ranked list was built (changes whenever the list may have): a key for pages made from it. */
  get stamp(): number {
    return this.ranked?.at ?? 0;
  }

  /** Every recent story's card, ranked. */
  async all(): Promise<StoryCard[]> {
    if (this.ranked && Date.now() - this.ranked.at < TTL_MS) return this.ranked.list;
    this.pending ??= this.build().finally(() => (this.pending = null));
    return this.pending;
  }

  private async build(): Promise<StoryCard[]> {
    const stories = await this.store.listStories({ limit: WINDOW });
    const list = rankCards(await Promise.all(stories.map((s) => this.card(s))), this.clock());
    this.ranked = { at: Date.now(), list };
    return list;
  }

  /** Cards of the given stories (search hits), in the order given. */
  async of(stories: StorySummary[]): Promise<StoryCard[]> {
    return Promise.all(stories.map((s) => this.card(s)));
  }
}
