// A customer in the results lists: display name (linking to the customer's page) and masked phone.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import './i18n';

export interface Person {
  id: string;
  name: string;
  phone: string | null;
}

export function PersonName({ person }: { person: Person }) {
  const { t } = useTranslation('campaignResults');
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Link to={`/customers/${person.id}`}>{person.name || t('person.unknown')}</Link>
      {person.phone && (
        <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
          {person.phone}
        </Typography.Text>
      )}
    </span>
  );
}
