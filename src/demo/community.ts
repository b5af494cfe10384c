// The demo's content: reviews on received orders (mostly happy, some not, so the product pages
// show a distribution and the negative-spike check has something to compare), 晒单 and 种草 notes
// from a few shoppers with topics, likes and follows, so the 社区 tab and KOL pages are not empty.
// Everything goes through the services, so moderation screens each text as it would a shopper's.
import { seededRandom } from '../platform/random.ts';
import type { Services } from '../services.ts';

interface Progress {
  stage(name: string): { onProgress(done: number, total: number): void; done(summary: string): void };
}

const REVIEWS: { rating: number; text: string }[] = [
  { rating: 5, text: '质量很好，做工精致，和图片一样，物流也很快，包装完好。' },
  { rating: 5, text: '第二次回购了，一如既往的好用，家里人都很喜欢。' },
  { rating: 5, text: '拼团价很划算，跟朋友一起买的，发货快，客服回复也及时。' },
  { rating: 4, text: '整体不错，性价比高，就是快递慢了一天。' },
  { rating: 4, text: '东西挺好的，颜色比想象中深一点，可以接受。' },
  { rating: 5, text: '非常满意，细节处理得很好，推荐给身边的朋友了。' },
  { rating: 3, text: '一般般吧，用着还行，没有特别惊喜。' },
  { rating: 4, text: '收到货试了一下，效果挺好，包装也用心。' },
  { rating: 2, text: '尺寸偏小，做工有点粗糙，和描述不太一样。' },
  { rating: 1, text: '收到就是坏的，联系客服处理得很慢，很失望。' },
  { rating: 5, text: '超出预期！价格便宜质量好，下次还会再来。' },
  { rating: 3, text: '物流很快，但是东西质量不太好，凑合用吧。' },
];
// Weights of the templates above: a store's reviews lean happy.
const WEIGHTS = [4, 3, 3, 3, 2, 3, 2, 2, 1, 1, 2, 1];

const NOTES: { title: string; text: string }[] = [
  { title: '这个真的闭眼入', text: '用了一周来交作业，质感在线，价格也友好，拼团更划算。#好物分享 #拼团' },
  { title: '晒单｜终于等到它', text: '和闺蜜一起拼的，两个人就成团了，包装很精致，送人也合适。#晒单 #好物分享' },
  { title: '宿舍党必备清单', text: '整理了一下最近回购最多的几样，每一样都经得起考验。#学生党 #好物分享' },
  { title: '砍价成功，零食自由', text: '叫了三个朋友帮我砍，最后几乎半价到手，太快乐了。#砍价 #晒单' },
  { title: '通勤好物合集', text: '地铁通勤一小时，这几样让路上舒服很多，亲测好用。#通勤 #好物分享' },
  { title: '秒杀抢到了！', text: '定了闹钟准点抢，运气不错抢到了，发货也快。#秒杀 #晒单' },
];

export async function seedDemoCommunity(services: Services, progress: Progress, opts: { shopperIds: string[] }) {
  const stage = progress.stage('Community');
  const random = seededRandom(20261219);
  const pick = () => {
    let r = random() * WEIGHTS.reduce((a, b) => a + b, 0);
    for (let i = 0; i < WEIGHTS.length; i++) if ((r -= WEIGHTS[i]!) < 0) return REVIEWS[i]!;
    return REVIEWS[0]!;
  };

  // Reviews: the first line of received (completed) orders, newest first.
  const completed = await services.orders.list({ status: 'completed', limit: 100 });
  let reviews = 0;
  for (const [i, order] of completed.items.entries()) {
    const line = order.lines[0];
    if (!line || line.refundedQuantity >= line.quantity) continue;
    const { rating, text } = pick();
    await services.reviews.create(order.userId, { orderId: order.id, lineId: line.id, rating, text });
    reviews++;
    stage.onProgress(i + 1, completed.items.length + NOTES.length);
  }

  // Notes: 晒单 from some of those orders by their buyers, 种草 from others; likes and follows.
  const authors: string[] = [];
  const notes: string[] = [];
  for (const [i, note] of NOTES.entries()) {
    const order = completed.items[i * 7];
    if (!order) break;
    const posted = await services.community.postNote(order.userId, { ...note, orderId: order.id });
    authors.push(order.userId);
    notes.push(posted.id);
    stage.onProgress(completed.items.length + i + 1, completed.items.length + NOTES.length);
  }
  const fans = opts.shopperIds.slice(0, 60);
  let likes = 0;
  for (const fan of fans) {
    for (const noteId of notes) {
      if (random() < 0.3) {
        await services.community.like(fan, noteId, true);
        likes++;
      }
    }
    const author = authors[Math.floor(random() * authors.length)];
    if (author && author !== fan) await services.community.follow(fan, author, true);
  }
  stage.done(`${reviews} reviews, ${notes.length} notes with ${likes} likes, ${fans.length} shoppers following their authors`);
}
