import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../lib/auth.tsx';

/** 公开门户框架 — a light header for readers without an account; narrow screens first. */
export function PublicShell({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 12 }}
      >
        <Link to="/public" style={{ color: '#fff', fontWeight: 600, fontSize: 16 }}>
          预算绩效自评 · 信息公开
        </Link>
        <Link to={user ? '/' : '/login'} style={{ color: '#fff' }}>
          {user ? '返回工作台' : '登录'}
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
