// What was shared, as operators read it: the thumbnail and title (English where the console is in
// English and the product has one), with the kind of target; products link to their page.
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import './i18n';

export interface TargetCard {
  type: string;
  id: string;
  title: string | null;
  titleEn: string | null;
  image: string | null;
}

export function TargetLabel({ target }: { target: TargetCard }) {
  const { t, i18n } = useTranslation(['sharesx', 'admin']);
  const title = (i18n.language === 'en' && target.titleEn) || target.title || t('gone');
  const kind = t(`admin:targetType.${target.type}`, { defaultValue: target.type });
  return (
    <Space size={8}>
      {target.image ? <img src={target.image} alt="" width={36} height={36} style={{ objectFit: 'cover', borderRadius: 4 }} /> : <span style={{ display: 'inline-block', width: 36 }} />}
      <span>
        {target.type === 'product' ? <Link to={`/products/${target.id}`}>{title}</Link> : title}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{kind}</Typography.Text>
      </span>
    </Space>
  );
}

/** A share channel (wechat, link, …) by its name in the current language. */
export function useChannelLabel() {
  const { t } = useTranslation('admin');
  return (channel: string) => t(`common:share.channels.${channel}`, { defaultValue: channel });
}
