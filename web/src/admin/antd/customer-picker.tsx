// A customer picked by name, email or whole phone number (phones are sealed, so a fragment of one
// finds nothing): the picker operators use instead of pasting account ids.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { useDebounced } from '../kit';
import './i18n';

export interface PickedCustomer {
  id: string;
  label: string;
}

/** The search behind both pickers: customers matching the typed text (debounced), as Select options. */
export function useCustomerSearch() {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['admin', 'customers', 'pick', q],
    queryFn: () => call(api.GET('/api/v1/admin/customers', { params: { query: { q, limit: 10 } } })),
    enabled: q.length > 0,
  });
  const options = (found.data?.items ?? []).map((c) => ({ value: c.id, label: [c.displayName, c.phone ?? c.email].filter(Boolean).join(' · ') }));
  return { q, setText, found, options };
}

/**
 * Searchable customer select. `placeholder` and `label` default to the generic words; the orders
 * workbench passes its own ("Buyer").
 */
export function CustomerPicker({ value, onChange, width = 220, placeholder, label }: { value: PickedCustomer | null; onChange: (c: PickedCustomer | null) => void; width?: number; placeholder?: string; label?: string }) {
  const { t } = useTranslation('antdkit');
  const { q, setText, found, options } = useCustomerSearch();
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      placeholder={placeholder ?? t('customerPlaceholder')}
      aria-label={label ?? t('customer')}
      style={{ width }}
      value={value ? { value: value.id, label: value.label } : undefined}
      labelInValue
      loading={found.isFetching}
      notFoundContent={q ? t('noCustomer') : t('typeToSearch')}
      options={options}
      onChange={(v: { value: string; label: unknown } | undefined) => onChange(v ? { id: v.value, label: String(v.label) } : null)}
    />
  );
}
