import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import './lib/i18n';
import './styles.css';
import { AuthProvider } from './lib/auth';
import { Layout } from './components/Layout';
import { RequireRole } from './components/RequireRole';
import { Loading } from './components/Status';
import CatalogPage from './pages/catalog/CatalogPage';
import NotFound from './pages/NotFound';

// The catalogue is the landing page and ships in the first bundle; every other page loads on demand.
const DatasetPage = lazy(() => import('./pages/dataset/DatasetPage'));
const FilePage = lazy(() => import('./pages/dataset/FilePage'));
const SignInPage = lazy(() => import('./pages/account/SignInPage'));
const RegisterPage = lazy(() => import('./pages/account/RegisterPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const VerifyEmailPage = lazy(() => import('./pages/account/VerifyEmailPage'));
const MembersPage = lazy(() => import('./pages/organizations/MembersPage'));
const WorkspacePage = lazy(() => import('./pages/workspace/WorkspacePage'));
const DatasetEditorPage = lazy(() => import('./pages/workspace/DatasetEditorPage'));
const ImportPage = lazy(() => import('./pages/workspace/ImportPage'));
const ReviewQueuePage = lazy(() => import('./pages/workspace/ReviewQueuePage'));
const ProcedureListPage = lazy(() => import('./pages/procedures/ProcedureListPage'));
const ProcedureDetailPage = lazy(() => import('./pages/procedures/ProcedureDetailPage'));
const ProcedureEditorPage = lazy(() => import('./pages/procedures/ProcedureEditorPage'));
const ProcedureDiffPage = lazy(() => import('./pages/procedures/ProcedureDiffPage'));
const AccessQueuePage = lazy(() => import('./pages/access-review/AccessQueuePage'));
const AccessDecisionPage = lazy(() => import('./pages/access-review/AccessDecisionPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const RequestFormPage = lazy(() => import('./pages/access/RequestFormPage'));
const MyRequestsPage = lazy(() => import('./pages/access/MyRequestsPage'));
const RequestDetailPage = lazy(() => import('./pages/access/RequestDetailPage'));
const PartnersPage = lazy(() => import('./pages/partners/PartnersPage'));
const PartnerMatchesPage = lazy(() => import('./pages/partners/PartnerMatchesPage'));
const PartnerProfilePage = lazy(() => import('./pages/partners/PartnerProfilePage'));
const DuaPage = lazy(() => import('./pages/agreements/DuaPage'));
const ProviderStatisticsPage = lazy(() => import('./pages/stats/ProviderStatisticsPage'));
const AdminStatisticsPage = lazy(() => import('./pages/stats/AdminStatisticsPage'));
const ObservatoryPage = lazy(() => import('./pages/observatory/ObservatoryPage'));
const HarvestSourcesPage = lazy(() => import('./pages/harvest/HarvestSourcesPage'));
const HarvestSourcePage = lazy(() => import('./pages/harvest/HarvestSourcePage'));
const RunReportPage = lazy(() => import('./pages/harvest/RunReportPage'));

const page = (el: React.ReactNode) => <Suspense fallback={<Loading />}>{el}</Suspense>;

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <CatalogPage /> },
      { path: '/datasets/:slug', element: page(<DatasetPage />) },
      { path: '/datasets/:slug/files/:artifactId', element: page(<FilePage />) },
      { path: '/datasets/:slug/request', element: page(<RequireRole>{<RequestFormPage />}</RequireRole>) },
      { path: '/requests', element: page(<RequireRole>{<MyRequestsPage />}</RequireRole>) },
      { path: '/requests/:id', element: page(<RequireRole>{<RequestDetailPage />}</RequireRole>) },
      { path: '/signin', element: page(<SignInPage />) },
      { path: '/register', element: page(<RegisterPage />) },
      { path: '/account', element: page(<RequireRole>{<AccountPage />}</RequireRole>) },
      { path: '/verify-email', element: page(<VerifyEmailPage />) },
      { path: '/organizations/members', element: page(<RequireRole>{<MembersPage />}</RequireRole>) },
      { path: '/organizations/:slug/members', element: page(<RequireRole>{<MembersPage />}</RequireRole>) },
      { path: '/workspace', element: page(<RequireRole roles={['provider', 'admin']}>{<WorkspacePage />}</RequireRole>) },
      { path: '/workspace/datasets/new', element: page(<RequireRole roles={['provider', 'admin']}>{<DatasetEditorPage />}</RequireRole>) },
      { path: '/workspace/datasets/:id', element: page(<RequireRole roles={['provider', 'admin']}>{<DatasetEditorPage />}</RequireRole>) },
      { path: '/workspace/statistics', element: page(<RequireRole>{<ProviderStatisticsPage />}</RequireRole>) },
      { path: '/admin/statistics', element: page(<RequireRole roles={['admin']}>{<AdminStatisticsPage />}</RequireRole>) },
      { path: '/workspace/import', element: page(<RequireRole roles={['provider', 'admin']}>{<ImportPage />}</RequireRole>) },
      { path: '/review', element: page(<RequireRole roles={['reviewer', 'admin']}>{<ReviewQueuePage />}</RequireRole>) },
      { path: '/procedures', element: page(<ProcedureListPage />) },
      { path: '/procedures/new', element: page(<RequireRole roles={['provider', 'admin']}>{<ProcedureEditorPage />}</RequireRole>) },
      { path: '/procedures/:id', element: page(<ProcedureDetailPage />) },
      { path: '/procedures/:id/edit', element: page(<RequireRole roles={['provider', 'admin']}>{<ProcedureEditorPage />}</RequireRole>) },
      { path: '/procedures/:id/diff', element: page(<ProcedureDiffPage />) },
      { path: '/review/access', element: page(<RequireRole roles={['reviewer', 'admin']}>{<AccessQueuePage />}</RequireRole>) },
      { path: '/review/access/:id', element: page(<RequireRole roles={['reviewer', 'admin']}>{<AccessDecisionPage />}</RequireRole>) },
      { path: '/notifications', element: page(<RequireRole>{<NotificationsPage />}</RequireRole>) },
      { path: '/partners', element: page(<PartnersPage />) },
      { path: '/observatory', element: page(<ObservatoryPage />) },
      { path: '/partners/:slug/matches', element: page(<RequireRole>{<PartnerMatchesPage />}</RequireRole>) },
      { path: '/partners/:slug/profile', element: page(<RequireRole>{<PartnerProfilePage />}</RequireRole>) },
      { path: '/agreements/dua', element: page(<DuaPage />) },
      { path: '/admin/harvest', element: page(<RequireRole roles={['admin']}>{<HarvestSourcesPage />}</RequireRole>) },
      { path: '/admin/harvest/runs/:id', element: page(<RequireRole roles={['admin']}>{<RunReportPage />}</RequireRole>) },
      { path: '/admin/harvest/:id', element: page(<RequireRole roles={['admin']}>{<HarvestSourcePage />}</RequireRole>) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  </StrictMode>,
);
