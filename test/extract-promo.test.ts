/**
 * Outlet promotion lines (read-also labels, calls to subscribe/follow/join/download, credit labels) in the languages
 * the lexicon covers (src/extract/text/data/promo/*.json), and article sentences that merely mention an app, a
 * channel or a network, which must stay.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promoLine, withoutPromoTail } from '../src/extract/text/promo.ts';
import { extractPlainText } from '../src/extract/plaintext.ts';

const PROMOTIONS: Record<string, string[]> = {
  en: [
    "Join the Harbour Times' Telegram channel and get the latest breaking news delivered to you.",
    "Subscribe to our free newsletter, or our Telegram and WhatsApp channels, for the day's top stories.",
    'SNAP it anytime, anywhere. Download the new Snapline app today.',
    'Top photos from the weekend',
    'Read also: Port upgrade to finish by 2027',
    'Get breaking news alerts to your inbox',
    'Follow the Coast Courier on X and Instagram.',
    'Photo credit: Harbour Herald / J. Tremayne',
  ],
  es: [
    'Lee también: Las claves de la reforma',
    'Síguenos en Telegram y recibe las noticias más importantes del día.',
    'Suscríbete a nuestro boletín',
  ],
  fr: ["À lire aussi : Restrictions d'eau dans le Finistère", 'Abonnez-vous à notre newsletter', 'Suivez-nous sur WhatsApp'],
  de: ['Lesen Sie auch: Warum die Querung später fertig wird', 'Folgen Sie uns auf WhatsApp und erhalten Sie die wichtigsten Nachrichten.'],
  pt: ['Leia também: Preço das casas sobe', 'Siga-nos no Telegram e no WhatsApp para receber as principais notícias.'],
  it: ['Leggi anche: il governo presenta la manovra', 'Seguici su Telegram'],
  ru: ['Читайте также: Как изменятся маршруты автобусов', 'Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать главные новости.'],
  uk: ['Читайте також: Як зміниться розклад потягів', 'Підписуйтесь на наш канал у Telegram'],
  tr: ['Ayrıca okuyun: Toplu taşıma ücretlerine zam', 'Bizi takip edin: Telegram kanalımıza abone olun'],
  pl: ['Czytaj także: Ceny mieszkań znowu w górę', 'Obserwuj nas w Google News'],
  id: ['Baca juga: Harga beras medium stabil', 'Ikuti kami di saluran WhatsApp untuk berita terbaru setiap hari.'],
  ar: ['اقرأ أيضا: ارتفاع أسعار المياه في المدن الكبرى', 'تابعونا على تلغرام لمتابعة آخر الأخبار.'],
  fa: ['بیشتر بخوانید: افزایش نرخ بلیت مترو', 'ما را در تلگرام دنبال کنید و عضو کانال خبری ما شوید.'],
  zh: ['相关阅读：上海公交票价明年起调整', '欢迎关注我们的微信公众号，获取更多本地新闻。'],
};

const ARTICLE_SENTENCES = [
  'Telegram said it had removed the channels after a complaint from the ministry.',
  'Users can download the app from Google Play starting Monday, the company said.',
  'Download speeds on its app have also drawn complaints from users in India.',
  'Support for the app has grown among young voters, a poll found.',
  'The ministry blocked 40 Telegram channels that spread false reports about the strike.',
  '“Subscribe to our channel,” the influencer told his followers in a video on Tuesday.',
  'Join the European Union, the protesters chanted outside parliament.',
  'Also on Monday, the president met the prime minister.',
  'The big picture: the council said the plan would cost £14 million.',
  'Durante la votación, grupos de jubilados siguieron el debate a través de un canal de Telegram.',
  'Горожан предупредили о пробках через городское приложение и официальный Telegram-канал комитета.',
  'Die Fahrzeit soll bei viereinhalb Stunden liegen, Tickets gibt es ab 29 Euro in der App.',
  'Menteri Agama mengatakan pendaftaran tambahan akan dibuka melalui aplikasi resmi kementerian.',
  '市民可以通过官方手机应用查询列车时刻。',
];

for (const [lang, lines] of Object.entries(PROMOTIONS)) {
  test(`promotion lines in ${lang} are recognized`, () => {
    for (const l of lines) assert.ok(promoLine(l), l);
  });
}

test('article sentences that mention an app, a channel or a network are not promotions', () => {
  for (const l of ARTICLE_SENTENCES) assert.equal(promoLine(l), null, l);
});

test('a promotion closing a paragraph is cut off; the paragraph stays', () => {
  assert.equal(
    withoutPromoTail('The bridge will reopen in May, the city said. Subscribe to our newsletter for updates.'),
    'The bridge will reopen in May, the city said.',
  );
  const plain = 'The bridge will reopen in May, the city said. Work will cost $3 million.';
  assert.equal(withoutPromoTail(plain), plain);
});

test('the plain-text extractor drops promotions between body paragraphs and keeps the sentences around them', () => {
  const body1 =
    'The Environment Agency will raise the flood barrier at Calstock by half a metre after water came within 10cm of its top in January.';
  const body2 = 'Residents will be able to track progress on a new council app, which sends alerts when the road by the quay is closed.';
  const promo = "Join the Harbour Times' Telegram channel and get the latest breaking news delivered to you.";
  const r = extractPlainText(
    ['Flood barrier to be raised', body1, promo, body2, 'Work is due to begin in April, the agency said.'].join('\n'),
    { now: new Date('2026-11-22T00:00:00Z') },
  );
  assert.ok(r.ok);
  assert.ok(!r.value.text.includes('Telegram channel'));
  assert.ok(r.value.text.includes(body1) && r.value.text.includes(body2));
  assert.match(r.value.dropped?.find((d) => d.text === promo)?.reason ?? '', /promotion/);
});
