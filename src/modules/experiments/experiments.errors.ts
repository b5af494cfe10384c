// The experiments module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const experimentsErrors = defineErrors({
  EXPERIMENT_NOT_FOUND: { status: 404, en: 'No such experiment.', zh: '找不到这个实验' },
  EXPERIMENT_CAMPAIGN_NOT_FOUND: { status: 404, en: 'No such campaign.', zh: '找不到这个活动' },
  EXPERIMENT_WEIGHTS_INVALID: { status: 422, en: 'Variant weights are whole percentages of at least 1 that add up to 100.', zh: '各版本流量占比须为至少 1 的整数百分比，且合计为 100' },
  EXPERIMENT_CONTROL_INVALID: { status: 422, en: 'Exactly one variant is the control.', zh: '必须且只能有一个对照组' },
  EXPERIMENT_VARIANTS_INVALID: { status: 422, en: 'An experiment has 2 to 6 variants with distinct keys.', zh: '实验需要 2 到 6 个版本，且版本标识不能重复' },
  EXPERIMENT_METRICS_INVALID: { status: 422, en: 'Secondary metrics are distinct and do not repeat the goal metric.', zh: '次要指标不能重复，也不能与目标指标相同' },
  EXPERIMENT_CONFIG_INVALID: { status: 400, en: 'A variant sets a rule this campaign does not let vary, or a value outside its bounds.', zh: '某个版本设置了该活动不允许调整的规则，或取值超出范围' },
  EXPERIMENT_STATUS: { status: 409, en: 'The experiment cannot do that in its current status.', zh: '实验当前状态不允许此操作' },
  EXPERIMENT_CAMPAIGN_BUSY: { status: 409, en: 'Another experiment is already running on this campaign.', zh: '该活动已有正在进行的实验' },
  EXPERIMENT_NOT_STARTED: { status: 409, en: 'The experiment has not started: there are no results yet.', zh: '实验尚未开始，暂无结果' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof experimentsErrors> {}
}
