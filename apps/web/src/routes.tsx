import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { RequireRole } from './components/RequireRole';
import { Loading } from './components/states';
import { loadAreas, type MessageArea } from './i18n/i18n';
import ChallengeListPage from './pages/ChallengeListPage';

/**
 * A page loaded on demand: each is its own chunk, so the first visit downloads only the list; with
 * it, the Chinese of the message areas it uses that the first screen leaves out.
 */
const page = (
  load: () => Promise<{ default: React.ComponentType }>,
  areas: readonly MessageArea[] = [],
): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => {
    const [module] = await Promise.all([load(), loadAreas(areas)]);
    return { Component: module.default };
  },
});

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // A deep link waits for its page's chunk before the first render: show that it loads (without it
    // the screen is blank and React Router warns that no HydrateFallback was given).
    hydrateFallbackElement: <Loading />,
    children: [
      // The landing page is in the main chunk: it is what most visitors see first (LCP).
      { index: true, element: <ChallengeListPage /> },
      { path: 'challenges/:id', ...page(() => import('./pages/ChallengePage')) },
      { path: 'funding-rules', ...page(() => import('./pages/FundingRulesPage')) },
      { path: 'open-data', ...page(() => import('./pages/OpenDataPage')) },
      { path: 'register', ...page(() => import('./pages/RegisterPage')) },
      { path: 'sign-in', ...page(() => import('./pages/SignInPage')) },
      { path: 'challenges/:id/bid', ...page(() => import('./pages/BidPage'), ['drafts']) },
      { path: 'bids/mine', ...page(() => import('./pages/MyBidsPage'), ['drafts']) },
      { path: 'consents', ...page(() => import('./pages/ConsentRequestsPage')) },
      { path: 'review', ...page(() => import('./pages/AssignedPage')) },
      { path: 'review/:id', ...page(() => import('./pages/ReviewPage')) },
      { path: 'agency/challenges', ...page(() => import('./pages/MyChallengesPage')) },
      { path: 'agency/challenges/:id/panel', ...page(() => import('./pages/PanelPage')) },
      { path: 'agency/challenges/:id/awards', ...page(() => import('./pages/AwardsPage'), ['gates', 'merges']) },
      { path: 'agency/ledger', ...page(() => import('./pages/LedgerPage')) },
      { path: 'evaluation', ...page(() => import('./pages/EvaluationPage')) },
      { path: 'projects', ...page(() => import('./pages/ProjectsPage')) },
      { path: 'projects/:id', ...page(() => import('./pages/ProjectPage'), ['gates', 'merges']) },
      { path: 'portfolio', ...page(() => import('./pages/PortfolioPage')) },
      { path: 'notifications', ...page(() => import('./pages/NotificationsPage'), ['mail']) },
      { path: 'agencies', ...page(() => import('./pages/AgenciesPage')) },
      { path: 'agencies/:id', ...page(() => import('./pages/AgencyPage')) },
      { path: 'admin/auditors', ...page(() => import('./pages/AuditorsPage')) },
      { path: 'admin', ...page(() => import('./pages/AdminPage')) },
      { path: 'admin/users', ...page(() => import('./pages/UsersPage')) },
      { path: 'admin/organisations', ...page(() => import('./pages/OrganisationsPage')) },
      { path: 'admin/jobs', ...page(() => import('./pages/JobsPage'), ['jobs']) },
      { path: 'admin/jobs/board', ...page(() => import('./pages/QueueBoardEntryPage'), ['jobs']) },
      { path: 'receipts', ...page(() => import('./pages/ReceiptPage')) },
      { path: 'receipts/:hash', ...page(() => import('./pages/ReceiptPage')) },
      { path: 'audit', ...page(() => import('./pages/AuditLedgerPage')) },
      { path: 'audit/challenges/:id', ...page(() => import('./pages/AuditChallengePage')) },
      {
        path: 'agency/challenges/new',
        lazy: async () => {
          const { default: NewChallengePage } = await import('./pages/NewChallengePage');
          return {
            Component: () => (
              <RequireRole role="agency">
                <NewChallengePage />
              </RequireRole>
            ),
          };
        },
      },
      { path: 'agency/challenges/:id/edit', ...page(() => import('./pages/NewChallengePage')) },
      { path: '*', ...page(() => import('./pages/NotFoundPage')) },
    ],
  },
];

export const router = createBrowserRouter(routes);
