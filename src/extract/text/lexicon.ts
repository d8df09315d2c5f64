/**
 * A small multilingual lexicon of page-furniture wording: call-to-action verbs
 * and nouns (share, subscribe, read also, comment, donate, download the app…),
 * ad placeholders, image/logo labels, desk labels. It is ONE signal among
 * several (line shape, position, script, repetition); on its own it only
 * decides short lines. Each phrase carries its language, which also tells the
 * language of the furniture (a hint of the outlet's country).
 */
import { foldToken } from '../../util/calendar.ts';

export type CtaKind =
  | 'share' // share/tweet/copy link, social network names
  | 'ad' // advertisement placeholders
  | 'related' // read also, related, most read, more on this
  | 'subscribe' // newsletter, sign up, subscribe, follow us
  | 'comment' // comment prompts and policies
  | 'donate' // support us, donate, become a patron
  | 'app' // download the app, app store
  | 'legal' // cookies, rights reserved, privacy
  | 'media' // image, photo, logo, badge, video labels
  | 'nav' // home, menu, search, sections
  | 'thanks'; // thank-you messages after a form

interface Entry {
  lang: string;
  kind: CtaKind;
  phrases: string;
}

// Phrases separated by `;`. Matched on folded (lowercase, accent-free) whole tokens.
const ENTRIES: Entry[] = [
  // social networks / share bars: language-neutral
  {
    lang: '',
    kind: 'share',
    phrases:
      'facebook;twitter;x;whatsapp;telegram;vk;vkontakte;ok;odnoklassniki;linkedin;pinterest;reddit;viber;messenger;flipboard;instagram;tiktok;youtube;threads;bluesky;mastodon;line;weibo;wechat;google news;rss;paypal;patreon',
  },
  { lang: 'ru', kind: 'share', phrases: 'вконтакте;одноклассники;телеграм;поделиться;поделитесь;отправить;скопировать ссылку' },
  { lang: 'uk', kind: 'share', phrases: 'поділитися;поширити;телеграм' },
  {
    lang: 'en',
    kind: 'share',
    phrases:
      'share;shares this;share this;share on;tweet;email;e-mail;print;copy link;copy url;link copied;send;save;saved;bookmark;listen;listen to this article;gift article;gift this article;reuse this content',
  },
  { lang: 'es', kind: 'share', phrases: 'compartir;comparte;copiar enlace;enviar;imprimir' },
  { lang: 'pt', kind: 'share', phrases: 'compartilhe;compartilhar;partilhar;partilhe;copiar link;imprimir' },
  { lang: 'fr', kind: 'share', phrases: 'partager;partagez;copier le lien;imprimer;envoyer' },
  { lang: 'de', kind: 'share', phrases: 'teilen;drucken;link kopieren;versenden' },
  { lang: 'it', kind: 'share', phrases: 'condividi;stampa;copia link' },
  { lang: 'pl', kind: 'share', phrases: 'udostepnij;udostępnij;drukuj;kopiuj link' },
  { lang: 'tr', kind: 'share', phrases: 'paylaş;paylas;bağlantıyı kopyala;yazdır' },
  { lang: 'nl', kind: 'share', phrases: 'delen;deel;kopieer link' },
  { lang: 'ar', kind: 'share', phrases: 'شارك;مشاركة;تغريد;نسخ الرابط;طباعة' },
  { lang: 'zh', kind: 'share', phrases: '分享;转发' },
  { lang: 'ja', kind: 'share', phrases: '共有;シェア' },
  { lang: 'ko', kind: 'share', phrases: '공유' },
  { lang: 'zh', kind: 'ad', phrases: '广告' },
  { lang: 'ja', kind: 'ad', phrases: '広告' },
  { lang: 'ko', kind: 'ad', phrases: '광고' },
  { lang: 'zh', kind: 'related', phrases: '相关阅读;相关新闻;延伸阅读' },
  { lang: 'ja', kind: 'related', phrases: '関連記事;関連ニュース' },
  { lang: 'ko', kind: 'related', phrases: '관련기사;관련 기사' },
  { lang: 'zh', kind: 'subscribe', phrases: '订阅;關注;关注我们' },
  { lang: 'ja', kind: 'subscribe', phrases: '購読;フォロー' },
  { lang: 'ko', kind: 'subscribe', phrases: '구독' },
  { lang: 'zh', kind: 'comment', phrases: '评论;評論' },
  { lang: 'ja', kind: 'comment', phrases: 'コメント' },
  { lang: 'ko', kind: 'comment', phrases: '댓글' },

  {
    lang: 'en',
    kind: 'ad',
    phrases:
      'advertisement;advertising;sponsored;ad;ads;promoted;story continues below advertisement;loading;story continues below;article continues below;continue reading below;scroll to continue;scroll to continue with content;skip advertisement;paid content;partner content',
  },
  { lang: 'es', kind: 'ad', phrases: 'publicidad;anuncio;patrocinado;cargando' },
  { lang: 'pt', kind: 'ad', phrases: 'publicidade;patrocinado;carregando' },
  { lang: 'fr', kind: 'ad', phrases: 'publicité;publicite;sponsorisé;chargement' },
  { lang: 'de', kind: 'ad', phrases: 'anzeige;werbung;gesponsert' },
  { lang: 'it', kind: 'ad', phrases: 'pubblicità;pubblicita;sponsorizzato' },
  { lang: 'pl', kind: 'ad', phrases: 'reklama;ładowanie' },
  { lang: 'tr', kind: 'ad', phrases: 'reklam;reklamlar;yükleniyor;yukleniyor' },
  { lang: 'ru', kind: 'ad', phrases: 'реклама;загрузка' },
  { lang: 'uk', kind: 'ad', phrases: 'реклама;завантаження' },
  { lang: 'nl', kind: 'ad', phrases: 'advertentie;gesponsord' },
  { lang: 'ar', kind: 'ad', phrases: 'إعلان;اعلان;إعلانات' },

  {
    lang: 'en',
    kind: 'related',
    phrases:
      "read also;read more;see also;related;related stories;related articles;most read;most popular;more on this;more from;recommended;you may also like;trending;top stories;latest news;more stories;also read;explore more on these topics;more on this story;related topics;topics;tags;continue reading;most viewed;editors picks;editor's picks;also watch;watch;more in",
  },
  { lang: '', kind: 'related', phrases: 'tags' },
  { lang: 'tr', kind: 'related', phrases: 'etiketler;etiket;haberin devamı;konular' },
  { lang: 'de', kind: 'related', phrases: 'schlagwörter;themen' },
  { lang: 'fr', kind: 'related', phrases: 'mots-clés;étiquettes;sujets' },
  { lang: 'es', kind: 'related', phrases: 'etiquetas;temas' },
  { lang: 'pl', kind: 'related', phrases: 'tagi;tematy' },
  { lang: 'ru', kind: 'related', phrases: 'теги;метки;темы' },
  { lang: 'ar', kind: 'related', phrases: 'وسوم;الكلمات الدلالية' },
  {
    lang: 'es',
    kind: 'related',
    phrases: 'lee también;lea también;leer más;te puede interesar;noticias relacionadas;lo más leído;ver también;relacionado',
  },
  { lang: 'pt', kind: 'related', phrases: 'leia também;leia mais;veja também;mais lidas;relacionadas;saiba mais' },
  { lang: 'fr', kind: 'related', phrases: 'lire aussi;à lire aussi;a lire aussi;voir aussi;les plus lus;sur le même sujet;lire la suite' },
  {
    lang: 'de',
    kind: 'related',
    phrases: 'lesen sie auch;auch interessant;mehr zum thema;weitere artikel;meistgelesen;das könnte sie auch interessieren;weiterlesen',
  },
  { lang: 'it', kind: 'related', phrases: 'leggi anche;leggi di più;più letti;potrebbe interessarti' },
  { lang: 'pl', kind: 'related', phrases: 'czytaj także;czytaj też;czytaj więcej;zobacz także;zobacz też;najczęściej czytane;polecamy' },
  {
    lang: 'tr',
    kind: 'related',
    phrases: 'ilginizi çekebilir;bunlar da ilginizi çekebilir;devamını oku;ayrıca okuyun;en çok okunanlar;ilgili haberler',
  },
  { lang: 'ru', kind: 'related', phrases: 'читайте также;читать также;по теме;читать далее;самое читаемое;смотрите также' },
  { lang: 'uk', kind: 'related', phrases: 'читайте також;дивіться також;за темою' },
  { lang: 'nl', kind: 'related', phrases: 'lees ook;meest gelezen;gerelateerd' },
  { lang: 'ar', kind: 'related', phrases: 'اقرأ أيضا;اقرأ ايضا;اقرأ أيضاً;اقرأ المزيد;الأكثر قراءة;مواضيع ذات صلة' },

  {
    lang: 'en',
    kind: 'subscribe',
    phrases:
      'subscribe;subscribed;subscription;newsletter;sign up;sign in;log in;register;follow us;join us;join our;get alerts;notifications;click here;tap here;subscribers only;for subscribers;exclusive to subscribers;already a subscriber;members only;log in to continue;sign in to continue;free trial',
  },
  { lang: 'es', kind: 'subscribe', phrases: 'haga clic;haz clic;pincha aquí' },
  { lang: 'fr', kind: 'subscribe', phrases: 'cliquez ici' },
  { lang: 'de', kind: 'subscribe', phrases: 'hier klicken;klicken sie hier' },
  { lang: 'ru', kind: 'subscribe', phrases: 'нажмите;нажмите здесь' },
  { lang: 'es', kind: 'subscribe', phrases: 'suscríbete;suscribete;suscribirse;suscripción;boletín;boletin;síguenos;siguenos;regístrate' },
  { lang: 'pt', kind: 'subscribe', phrases: 'assine;inscreva-se;inscreva;receba;newsletter;siga-nos;cadastre-se' },
  { lang: 'fr', kind: 'subscribe', phrases: 'abonnez-vous;abonnez;abonnement;inscrivez-vous;suivez-nous;lettre d information' },
  { lang: 'de', kind: 'subscribe', phrases: 'abonnieren;abonnieren sie;jetzt abonnieren;folgen sie uns;anmelden;registrieren' },
  { lang: 'it', kind: 'subscribe', phrases: 'iscriviti;abbonati;seguici' },
  { lang: 'pl', kind: 'subscribe', phrases: 'zapisz się;zapisz sie;subskrybuj;obserwuj nas;prenumerata' },
  { lang: 'tr', kind: 'subscribe', phrases: 'abone ol;bültenimize;bülten;takip edin;takip et' },
  { lang: 'ru', kind: 'subscribe', phrases: 'подписывайтесь;подпишитесь;подписаться;рассылка;рассылку;подписка' },
  { lang: 'uk', kind: 'subscribe', phrases: 'підписуйтесь;підпишіться;підписатися;розсилка' },
  { lang: 'nl', kind: 'subscribe', phrases: 'abonneer;aanmelden;volg ons' },
  { lang: 'ar', kind: 'subscribe', phrases: 'اشترك;اشتراك;النشرة البريدية;تابعونا;تابعنا' },

  {
    lang: 'en',
    kind: 'comment',
    phrases: 'comment;comments;write a comment;leave a comment;add a comment;join the conversation;comment policy',
  },
  { lang: 'es', kind: 'comment', phrases: 'comentarios;comentar;deja un comentario;escribe un comentario' },
  { lang: 'pt', kind: 'comment', phrases: 'comentários;comentarios;comente;deixe um comentário' },
  { lang: 'fr', kind: 'comment', phrases: 'commentaires;commenter;réagir' },
  { lang: 'de', kind: 'comment', phrases: 'kommentare;kommentar;kommentieren;kommentare anzeigen' },
  { lang: 'it', kind: 'comment', phrases: 'commenti;commenta' },
  { lang: 'pl', kind: 'comment', phrases: 'komentarze;skomentuj;dodaj komentarz' },
  { lang: 'tr', kind: 'comment', phrases: 'yorum;yorumlar;yorum yap;yorum yaz' },
  { lang: 'ru', kind: 'comment', phrases: 'комментарии;комментарий;оставить комментарий;написать комментарий' },
  { lang: 'uk', kind: 'comment', phrases: 'коментарі;коментар;залишити коментар' },
  { lang: 'ar', kind: 'comment', phrases: 'تعليقات;التعليقات;أضف تعليق' },

  { lang: 'en', kind: 'donate', phrases: 'donate;donation;support us;support our;become a patron;patron;contribute' },
  { lang: 'es', kind: 'donate', phrases: 'dona;donar;donación;apóyanos;apoyanos' },
  { lang: 'pt', kind: 'donate', phrases: 'doe;doação;apoie' },
  { lang: 'fr', kind: 'donate', phrases: 'faites un don;soutenez;soutenir;don' },
  { lang: 'de', kind: 'donate', phrases: 'spenden;spende;unterstützen sie' },
  { lang: 'pl', kind: 'donate', phrases: 'wesprzyj;wpłać;darowizna' },
  { lang: 'tr', kind: 'donate', phrases: 'destek ol;bağış' },
  { lang: 'ru', kind: 'donate', phrases: 'поддержать;поддержите;пожертвовать;донат' },
  { lang: 'uk', kind: 'donate', phrases: 'підтримати;підтримайте;патроном;донат' },
  { lang: 'ar', kind: 'donate', phrases: 'تبرع;ادعمنا' },

  { lang: 'en', kind: 'app', phrases: 'app;app store;google play;download;get the app' },
  { lang: 'es', kind: 'app', phrases: 'descarga;descargar;aplicación' },
  { lang: 'pt', kind: 'app', phrases: 'baixe;aplicativo' },
  { lang: 'fr', kind: 'app', phrases: 'téléchargez;télécharger;application' },
  { lang: 'de', kind: 'app', phrases: 'herunterladen;laden sie' },
  { lang: 'pl', kind: 'app', phrases: 'pobierz;aplikację;aplikacja' },
  { lang: 'tr', kind: 'app', phrases: 'uygulamayı;indir;uygulama' },
  { lang: 'ru', kind: 'app', phrases: 'скачать;приложение;приложении' },
  { lang: 'ar', kind: 'app', phrases: 'حمل التطبيق;التطبيق' },

  {
    lang: 'en',
    kind: 'legal',
    phrases:
      'cookies;cookie;accept all;privacy policy;terms of use;terms of service;all rights reserved;copyright;our standards;trust principles;editorial standards;corrections policy',
  },
  { lang: 'es', kind: 'legal', phrases: 'todos los derechos reservados;política de privacidad;aceptar' },
  { lang: 'pt', kind: 'legal', phrases: 'todos os direitos reservados;política de privacidade' },
  { lang: 'fr', kind: 'legal', phrases: 'tous droits réservés;politique de confidentialité' },
  { lang: 'de', kind: 'legal', phrases: 'alle rechte vorbehalten;datenschutz;impressum' },
  { lang: 'pl', kind: 'legal', phrases: 'wszelkie prawa zastrzeżone' },
  { lang: 'tr', kind: 'legal', phrases: 'tüm hakları saklıdır;çerez' },
  { lang: 'ru', kind: 'legal', phrases: 'все права защищены' },
  { lang: 'ar', kind: 'legal', phrases: 'جميع الحقوق محفوظة' },

  {
    lang: 'en',
    kind: 'media',
    phrases:
      'image;photo;picture;logo;badge;illustration;video;gallery;caption;credit;getty images;photograph;image caption;image source;photo credit;source image',
  },
  { lang: 'es', kind: 'media', phrases: 'imagen;foto;fotografía' },
  { lang: 'pt', kind: 'media', phrases: 'imagem;foto' },
  { lang: 'fr', kind: 'media', phrases: 'photo;illustration' },
  { lang: 'de', kind: 'media', phrases: 'bild;foto' },
  { lang: 'pl', kind: 'media', phrases: 'zdjęcie;fot' },
  { lang: 'tr', kind: 'media', phrases: 'fotoğraf' },
  { lang: 'ru', kind: 'media', phrases: 'фото;видео' },
  { lang: 'ar', kind: 'media', phrases: 'صورة;فيديو' },

  {
    lang: 'en',
    kind: 'nav',
    phrases:
      'home;menu;search;sections;skip to content;back to top;next article;previous article;min read;mins read;minute read;minutes read;reading time',
  },
  { lang: 'es', kind: 'nav', phrases: 'inicio;portada' },
  { lang: 'de', kind: 'nav', phrases: 'startseite;zur startseite;lesezeit;artikel anhören;vorlesen;merken' },
  { lang: 'fr', kind: 'nav', phrases: 'accueil;temps de lecture;écouter cet article;lire plus tard' },
  { lang: 'es', kind: 'nav', phrases: 'escuchar;escuchar noticia;guardar;tiempo de lectura' },
  { lang: 'ru', kind: 'nav', phrases: 'главная;слушать;сохранить;время чтения' },

  { lang: 'en', kind: 'thanks', phrases: 'thank you;thanks' },
  { lang: 'ru', kind: 'thanks', phrases: 'спасибо' },
  { lang: 'uk', kind: 'thanks', phrases: 'дякуємо;дякую' },
];

/** Single words that are also common in prose; as a lone word they say little. */
const WEAK = new Set(
  [
    'x',
    'ok',
    'line',
    'threads',
    'messenger',
    'facebook',
    'twitter',
    'whatsapp',
    'telegram',
    'vk',
    'linkedin',
    'instagram',
    'youtube',
    'tiktok',
    'reddit',
    'pinterest',
    'paypal',
    'patreon',
    'rss',
    'share',
    'send',
    'print',
    'email',
    'e-mail',
    'save',
    'saved',
    'listen',
    'ad',
    'ads',
    'advertising',
    'promoted',
    'sponsored',
    'related',
    'trending',
    'recommended',
    'topics',
    'tags',
    'watch',
    'latest',
    'comment',
    'register',
    'subscription',
    'notifications',
    'donation',
    'patron',
    'contribute',
    'app',
    'download',
    'image',
    'photo',
    'picture',
    'video',
    'gallery',
    'caption',
    'credit',
    'illustration',
    'logo',
    'badge',
    'home',
    'menu',
    'search',
    'sections',
    'thanks',
    'don',
    'indir',
    'stampa',
    'enviar',
    'envoyer',
    'imprimir',
    'temas',
    'themen',
    'sujets',
    'konular',
    'темы',
    'aceptar',
    'cookie',
    'cookies',
    'copyright',
    'data',
    'bild',
    'foto',
    'фото',
    'видео',
    'uygulama',
    'application',
    'aplicación',
    'aplikacja',
    'приложение',
  ].map(foldToken),
);

export interface CtaHit {
  kind: CtaKind;
  lang: string;
  /** An ordinary word too (search, home, watch, share…): counts only on tiny lines or as a label ("Watch: …"). */
  weak: boolean;
  /** Token index where the phrase starts, and its length in tokens. */
  at: number;
  len: number;
}

const PHRASES = new Map<string, { kind: CtaKind; lang: string; len: number }[]>();
/** Every proper prefix of a phrase, so matching stops as soon as no phrase can continue. */
const PREFIXES = new Set<string>();
let maxLen = 1;
for (const e of ENTRIES) {
  for (const p of e.phrases.split(';')) {
    const toks = wordTokens(p);
    if (toks.length === 0) continue;
    maxLen = Math.max(maxLen, toks.length);
    const key = toks.join(' ');
    for (let k = 1; k < toks.length; k++) PREFIXES.add(toks.slice(0, k).join(' '));
    const list = PHRASES.get(key) ?? [];
    list.push({ kind: e.kind, lang: e.lang, len: toks.length });
    PHRASES.set(key, list);
  }
}

/** Folded word tokens (letters, digits, inner hyphens/apostrophes). */
export function wordTokens(s: string): string[] {
  const out: string[] = [];
  for (const m of foldToken(s)
    .replace(/’/gu, "'")
    .matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu))
    out.push(m[0]);
  return out;
}

/** Lexicon phrases found in a token list (longest match first, no overlaps). */
export function ctaHits(tokens: string[]): CtaHit[] {
  const hits: CtaHit[] = [];
  for (let i = 0; i < tokens.length;) {
    // Longest phrase starting at i, extending the key only while it is a prefix of some phrase.
    let key = '';
    let best: { kind: CtaKind; lang: string; len: number }[] | null = null;
    let bestN = 0;
    for (let n = 1; n <= maxLen && i + n <= tokens.length; n++) {
      key = n === 1 ? tokens[i] : `${key} ${tokens[i + n - 1]}`;
      const list = PHRASES.get(key);
      if (list) [best, bestN] = [list, n];
      if (!PREFIXES.has(key)) break;
    }
    if (best) for (const h of best) hits.push({ kind: h.kind, lang: h.lang, at: i, len: bestN, weak: bestN === 1 && WEAK.has(tokens[i]) });
    i += bestN || 1;
  }
  return hits;
}

/** Desk/section labels that follow a byline on the same line ("Jane Doe World"). Multilingual, lowercase. */
export const SECTION_LABELS = new Set(
  [
    'world',
    'news',
    'politics',
    'business',
    'economy',
    'markets',
    'finance',
    'money',
    'sport',
    'sports',
    'culture',
    'arts',
    'science',
    'tech',
    'technology',
    'health',
    'opinion',
    'analysis',
    'europe',
    'asia',
    'africa',
    'americas',
    'latin america',
    'middle east',
    'asia-pacific',
    'asia pacific',
    'us',
    'uk',
    'national',
    'international',
    'local',
    'environment',
    'climate',
    'travel',
    'lifestyle',
    'education',
    'investigations',
    'breaking news',
    'live',
    'world news',
    'defence',
    'defense',
    'security',
    'energy',
    'mundo',
    'internacional',
    'política',
    'economía',
    'economia',
    'deportes',
    'esportes',
    'cultura',
    'monde',
    'politique',
    'économie',
    'welt',
    'politik',
    'wirtschaft',
    'ausland',
    'świat',
    'polityka',
    'gospodarka',
    'dünya',
    'ekonomi',
    'siyaset',
    'spor',
    'мир',
    'в мире',
    'политика',
    'экономика',
    'общество',
    'світ',
    'політика',
    'економіка',
    'العالم',
    'سياسة',
    'اقتصاد',
  ].map((s) => wordTokens(s).join(' ')),
);

/** Byline prefixes: "By Jane Doe", "Por …", "Von …", "Автор: …". */
export const BYLINE_PREFIX =
  /^(?:by|written by|words by|reporting by|por|par|von|di|door|av|autor(?:a|in)?|author|автор|авторка|yazan|yazar|بقلم|كتب)\b\s*:?\s+/iu;

/** Second-person and first-person-plural words (the voice of a page addressing its reader). */
export const READER_ADDRESS = new Set(
  [
    'you',
    'your',
    'yours',
    'our',
    'ours',
    'we',
    'please',
    'tu',
    'tus',
    'nuestro',
    'nuestra',
    'nuestros',
    'usted',
    'voce',
    'você',
    'nosso',
    'nossa',
    'vous',
    'votre',
    'vos',
    'notre',
    'nos',
    'unser',
    'unsere',
    'unseren',
    'nasz',
    'nasza',
    'naszego',
    'bizi',
    'bize',
    'sizin',
    'вы',
    'вас',
    'ваш',
    'наш',
    'нас',
    'наши',
    'ви',
    'вас',
    'наш',
    'нас',
  ].map(foldToken),
);

/**
 * Function words of languages written in Latin script, used to tell the
 * language of a short line where trigram detection is unreliable.
 * Only fairly distinctive words are listed.
 */
export const STOPWORDS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({
    en: 'the of and to in a an or is was were are for with that this from by has have had said it its on at as be will would after their his her they which who been not but',
    es: 'el los las del y que por con para una es se su al lo como más fue sus este esta pero sobre también muy nuestro nuestra en a de la un',
    pt: 'o os do da dos das e que com para uma não em no na ao mais foi pelo pela seu sua também nosso nossa você a de um',
    fr: 'le les des du et est une pour dans sur pas qui au aux avec ce cette à sont ont nous vous notre votre été en de la un il',
    de: 'der die das und ist nicht mit den dem ein eine zu auf für von sich auch wird im sie wir unser unsere jetzt zum zur in',
    it: 'il gli della di che è per con una non sono nel alla anche dei delle questo la in un e a',
    nl: 'het een en van niet op met voor zijn dat ook wordt naar bij de in',
    pl: 'i w z na się nie do że jest to od po jak oraz także dla przez już o a',
    tr: 've bir bu için ile çok daha olarak gibi ne kadar mi ise ama veya',
    id: 'yang dan di ini itu dengan untuk dari tidak akan pada',
    ro: 'și în cu pe este care nu din pentru',
    sv: 'och att det som är på för med inte av till ett',
  }).map(([k, v]) => [k, new Set(v.split(' ').map(foldToken))]),
);

/** News agencies and desk roles that follow a byline after a comma or bar ("Jane Doe, Reuters"). */
export const BYLINE_AFFILIATIONS = new Set(
  [
    'reuters',
    'afp',
    'ap',
    'associated press',
    'dpa',
    'efe',
    'ansa',
    'tass',
    'ria novosti',
    'interfax',
    'xinhua',
    'anadolu',
    'anadolu agency',
    'bloomberg',
    'pa',
    'upi',
    'kyodo',
    'yonhap',
    'staff',
    'staff writer',
    'staff reporter',
    'correspondent',
    'reporter',
    'editor',
    'writer',
    'journalist',
    'contributor',
    'senior correspondent',
    'chief correspondent',
    'foreign correspondent',
    'corresponsal',
    'redactor',
    'redacción',
    'korrespondent',
    'redakteur',
    'correspondant',
    'journaliste',
    'корреспондент',
    'корреспондентка',
    'журналист',
    'кореспондент',
    'muhabir',
  ].map((x) => wordTokens(x).join(' ')),
);

/** Imperative verbs that open calls to action ("Open the app…", "Join our…"), in several languages. Folded. */
export const CTA_VERBS = new Set(
  [
    'open',
    'get',
    'download',
    'try',
    'join',
    'sign',
    'click',
    'tap',
    'read',
    'watch',
    'listen',
    'follow',
    'subscribe',
    'share',
    'support',
    'donate',
    'discover',
    'explore',
    'install',
    'visit',
    'see',
    'check',
    'stay',
    'never',
    "don't",
    'dont',
    'become',
    'help',
    'send',
    'tell',
    'leave',
    'add',
    'enable',
    'allow',
    'accept',
    'continue',
    'scroll',
    'swipe',
    'descarga',
    'descargue',
    'abre',
    'únete',
    'sigue',
    'síguenos',
    'lee',
    'mira',
    'descubre',
    'apoya',
    'suscríbete',
    'comparte',
    'deja',
    'activa',
    'baixe',
    'abra',
    'siga',
    'leia',
    'veja',
    'descubra',
    'apoie',
    'assine',
    'compartilhe',
    'deixe',
    'ative',
    'téléchargez',
    'ouvrez',
    'rejoignez',
    'suivez',
    'lisez',
    'découvrez',
    'soutenez',
    'abonnez-vous',
    'partagez',
    'laissez',
    'activez',
    'laden',
    'öffnen',
    'folgen',
    'lesen',
    'entdecken',
    'unterstützen',
    'abonnieren',
    'teilen',
    'aktivieren',
    'hinterlassen',
    'scarica',
    'apri',
    'segui',
    'leggi',
    'scopri',
    'sostieni',
    'iscriviti',
    'condividi',
    'pobierz',
    'otwórz',
    'czytaj',
    'obserwuj',
    'dołącz',
    'wesprzyj',
    'zapisz',
    'udostępnij',
    'zostaw',
    'indirin',
    'açın',
    'okuyun',
    'izleyin',
    'katılın',
    'destekleyin',
    'paylaşın',
    'abone',
    'скачайте',
    'откройте',
    'читайте',
    'подписывайтесь',
    'смотрите',
    'поддержите',
    'присоединяйтесь',
    'оставьте',
    'поделитесь',
    'завантажуйте',
    'відкрийте',
    'підписуйтесь',
    'дивіться',
    'підтримайте',
    'долучайтесь',
    'залиште',
  ].map((w) => wordTokens(w).join(' ')),
);
