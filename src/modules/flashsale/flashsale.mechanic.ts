// A flash-sale slot as a mechanic on the campaign kernel. A slot is a fixed time window, so it
// cannot pause; the kernel's start publishes it (shoppers see it as upcoming, then live by time)
// and its end stops it. The slot's state stays derived from these stamps and its window.
import { publishEvent } from '../../platform/events.ts';
import { defineMechanic, type Finding } from '../campaigns/index.ts';
import * as repo from './flashsale.repo.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { flashsaleTables } from './flashsale.table.ts';

export const flashsaleMechanic = defineMechanic({
  mechanic: 'flashsale',
  pausable: false,
  async apply(handle: AnyExecutor, id, change) {
    const trx = flashsaleTables.of(handle);
    if (change.from === 'draft' && (change.to === 'scheduled' || change.to === 'live')) {
      await repo.updateSlot(trx, id, { published_at: change.at, updated_at: change.at });
      await publishEvent(trx, change.at, 'flashsale.slot_published', id, { slotId: id, actorId: change.actorId });
    }
    if (change.to === 'ended') {
      const slot = await repo.findSlot(trx, id);
      // Ended by its own clock, the slot needs no stop stamp: only an early stop is recorded.
      if (slot && !slot.stopped_at && slot.ends_at > change.at) {
        await repo.updateSlot(trx, id, { stopped_at: change.at, updated_at: change.at });
        await publishEvent(trx, change.at, 'flashsale.slot_stopped', id, { slotId: id, actorId: change.actorId });
      }
    }
  },
  async preLaunch(handle: AnyExecutor, id): Promise<Finding[]> {
    const trx = flashsaleTables.of(handle);
    const items = await repo.findItemsOfSlots(trx, [id]);
    return items.length ? [] : [{ check: 'items', severity: 'block', message: 'The slot has no item to sell' }];
  },
});
