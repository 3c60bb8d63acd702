import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { RequireRole } from './components/RequireRole';
import { Loading } from './components/states';
import ChallengeListPage from './pages/ChallengeListPage';

/** A page loaded on demand: each is its own chunk, so the first visit downloads only the list. */
const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
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
      { path: 'challenges/:id/bid', ...page(() => import('./pages/BidPage')) },
      { path: 'bids/mine', ...page(() => import('./pages/MyBidsPage')) },
      { path: 'consents', ...page(() => import('./pages/ConsentRequestsPage')) },
      { path: 'review', ...page(() => import('./pages/AssignedPage')) },
      { path: 'review/:id', ...page(() => import('./pages/ReviewPage')) },
      { path: 'agency/challenges', ...page(() => import('./pages/MyChallengesPage')) },
      { path: 'agency/challenges/:id/panel', ...page(() => import('./pages/PanelPage')) },
      { path: 'agency/challenges/:id/awards', ...page(() => import('./pages/AwardsPage')) },
      { path: 'agency/ledger', ...page(() => import('./pages/LedgerPage')) },
      { path: 'evaluation', ...page(() => import('./pages/EvaluationPage')) },
      { path: 'projects', ...page(() => import('./pages/ProjectsPage')) },
      { path: 'projects/:id', ...page(() => import('./pages/ProjectPage')) },
      { path: 'portfolio', ...page(() => import('./pages/PortfolioPage')) },
      { path: 'notifications', ...page(() => import('./pages/NotificationsPage')) },
      { path: 'agencies', ...page(() => import('./pages/AgenciesPage')) },
      { path: 'agencies/:id', ...page(() => import('./pages/AgencyPage')) },
      { path: 'admin/auditors', ...page(() => import('./pages/AuditorsPage')) },
      { path: 'admin/users', ...page(() => import('./pages/UsersPage')) },
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
