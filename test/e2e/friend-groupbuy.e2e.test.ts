/// <reference lib="dom" />
// The friend's side of a team link, at 375 × 812: a sharer starts a team and shares it; a friend on
// another phone, signed out, opens the link, sees the team landing, taps 立即参团, signs up in the
// same flow and lands on the confirm step (到手价 and address) without tapping 立即参团 again,
// confirms and pays; the charge equals the 到手价 on the button, and the completed team offers
// 查看订单 / 再开一团 / 分享晒单 instead of an invite and a deadline.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './paths.ts';
import { addAddressIfAsked, copyShareLink, onPath, payWithTestCard, signUp, visible } from './storefront.ts';
import { ApiClient, baseUrl, browserTestsEnabled, launchBrowser, phoneContext, screenshot, startGroupbuy, watchErrors } from './support.ts';

/** Saves the screenshot as an artifact and, for the README, in docs/screenshots/. */
async function keep(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const file = await screenshot(page, name);
  fs.copyFileSync(file, path.join(ROOT, 'docs', 'screenshots', `${name}.png`));
}

/** ¥29.90 → 2990 (fen). */
const fen = (text: string) => {
  const m = /¥\s?([\d,]+\.\d{2})/.exec(text);
  if (!m) throw new Error(`no price in "${text}"`);
  return Math.round(Number(m[1].replace(/,/g, '')) * 100);
};

describe.runIf(browserTestsEnabled())('a friend joins a team through a share link, signing up on the way', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('open link → landing → 立即参团 → sign up → confirm → pay: the team completes without a second tap', async () => {
    const op = await ApiClient.operator();
    const title = `E2E friend team ${Date.now().toString(36)}`;
    const { campaignId } = await startGroupbuy(op, { title, price: 4_990, groupPrice: 1_990, teamSize: 2 });

    // The sharer: signs up, starts a team from the group-buy list, pays and copies the team link.
    const contextA = await phoneContext(browser);
    await contextA.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
    const a = await contextA.newPage();
    const errorsA = watchErrors(a);
    await a.goto(`/signup?next=${encodeURIComponent('/groupbuy')}`);
    await signUp(a, 'Sally Sharer');
    await onPath(a, /^\/groupbuy$/);
    await a.getByRole('article', { name: title }).getByRole('button', { name: 'Start a team' }).click();
    await addAddressIfAsked(a);
    await payWithTestCard(a);
    await onPath(a, /^\/groupbuy\/teams\/[^/]+$/);
    const teamId = new URL(a.url()).pathname.split('/')[3];
    await visible(a, '1 seat left');
    const link = await copyShareLink(a, 'Invite friends');

    // The list now shows who is teaming up and the team waiting for a friend (leader masked).
    await a.goto('/groupbuy');
    const card = a.getByRole('article', { name: title });
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('1 teaming up now');
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain("S*'s team");
    expect(await card.textContent()).toContain('1 more needed');
    expect(await card.textContent()).not.toContain('Sally Sharer');
    await card.scrollIntoViewIfNeeded();
    await keep(a, 'groupbuy-list-open-teams');

    // The friend: another phone, signed out, opens the link and sees the team landing.
    const contextB = await phoneContext(browser);
    const b = await contextB.newPage();
    const errorsB = watchErrors(b);
    await b.goto(link);
    await onPath(b, new RegExp(`^/groupbuy/teams/${teamId}$`));
    await visible(b, title);
    const join = b.getByRole('button', { name: 'Join team' });
    await join.waitFor();
    const advertised = fen((await join.textContent()) ?? '');
    await keep(b, 'friend-groupbuy-landing');

    // One tap: sign in → create an account → back on the team with the action carried.
    await join.click();
    await onPath(b, /^\/login$/);
    expect(new URL(b.url()).searchParams.get('next')).toContain('do=join');
    await signUp(b, 'Frankie Friend');
    await onPath(b, new RegExp(`^/groupbuy/teams/${teamId}$`));
    expect(new URL(b.url()).searchParams.get('s')).toBe(link.split('/s/')[1]);
    // A new account has no address yet: the sheet asks for one, then the confirm step follows by itself.
    await addAddressIfAsked(b);
    const confirm = b.getByRole('dialog').filter({ hasText: 'Confirm your order' });
    await confirm.waitFor({ state: 'visible', timeout: 20_000 });
    expect(new URL(b.url()).searchParams.get('do')).toBeNull();
    expect(fen((await confirm.getByTestId('confirm-delivered').textContent()) ?? '')).toBe(advertised);
    await expect.poll(() => confirm.getByTestId('confirm-address').textContent(), { timeout: 20_000 }).toContain('文三路 90 号');
    await keep(b, 'friend-groupbuy-confirm');
    await confirm.getByRole('button', { name: /^Confirm and pay/ }).click();
    const orderB = await payWithTestCard(b);
    await onPath(b, new RegExp(`^/groupbuy/teams/${teamId}$`));
    await visible(b, 'Team complete', 30_000);

    // The completed team: the shopper's own order, another team, share — no invite, no deadline.
    await b.getByRole('link', { name: 'View order' }).waitFor();
    await b.getByRole('button', { name: 'Start another team' }).waitFor();
    await b.getByRole('button', { name: 'Share your buy' }).waitFor();
    expect(await b.getByRole('button', { name: 'Invite friends' }).count()).toBe(0);
    expect(await b.getByText(/^Deadline/).count()).toBe(0);
    await keep(b, 'groupbuy-team-complete');
    expect(await b.getByRole('link', { name: 'View order' }).getAttribute('href')).toBe(`/orders/${orderB}`);

    // What was charged is the advertised 到手价; the team is complete with two paid members.
    const { order } = await op.get(`/api/v1/admin/orders/${orderB}`);
    expect(order).toMatchObject({ kind: 'groupbuy', total: { amount: advertised }, paid: { amount: advertised } });
    expect(await op.get(`/api/v1/groupbuy/teams/${teamId}`)).toMatchObject({ status: 'completed', paidMembers: 2, campaignId });

    expect([...errorsA, ...errorsB]).toEqual([]);
    await Promise.all([contextA.close(), contextB.close()]);
    // The journeys share one server: a campaign left running would sit on the home page of later ones.
    await op.post(`/api/v1/admin/groupbuy/campaigns/${campaignId}/stop`);
  });
});
