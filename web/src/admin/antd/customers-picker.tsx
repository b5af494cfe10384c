// Several customers picked by name, email or whole phone number: the multiple-choice sibling of
// CustomerPicker, for issuing a coupon to chosen people instead of pasting account ids.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { useDebounced } from '../kit';
import type { PickedCustomer } from './customer-picker';
import './i18n';

export function CustomersPicker({ value, onChange, placeholder, label, id }: { value: PickedCustomer[]; onChange: (c: PickedCustomer[]) => void; placeholder?: string; label?: string; id?: string }) {
  const { t } = useTranslation('antdkit');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['admin', 'customers', 'pick', q],
    queryFn: () => call(api.GET('/api/v1/admin/customers', { params: { query: { q, limit: 10 } } })),
    enabled: q.length > 0,
  });
  const options = (found.data?.items ?? []).map((c) => ({ value: c.id, label: [c.displayName, c.phone ?? c.email].filter(Boolean).join(' · ') }));
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
        onChange(v.map((x) => ({ id: x.value, label: String(x.label) })));
        setText('');
      }}
    />
  );
}
