// Share posters: the facts of the shared thing (from the mechanic's registered provider, or the
// target resolver), the words for them in the shopper's language, the SVG, and the PNG. Composed
// into the sharing service; the SVG builder is sharing.poster.ts, the words sharing.poster.facts.ts.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { sha256 } from '../../platform/ids.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { drawEmojiText } from './sharing.poster.emoji.ts';
import { giftText, posterCopy, type PosterFacts, type PosterFactsProvider, type PosterLang, type PosterState } from './sharing.poster.facts.ts';
import { POSTER_FONT_FAMILY, posterSvg, type PosterInput } from './sharing.poster.ts';
import type { ShareRow } from './sharing.repo.ts';
import type { ReferenceCap, ResolvedTarget, TargetType } from './sharing.rules.ts';
import type { SharingPlatform } from './sharing.table.ts';

type Money = { amount: number; currency: string };
export type LoadedImage = { contentType: string; bytes: Uint8Array };

export interface PosterDeps {
  displayNames(executor: AnyExecutor, userIds: string[]): Promise<Map<string, string>>;
  /** Bytes of a target image URL such as /media/{id}; null when unavailable. */
  loadImage?: (url: string) => Promise<LoadedImage | null>;
  /** The all-in price (到手价) of one unit, shipping included, as checkout will charge it (campaigns). */
  deliveredPrice?: (campaignId: string | null, unitAmount: number, currency: string) => Promise<{ freeShipping: boolean; shipping: Money; deliveredPrice: Money }>;
}

/** The words and numbers of a poster: everything but the picture and the QR code. */
export type PosterText = Omit<PosterInput, 'image' | 'qrSvg'> & { sharerName: string };

function posterFonts(): string[] {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  const files = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'].map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
  if (!files.length) throw new Error(`no poster font found in ${dir}`);
  return files;
}

const POSTER_CACHE_SIZE = 200;
const LIVE_MAX_AGE = 60;
const STILL_MAX_AGE = 300;
/** The emoji a mechanic's poster draws where there is no product picture. */
const ART_EMOJI: Record<PosterState['kind'], string> = { product: '🛍️', team: '🛍️', bargain: '🛍️', invite: '🎁', coupon_pack: '🎟️', lottery: '🍀' };

/** A target without a registered provider: what its resolver says, with its type's own words. */
function factsOfTarget(type: string, target: ResolvedTarget): PosterFacts {
  const state: PosterState = type === 'invite' || type === 'coupon_pack' ? { kind: type, gift: null } : type === 'lottery' ? { kind: 'lottery' } : { kind: 'product' };
  return { title: target.title, image: target.image, price: target.price, campaignId: target.campaignId ?? null, reference: target.reference ?? null, state };
}

export function createPosterRenderer(
  p: SharingPlatform,
  deps: PosterDeps,
  shares: { findLink(token: string): Promise<ShareRow>; resolveTarget(executor: AnyExecutor, type: string, id: string): Promise<ResolvedTarget> },
) {
  const { db, clock } = p;
  let fonts: string[] | undefined;
  const cache = new Map<string, { png: Buffer; maxAge: number }>();
  const providers = new Map<string, PosterFactsProvider>();
  // Compliance caps the reference price a poster shows; until one is registered, posters show none.
  let referenceCap: ReferenceCap | null = null;

  function registerReferenceCap(cap: ReferenceCap): void {
    if (referenceCap) throw new Error('a poster reference cap is registered twice');
    referenceCap = cap;
  }

  /** A mechanic module tells posters about its targets (team seats, price-cut progress, invite gift). */
  function registerPosterFacts(type: TargetType, provider: PosterFactsProvider): void {
    if (providers.has(type)) throw new Error(`poster facts for ${type} registered twice`);
    providers.set(type, provider);
  }

  /**
   * SVG to PNG on libuv's thread pool (resvg's renderAsync), not on the event loop: a poster takes
   * tens of milliseconds of CPU, which every other request in the process would otherwise wait out.
   */
  async function rasterise(svg: string, fitWidth?: number): Promise<Buffer> {
    fonts ??= posterFonts();
    const image = await renderAsync(svg, {
      fitTo: fitWidth ? { mode: 'width', value: fitWidth } : { mode: 'original' },
      font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: POSTER_FONT_FAMILY },
    });
    return image.asPng();
  }

  async function loadPosterImage(url: string | null): Promise<LoadedImage | null> {
    if (!url || !deps.loadImage) return null;
    const image = await deps.loadImage(url).catch(() => null);
    if (!image) return null;
    // resvg renders a nested SVG without our fonts, so SVG pictures become PNG first, with them.
    // Emoji-only text (the demo's product art) is drawn as Twemoji shapes; emoji left inside
    // other text are dropped rather than drawn as empty boxes.
    if (image.contentType === 'image/svg+xml') {
      try {
        const text = drawEmojiText(Buffer.from(image.bytes).toString('utf8')).replace(/\p{Extended_Pictographic}\uFE0F?/gu, '');
        return { contentType: 'image/png', bytes: await rasterise(text, 670) };
      } catch {
        return null;
      }
    }
    return image;
  }

  /** The reference price a poster may show beside the price: the claimed one, capped; null for none. */
  async function posterReference(facts: PosterFacts) {
    if (!facts.price || !facts.reference || !referenceCap) return null;
    const [amount] = await referenceCap([{ skuId: facts.reference.skuId, listAmount: facts.reference.amount, priceAmount: facts.reference.priceAmount ?? facts.price.amount }]);
    return amount === null || amount === undefined ? null : { amount, currency: facts.price.currency };
  }

  async function posterFacts(share: ShareRow, lang: PosterLang): Promise<PosterFacts> {
    const provider = providers.get(share.target_type);
    const provided = provider ? await provider(db, share.target_id, lang) : null;
    return provided ?? factsOfTarget(share.target_type, await shares.resolveTarget(db, share.target_type, share.target_id));
  }

  /** What a share's poster says in a language, and the picture URL it shows. */
  async function posterContent(token: string, lang: PosterLang) {
    const share = await shares.findLink(token);
    const facts = await posterFacts(share, lang);
    const sharerName = (await deps.displayNames(db, [share.sharer_id])).get(share.sharer_id) ?? '';
    const reference = await posterReference(facts);
    // 到手价 on a poster is the all-in price: the shipping a new shopper pays is in it, and said.
    let price = facts.price;
    let shipping: Money | null = null;
    if (price && deps.deliveredPrice) {
      const delivered = await deps.deliveredPrice(facts.campaignId, price.amount, price.currency);
      price = delivered.deliveredPrice;
      shipping = delivered.shipping;
    }
    const copy = posterCopy(facts.state, lang, { shipping, now: clock.now(), sharerName });
    const gift = (facts.state.kind === 'invite' || facts.state.kind === 'coupon_pack') && facts.state.gift ? giftText(facts.state.gift, lang) : null;
    const art = facts.image ? null : { emoji: ART_EMOJI[facts.state.kind], big: gift?.big ?? null, small: gift ? (gift.unit === '券' ? '优惠券' : gift.unit) : null };
    const { sharerName: name, ...words } = copy;
    const text: PosterText = { title: facts.title, price, reference, sharerName: name, ...words, art };
    // A team's seats and a price-cut's progress change by the minute; other posters hardly at all.
    const maxAge = facts.state.kind === 'team' || facts.state.kind === 'bargain' ? LIVE_MAX_AGE : STILL_MAX_AGE;
    return { share, text, image: facts.image, maxAge };
  }

  /** The poster as SVG (what the renderer is given): `baseUrl` makes the QR code's link absolute. */
  async function posterDocument(token: string, baseUrl: string, lang: PosterLang) {
    const { share, text, image: imageUrl, maxAge } = await posterContent(token, lang);
    const shareUrl = `${baseUrl.replace(/\/+$/, '')}/s/${share.token}`;
    // The state (seats left, the cut so far, minutes to go) is in `text`, so a changed poster is a new key.
    const key = sha256(JSON.stringify([shareUrl, lang, text, imageUrl]));
    const svg = async () => {
      const [image, qrSvg] = await Promise.all([loadPosterImage(imageUrl), QRCode.toString(shareUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })]);
      return posterSvg({ ...text, image, qrSvg });
    };
    return { key, svg, maxAge };
  }

  /** The poster PNG and how long (seconds) a client may keep it. */
  async function renderPoster(token: string, baseUrl: string, lang: PosterLang = 'zh-CN'): Promise<{ png: Buffer; maxAge: number }> {
    const doc = await posterDocument(token, baseUrl, lang);
    const cached = cache.get(doc.key);
    if (cached) return cached;
    const rendered = { png: await rasterise(await doc.svg()), maxAge: doc.maxAge };
    if (cache.size >= POSTER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(doc.key, rendered);
    return rendered;
  }

  return {
    registerReferenceCap,
    registerPosterFacts,
    posterText: async (token: string, lang: PosterLang = 'zh-CN') => (await posterContent(token, lang)).text,
    /** The poster as the SVG the PNG is rendered from, and how long a client may keep it. */
    posterSvg: async (token: string, baseUrl: string, lang: PosterLang = 'zh-CN') => {
      const doc = await posterDocument(token, baseUrl, lang);
      return { svg: await doc.svg(), maxAge: doc.maxAge };
    },
    renderPoster,
  };
}
