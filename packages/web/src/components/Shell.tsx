import { Button, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ROLE_NAMES, useAuth } from '../lib/auth.tsx';

const { Header, Content } = Layout;

/**
 * 当前菜单项 — the item a page belongs to: its own path or a page below it (/targets/7 is 绩效目标; a
 * path that merely begins alike is not). A self-evaluation opened from a list belongs to that list (the
 * link says which); opened directly, a 财政审核人's belongs to 审核队列, everyone else's to 自评列表.
 */
export function selectedNav(
  keys: string[],
  pathname: string,
  role: string | undefined,
  from?: string,
): string {
  if (from && keys.includes(from) && pathname.startsWith('/evaluations/')) return from;
  if (role === 'reviewer' && pathname.startsWith('/evaluations/') && keys.includes('/review'))
    return '/review';
  return keys.find((k) => pathname === k || pathname.startsWith(`${k}/`)) ?? '';
}

/** 页面框架 — the header with the role's menu, and the page below it. */
export function Shell({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const role = user?.role;
  const items = [
    { key: '/evaluations', label: <Link to="/evaluations">自评列表</Link> },
    ...(role === 'filler' || role === 'admin'
      ? [{ key: '/import', label: <Link to="/import">导入</Link> }]
      : []),
    ...(role !== 'filler' ? [{ key: '/review', label: <Link to="/review">审核队列</Link> }] : []),
    { key: '/targets', label: <Link to="/targets">绩效目标</Link> },
    { key: '/indicators', label: <Link to="/indicators">指标库</Link> },
    { key: '/monitoring', label: <Link to="/monitoring">执行监控</Link> },
    { key: '/rectifications', label: <Link to="/rectifications">问题整改</Link> },
    ...(role !== 'filler' ? [{ key: '/results-use', label: <Link to="/results-use">结果应用</Link> }] : []),
    ...(role !== 'filler' ? [{ key: '/dashboard', label: <Link to="/dashboard">看板</Link> }] : []),
    ...(role !== 'filler' ? [{ key: '/summary', label: <Link to="/summary">汇总表</Link> }] : []),
    ...(role === 'admin' ? [{ key: '/users', label: <Link to="/users">用户与部门</Link> }] : []),
    ...(role === 'admin' ? [{ key: '/frameworks', label: <Link to="/frameworks">评分框架</Link> }] : []),
    { key: '/public', label: <Link to="/public">公开</Link> },
  ];
  const selected = selectedNav(
    items.map((i) => i.key),
    location.pathname,
    role,
    (location.state as { nav?: string } | null)?.nav,
  );
  const phone = !Grid.useBreakpoint().sm;
  const who = `${user?.displayName ?? ''}${role && user?.displayName !== ROLE_NAMES[role] ? `（${ROLE_NAMES[role]}）` : ''}`;
  async function signOut() {
    await logout();
    navigate('/login');
  }
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{ display: 'flex', alignItems: 'center', gap: phone ? 8 : 16, paddingInline: phone ? 8 : 16 }}
      >
        <Link to="/" style={{ color: '#fff', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>
          {phone ? '绩效' : '预算绩效自评'}
        </Link>
        <nav aria-label="主菜单" style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items} />
        </nav>
        {phone ? (
          // A phone has no room for the name and two buttons beside the menu: they sit behind one button.
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'who', label: who, disabled: true },
                { key: 'password', label: '修改密码', onClick: () => navigate('/account/password') },
                { key: 'logout', label: '退出', onClick: signOut },
              ],
            }}
          >
            <Button size="small" aria-label={`账号：${who}`} data-testid="current-user">
              账号
            </Button>
          </Dropdown>
        ) : (
          <Space style={{ color: '#fff', whiteSpace: 'nowrap' }}>
            <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
              {who}
            </Typography.Text>
            <Button size="small" onClick={() => navigate('/account/password')}>
              修改密码
            </Button>
            <Button size="small" onClick={signOut}>
              退出
            </Button>
          </Space>
        )}
      </Header>
      <Content style={{ padding: 16, maxWidth: 1600, width: '100%', margin: '0 auto' }}>{children}</Content>
    </Layout>
  );
}
