import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import {
  createBrowserRouter,
  createRoutesFromElements,
  Navigate,
  Outlet,
  Route,
  useLocation,
} from 'react-router';
import { Shell } from './components/Shell.tsx';
import { AuthProvider, useAuth } from './lib/auth.tsx';
import { useFrameworksLoaded } from './lib/useFrameworks.ts';
import { EvaluationPage } from './pages/EvaluationPage.tsx';
import { EvaluationList } from './pages/EvaluationList.tsx';
import { FrameworksPage } from './pages/FrameworksPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import { ReviewQueue } from './pages/ReviewQueue.tsx';
import { UsersPage } from './pages/UsersPage.tsx';

// Chart pages and the public portal load on demand: ECharts stays out of the first bundle.
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const SummaryPage = lazy(() => import('./pages/SummaryPage.tsx'));
const PortalList = lazy(() => import('./pages/PortalList.tsx'));
const PortalReport = lazy(() => import('./pages/PortalReport.tsx'));

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip="加载中…" size="large">
        <div style={{ height: 40 }} />
      </Spin>
    </div>
  );
}

/** Pages behind login: unauthenticated visitors go to 登录 and come back afterwards. */
function Private({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  // Scores in the browser use the server's framework versions: wait for them before any page scores.
  const frameworksLoaded = useFrameworksLoaded();
  const location = useLocation();
  if (loading || (user && !frameworksLoaded)) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // A password the admin reset lets its holder do one thing: choose a new one.
  if (user.mustChangePassword && location.pathname !== '/account/password')
    return <Navigate to="/account/password" replace />;
  return <Shell>{children}</Shell>;
}

function Home() {
  const { user } = useAuth();
  return <Navigate to={user?.role === 'reviewer' ? '/review' : '/evaluations'} replace />;
}

/** The frame of every route: the login state and a loading indicator for lazy pages. */
function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

/**
 * 路由 — every page of the UI. A data router, so that a page with unsaved edits can hold a
 * navigation (useBlocker) until the user confirms.
 */
export const router = createBrowserRouter(
  createRoutesFromElements(
    <Route element={<Root />}>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/public" element={<PortalList />} />
      <Route path="/public/:id" element={<PortalReport />} />
      <Route
        path="/"
        element={
          <Private>
            <Home />
          </Private>
        }
      />
      <Route
        path="/evaluations"
        element={
          <Private>
            <EvaluationList />
          </Private>
        }
      />
      <Route
        path="/evaluations/:id"
        element={
          <Private>
            <EvaluationPage />
          </Private>
        }
      />
      <Route
        path="/import"
        element={
          <Private>
            <ImportPage />
          </Private>
        }
      />
      <Route
        path="/review"
        element={
          <Private>
            <ReviewQueue />
          </Private>
        }
      />
      <Route
        path="/dashboard"
        element={
          <Private>
            <DashboardPage />
          </Private>
        }
      />
      <Route
        path="/summary"
        element={
          <Private>
            <SummaryPage />
          </Private>
        }
      />
      <Route
        path="/frameworks"
        element={
          <Private>
            <FrameworksPage />
          </Private>
        }
      />
      <Route
        path="/users"
        element={
          <Private>
            <UsersPage />
          </Private>
        }
      />
      <Route
        path="/account/password"
        element={
          <Private>
            <PasswordPage />
          </Private>
        }
      />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Route>,
  ),
);
