import { Anchor, AppShell, Burger, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { useI18n, type Lang } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { Loading } from './states';
import { UnreadBadge } from './portfolio/UnreadBadge';
import classes from './Layout.module.css';

interface Link {
  to: string;
  label: MessageKey;
}

function useLinks(): Link[] {
  const { user } = useSession();
  const links: Link[] = [
    { to: '/', label: 'nav.challenges' },
    { to: '/funding-rules', label: 'nav.fundingRules' },
    { to: '/open-data', label: 'nav.openData' },
  ];
  if (user?.role === 'team') {
    links.push(
      { to: '/bids/mine', label: 'nav.myBids' },
      { to: '/consents', label: 'nav.consents' },
      { to: '/projects', label: 'nav.projects' },
    );
  }
  if (user?.role === 'reviewer') links.push({ to: '/review', label: 'nav.review' });
  if (user?.role === 'agency') {
    links.push(
      { to: '/agency/challenges', label: 'nav.myChallenges' },
      { to: '/agency/challenges/new', label: 'nav.newChallenge' },
      { to: '/portfolio', label: 'nav.portfolio' },
      { to: '/agency/ledger', label: 'nav.ledger' },
      { to: '/evaluation', label: 'nav.evaluation' },
    );
  }
  if (user?.role === 'program_manager') links.push({ to: '/portfolio', label: 'nav.portfolio' });
  if (user?.role === 'admin') {
    links.push(
      { to: '/admin', label: 'nav.admin' },
      { to: '/admin/users', label: 'nav.users' },
      { to: '/admin/organisations', label: 'nav.organisations' },
      { to: '/agencies', label: 'nav.agencies' },
      { to: '/admin/auditors', label: 'nav.auditors' },
      { to: '/admin/jobs', label: 'nav.queues' },
      { to: '/evaluation', label: 'nav.evaluation' },
    );
  }
  if (user?.role === 'auditor')
    links.push(
      { to: '/audit', label: 'nav.audit' },
      { to: '/admin/organisations', label: 'nav.organisations' },
      { to: '/evaluation', label: 'nav.evaluation' },
    );
  if (user) links.push({ to: '/notifications', label: 'nav.notifications' });
  return links;
}

function Links({ onNavigate, vertical }: { onNavigate?: () => void; vertical?: boolean }) {
  const { t } = useI18n();
  const links = useLinks();
  const items = links.map((link) => (
    <NavLink key={link.to} to={link.to} end className={classes.link} onClick={onNavigate}>
      {t(link.label)}
      {link.to === '/notifications' && <UnreadBadge />}
    </NavLink>
  ));
  return vertical ? <Stack gap={4}>{items}</Stack> : <Group gap={4}>{items}</Group>;
}

function Account({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  if (user) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed" truncate maw={220}>
          {t('nav.signedInAs', { name: user.displayName })} · {t(`role.${user.role}` as MessageKey)}
        </Text>
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            signOut();
            onNavigate?.();
            void navigate('/');
          }}
        >
          {t('nav.signOut')}
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Button component={NavLink} to="/sign-in" size="xs" variant="default" onClick={onNavigate}>
        {t('nav.signIn')}
      </Button>
      <Button component={NavLink} to="/register" size="xs" onClick={onNavigate}>
        {t('nav.register')}
      </Button>
    </Group>
  );
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('nav.language')}
      value={lang}
      onChange={(value) => setLang(value as Lang)}
      data={[
        // A language's own name, marked as Chinese for screen readers on an English page.
        { value: 'zh', label: <span lang="zh-CN">中文</span> },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}

export function Layout() {
  const { t } = useI18n();
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'md', collapsed: { mobile: !opened, desktop: true } }}
      padding="md"
    >
      <a href="#main" className={classes.skip}>
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={t('nav.menu')}
              aria-expanded={opened}
            />
            <Anchor component={NavLink} to="/" underline="never" c="inherit" onClick={close}>
              <Text fw={700} size="lg">
                {t('app.name')}
              </Text>
            </Anchor>
            <nav aria-label={t('nav.menu')} className={classes.desktopOnly}>
              <Links />
            </nav>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <div className={classes.desktopOnly}>
              <Account />
            </div>
          </Group>
        </Group>
      </AppShell.Header>
      {/* The phone menu exists only while open: a hidden copy of the links would be read and tabbed through. */}
      {opened && (
        <AppShell.Navbar p="md" aria-label={t('nav.menu')}>
          <Stack>
            <Links vertical onNavigate={close} />
            <Account onNavigate={close} />
          </Stack>
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
