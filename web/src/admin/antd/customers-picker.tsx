// Several customers picked by name, email or whole phone number: the multiple-choice sibling of
// CustomerPicker, for issuing a coupon to chosen people instead of pasting account ids.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCustomerSearch, type PickedCustomer } from './customer-picker';
import './i18n';

/** Controlled by `value` / `onChange` (a Form.Item passes them). */
export function CustomersPicker({ value = [], onChange, placeholder, label, id }: { value?: PickedCustomer[]; onChange?: (c: PickedCustomer[]) => void; placeholder?: string; label?: string; id?: string }) {
  const { t } = useTranslation('antdkit');
  const { q, setText, found, options } = useCustomerSearch();
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      placeholder={placeholder ?? t('customerPlaceholder')}
      aria-label={label ?? t('customer')}
      style={{ width: '100%' }}
      value={value.map((c) => ({ value: c.id, label: c.label }))}
      labelInValue
      loading={found.isFetching}
      notFoundContent={q ? t('noCustomer') : t('typeToSearch')}
      options={options}
      onChange={(v: { value: string; label: unknown }[]) => {
        onChange?.(v.map((x) => ({ id: x.value, label: String(x.label) })));
        setText('');
      }}
    />
  );
}
