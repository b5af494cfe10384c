// The simulator's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const simulatorErrors = defineErrors({
  SIMULATOR_INPUT_INVALID: { status: 400, en: 'This forecast request is out of range.', zh: '预测参数超出允许范围' },
  SIMULATOR_NO_HISTORY: { status: 422, en: 'There are no past cascades to replay.', zh: '没有可回测的历史裂变' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof simulatorErrors> {}
}
