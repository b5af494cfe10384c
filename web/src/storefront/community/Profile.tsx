// A shopper's profile and a KOL's page: counts, follow, KOL badge and (for a verified KOL) the
// orders and GMV their notes' shares brought; their notes; on one's own profile, the KOL application.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatMoney, formatNumber } from '../../shared/format';
import { Button, QueryView, TextArea, useErrorText, useToast } from '../../shared/ui';
import { useMe } from '../auth';
import { useSignInFor } from '../intent';
import { PageHeader } from '../layout';
import { useCommunityT } from './i18n';
import { Avatar, NoteGrid, type Profile } from './parts';

const profileKey = (id: string) => ['community', 'profile', id];

export function FollowButton({ userId }: { userId: string }) {
  const { t } = useCommunityT();
  const me = useMe();
  const qc = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const signIn = useSignInFor();
  const profile = useQuery({ queryKey: profileKey(userId), queryFn: () => call(api.GET('/api/v1/community/people/{id}', { params: { path: { id: userId } } })), enabled: !!me.data });
  const following = !!profile.data?.followedByMe;
  const toggle = useMutation({
    mutationFn: () => {
      const opts = { params: { path: { id: userId } } };
      return call(following ? api.DELETE('/api/v1/community/people/{id}/follow', opts) : api.PUT('/api/v1/community/people/{id}/follow', opts));
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['community'] }),
    onError: (err) => toast(errorText(err), 'error'),
  });
  if (me.data?.id === userId) return null;
  return (
    <Button variant={following ? 'secondary' : 'primary'} aria-pressed={following} busy={toggle.isPending} onClick={() => (me.data ? toggle.mutate() : signIn('follow'))}>
      {following ? t('unfollow') : t('follow')}
    </Button>
  );
}

function KolApplication({ profile }: { profile: Profile }) {
  const { t } = useCommunityT();
  const qc = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const [intro, setIntro] = useState('');
  const apply = useMutation({
    mutationFn: () => call(api.POST('/api/v1/community/kol/apply', { body: { intro } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: profileKey(profile.id) }),
    onError: (err) => toast(errorText(err), 'error'),
  });
  const status = profile.kol?.status;
  if (status === 'verified') return null;
  if (status === 'applied') return <p className="cm-banner">{t('applied')}</p>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (intro.trim()) apply.mutate();
  };
  return (
    <form className="card" onSubmit={submit}>
      {status && <p className="cm-muted">{t(status === 'rejected' ? 'rejected' : 'revoked')}</p>}
      <TextArea label={t('applyKol')} placeholder={t('applyIntro')} maxLength={200} value={intro} onChange={(e) => setIntro(e.target.value)} rows={2} />
      <Button type="submit" busy={apply.isPending} disabled={!intro.trim()}>
        {t('applySubmit')}
      </Button>
    </form>
  );
}

function ProfileView({ profile }: { profile: Profile }) {
  const { t } = useCommunityT();
  const stats: [string, number][] = [
    [t('followingCount'), profile.following],
    [t('followers'), profile.followers],
    [t('likesReceived'), profile.likesReceived + profile.favouritesReceived],
  ];
  return (
    <>
      <section className="card cm-profile">
        <Avatar person={{ initial: profile.initial, kol: profile.kol?.status === 'verified' }} size={64} />
        <div className="cm-profile-main">
          <h2 className="cm-profile-name">
            {profile.name}
            {profile.kol?.status === 'verified' && <span className="cm-kol-badge cm-kol-badge-text">{t('kolBadge')}</span>}
          </h2>
          {profile.kol?.intro && profile.kol.status === 'verified' && <p className="cm-muted">{profile.kol.intro}</p>}
          <dl className="cm-stats">
            {stats.map(([label, n]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{formatNumber(n)}</dd>
              </div>
            ))}
          </dl>
          {profile.sales && <p className="cm-sales" data-testid="kol-sales">{t('kolSales', { orders: profile.sales.orders, gmv: formatMoney(profile.sales.gmv) })}</p>}
        </div>
        {!profile.self && <FollowButton userId={profile.id} />}
      </section>
      {profile.self && <KolApplication profile={profile} />}
      <h3 className="section-title cm-section">{profile.self ? t('myNotes') : t('theirNotes')}</h3>
      <NoteGrid
        queryKey={['community', 'person-notes', profile.id]}
        load={(cursor) => call(api.GET('/api/v1/community/people/{id}/notes', { params: { path: { id: profile.id }, query: { cursor, limit: 20 } } }))}
        empty={t('noNotes')}
      />
    </>
  );
}

export function ProfilePage({ kol = false }: { kol?: boolean }) {
  const { id = '' } = useParams();
  const { t } = useCommunityT();
  const profile = useQuery({ queryKey: profileKey(id), queryFn: () => call(api.GET('/api/v1/community/people/{id}', { params: { path: { id } } })) });
  // A KOL's address is /kol/{id}; anyone else's /people/{id}, whichever link brought the shopper.
  const verified = profile.data?.kol?.status === 'verified';
  if (profile.data && verified !== kol) return <Navigate to={`/${verified ? 'kol' : 'people'}/${id}`} replace />;
  return (
    <>
      <PageHeader title={kol ? t('kolPage') : t('profile')} />
      <QueryView query={profile}>{(p) => <ProfileView profile={p} />}</QueryView>
    </>
  );
}

/** 我的 → 社区主页: one's own profile. */
export function MyProfilePage() {
  const me = useMe();
  if (me.isPending) return null;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent('/me/community')}`} replace />;
  return <Navigate to={`/people/${me.data.id}`} replace />;
}
