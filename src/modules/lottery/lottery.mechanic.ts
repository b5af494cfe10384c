// The lucky draw as a mechanic on the campaign kernel: how a new status shows on the draw row, the
// events draw subscribers keep receiving, and what must hold before launch.
import { publishEvent } from '../../platform/events.ts';
import { defineMechanic, mirroredStatus, type Finding } from '../campaigns/index.ts';
import * as repo from './lottery.repo.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { lotteryTables } from './lottery.table.ts';

export const lotteryMechanic = defineMechanic({
  mechanic: 'lottery',
  pausable: true,
  async apply(handle: AnyExecutor, id, change) {
    const trx = lotteryTables.of(handle);
    await repo.updateDraw(trx, id, { status: mirroredStatus(change.to), updated_at: change.at });
    // Published means the rules are locked and announced: scheduled or live straight from the draft.
    if (change.from === 'draft') await publishEvent(trx, change.at, 'lottery.draw_published', id, { drawId: id });
    if (change.to === 'ended') await publishEvent(trx, change.at, 'lottery.draw_stopped', id, { drawId: id });
  },
  async preLaunch(handle: AnyExecutor, id): Promise<Finding[]> {
    const trx = lotteryTables.of(handle);
    const prizes = await repo.findPrizes(trx, id);
    const real = prizes.filter((p) => p.kind !== 'nothing');
    return real.length ? [] : [{ check: 'prizes', severity: 'warn', message: 'The draw has no prize to win: every draw says thank you' }];
  },
});
