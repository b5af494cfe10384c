// SKU option names and values in the shopper's language. A SKU's English texts are keyed by the
// Chinese attribute name ({"颜色": {"name": "Colour", "value": "Red"}}), so any SKU that has them
// names the option, and its own value, in English; the Chinese shows where there is none.
import { localText } from '../../../shared/format';

interface SkuTexts {
  label: string;
  attributes: Record<string, string>;
  attrsEn: Record<string, { name: string; value: string }> | null;
}

export function optionText(skus: SkuTexts[], name: string): string {
  const en = skus.find((s) => s.attrsEn?.[name])?.attrsEn?.[name];
  return localText(name, en?.name);
}

export function valueText(skus: SkuTexts[], name: string, value: string): string {
  const en = skus.find((s) => s.attributes[name] === value && s.attrsEn?.[name])?.attrsEn?.[name];
  return localText(value, en?.value);
}

/** "Red / M" in English when the SKU has English values, else the Chinese label ("红色 / M"). */
export function skuLabelText(s: SkuTexts): string {
  const values = Object.entries(s.attributes).map(([name, value]) => localText(value, s.attrsEn?.[name]?.value));
  return values.length ? values.join(' / ') : s.label;
}
