import { Button, Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import {
  createBrowserRouter,
  createRoutesFromElements,
  Navigate,
  Outlet,
  Route,
  Link,
  useLocation,
  useParams,
} from 'react-router';
import { Shell } from './components/Shell.tsx';
import type { Role } from './lib/api.ts';
import { AuthProvider, useAuth } from './lib/auth.tsx';
import { usePageTitle } from './lib/usePageTitle.ts';
import { useFrameworksLoaded } from './lib/useFrameworks.ts';
import { EvaluationList } from './pages/EvaluationList.tsx';
import { LoginPage } from './pages/LoginPage.tsx';

// Every page but the sign-in and the list loads on demand: the first load carries only what those two
// use of antd (no editor, no ECharts), the rest arrives with the page that needs it.
const named = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const EvaluationPage = named(() => import('./pages/EvaluationPage.tsx'), 'EvaluationPage');
const FrameworksPage = named(() => import('./pages/FrameworksPage.tsx'), 'FrameworksPage');
const ImportPage = named(() => import('./pages/ImportPage.tsx'), 'ImportPage');
const PasswordPage = named(() => import('./pages/PasswordPage.tsx'), 'PasswordPage');
const UsersPage = named(() => import('./pages/UsersPage.tsx'), 'UsersPage');
const ReviewQueue = named(() => import('./pages/ReviewQueue.tsx'), 'ReviewQueue');
const MonitoringPage = named(() => import('./pages/MonitoringPage.tsx'), 'MonitoringPage');
const TargetsPage = named(() => import('./pages/TargetsPage.tsx'), 'TargetsPage');
const TargetPage = named(() => import('./pages/TargetPage.tsx'), 'TargetPage');
const IndicatorLibraryPage = named(() => import('./pages/IndicatorLibraryPage.tsx'), 'IndicatorLibraryPage');
const RectificationsPage = named(() => import('./pages/RectificationsPage.tsx'), 'RectificationsPage');
const ResultsUsePage = named(() => import('./pages/ResultsUsePage.tsx'), 'ResultsUsePage');
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
function Private({ children, title, roles }: { children: ReactNode; title: string; roles?: Role[] }) {
  const { user, loading } = useAuth();
  // Scores in the browser use the server's framework versions: wait for them before any page scores.
  const frameworksLoaded = useFrameworksLoaded();
  const location = useLocation();
  usePageTitle(title);
  if (loading || (user && !frameworksLoaded)) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // A password the admin reset lets its holder do one thing: choose a new one.
  if (user.mustChangePassword && location.pathname !== '/account/password')
    return <Navigate to="/account/password" replace />;
  // A page of another role is refused as such, never shown with forms that would fail on saving.
  if (roles && !roles.includes(user.role)) {
    return (
      <Shell>
        <Result
          status="403"
          title="没有权限"
          subTitle={`「${title}」只对${roles.map((r) => ROLE_LABELS[r]).join('、')}开放。`}
          extra={
            <Link to="/">
              <Button type="primary">回到首页</Button>
            </Link>
          }
        />
      </Shell>
    );
  }
  return <Shell>{children}</Shell>;
}

const ROLE_LABELS: Record<Role, string> = { admin: '管理员', reviewer: '财政审核人', filler: '填报人' };

/** A page without a route: said as such, with the way back (never a 重试 that cannot help). */
export function NotFound() {
  usePageTitle('页面不存在');
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，可能是链接有误或页面已被移除。"
      extra={
        <Link to="/">
          <Button type="primary">回到首页</Button>
        </Link>
      }
    />
  );
}

/** A page of one record: an id that cannot be one (/public/abc) is a missing page, never a request for NaN. */
function ValidId({ children }: { children: ReactNode }) {
  const { id } = useParams();
  return /^[1-9]\d{0,9}$/.test(id ?? '') ? children : <NotFound />;
}

/** A public page's title. */
function Titled({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return children;
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
      <Route
        path="/login"
        element={
          <Titled title="登录">
            <LoginPage />
          </Titled>
        }
      />
      <Route
        path="/public"
        element={
          <Titled title="公开的绩效自评报告">
            <PortalList />
          </Titled>
        }
      />
      <Route
        path="/public/:id"
        element={
          <Titled title="绩效自评报告">
            <ValidId>
              <PortalReport />
            </ValidId>
          </Titled>
        }
      />
      <Route
        path="/"
        element={
          <Private title="首页">
            <Home />
          </Private>
        }
      />
      <Route
        path="/evaluations"
        element={
          <Private title="自评列表">
            <EvaluationList />
          </Private>
        }
      />
      <Route
        path="/evaluations/:id"
        element={
          <Private title="自评详情">
            <ValidId>
              <EvaluationPage />
            </ValidId>
          </Private>
        }
      />
      <Route
        path="/import"
        element={
          <Private title="导入自评" roles={['filler', 'admin']}>
            <ImportPage />
          </Private>
        }
      />
      <Route
        path="/review"
        element={
          <Private title="审核队列" roles={['reviewer', 'admin']}>
            <ReviewQueue />
          </Private>
        }
      />
      <Route
        path="/monitoring"
        element={
          <Private title="执行进度监控">
            <MonitoringPage />
          </Private>
        }
      />
      <Route
        path="/targets"
        element={
          <Private title="绩效目标">
            <TargetsPage />
          </Private>
        }
      />
      <Route
        path="/targets/:id"
        element={
          <Private title="绩效目标详情">
            <ValidId>
              <TargetPage />
            </ValidId>
          </Private>
        }
      />
      <Route
        path="/indicators"
        element={
          <Private title="指标库">
            <IndicatorLibraryPage />
          </Private>
        }
      />
      <Route
        path="/rectifications"
        element={
          <Private title="问题整改">
            <RectificationsPage />
          </Private>
        }
      />
      <Route
        path="/results-use"
        element={
          <Private title="结果应用" roles={['reviewer', 'admin']}>
            <ResultsUsePage />
          </Private>
        }
      />
      <Route
        path="/dashboard"
        element={
          <Private title="看板" roles={['reviewer', 'admin']}>
            <DashboardPage />
          </Private>
        }
      />
      <Route
        path="/summary"
        element={
          <Private title="汇总表" roles={['reviewer', 'admin']}>
            <SummaryPage />
          </Private>
        }
      />
      <Route
        path="/frameworks"
        element={
          <Private title="评分框架" roles={['admin']}>
            <FrameworksPage />
          </Private>
        }
      />
      <Route
        path="/users"
        element={
          <Private title="用户与部门" roles={['admin']}>
            <UsersPage />
          </Private>
        }
      />
      <Route
        path="/account/password"
        element={
          <Private title="修改密码">
            <PasswordPage />
          </Private>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Route>,
  ),
);
