import {
  Alert,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import {
  blankEvaluation,
  blankTitle,
  EVALUATION_KIND_NAMES,
  scoresIndicatorRows,
  type Framework,
  type FrameworkRegistry,
} from '@jixiao/core';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, type ApiAnswer } from '../lib/api.ts';

type Kind = 'project' | 'department';

interface Values {
  kind: Kind;
  frameworkId: string;
  year: number;
  title: string;
  projectName: string;
  organization: string;
}

/** The framework a kind starts with: the one the registry names as that kind's default, else the first. */
function defaultFramework(list: Framework[], kind: Kind): string | undefined {
  const usable = list.filter((f) => f.kind === kind && scoresIndicatorRows(f));
  return (usable.find((f) => f.detection.defaultFor.includes(kind)) ?? usable[0])?.id;
}

/**
 * 新建自评 — a blank evaluation under a chosen 评分框架: its budget lines, the criteria it fixes
 * or the 一级 it expects, saved as a draft, then opened in the editor.
 */
export function NewEvaluationDialog({
  open,
  registry,
  organization,
  onCancel,
  onCreated,
}: {
  open: boolean;
  /** Frameworks to choose from (the server's, as the browser knows them). */
  registry: () => FrameworkRegistry;
  /** 部门(单位)名称 to start with: the user's department as the list shows it. */
  organization: string;
  onCancel: () => void;
  onCreated: (id: number) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useMemo(() => (open ? registry().list() : []), [open, registry]);
  const kind = Form.useWatch('kind', form) ?? 'project';
  const year = Form.useWatch('year', form);
  const frameworkId = Form.useWatch('frameworkId', form);
  const chosen = list.find((f) => f.id === frameworkId);

  useEffect(() => {
    if (!open) return;
    setError(null);
    // Self-evaluation looks back on the year just ended.
    form.setFieldsValue({
      kind: 'project',
      frameworkId: defaultFramework(list, 'project') ?? '',
      year: new Date().getFullYear() - 1,
      title: '',
      projectName: '',
      organization,
    });
  }, [open, list, organization, form]);

  const options = list
    .filter((f) => f.kind === kind)
    .map((f) => {
      const rows = scoresIndicatorRows(f);
      return {
        value: f.id,
        disabled: !rows,
        label: `${f.name}（${f.version}）${rows ? '' : ' · 按完成条数统计，请用导入'}`,
      };
    });

  async function create(v: Values) {
    const f = list.find((x) => x.id === v.frameworkId);
    if (!f) return;
    setBusy(true);
    setError(null);
    try {
      const evaluation = blankEvaluation(f, {
        kind: v.kind,
        year: v.year,
        title: v.title,
        ...(v.kind === 'project' ? { projectName: v.projectName } : {}),
        organization: v.organization,
      });
      const stored = await api<ApiAnswer<'POST /api/evaluations'>>('POST', '/api/evaluations', {
        evaluation,
      });
      onCreated(stored.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '新建失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title="新建自评" open={open} onCancel={onCancel} footer={null} width={640} forceRender>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={create}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind) form.setFieldValue('frameworkId', defaultFramework(list, changed.kind) ?? '');
        }}
      >
        <Form.Item name="kind" label="评价类型">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'project', label: EVALUATION_KIND_NAMES.project },
              { value: 'department', label: EVALUATION_KIND_NAMES.department },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="frameworkId"
          label="评分框架"
          rules={[{ required: true, message: '请选择评分框架' }]}
          extra={chosen?.description}
        >
          <Select aria-label="评分框架" options={options} />
        </Form.Item>
        <Row gutter={12}>
          <Col flex="120px">
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber aria-label="年度" min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col flex="auto">
            <Form.Item name="organization" label="部门（单位）名称">
              <Input aria-label="部门（单位）名称" />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'project' && (
          <Form.Item
            name="projectName"
            label="项目名称"
            rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}
          >
            <Input aria-label="项目名称" placeholder="如 社区矫正经费" />
          </Form.Item>
        )}
        <Form.Item name="title" label="自评名称" extra="不填则用表名">
          <Input aria-label="自评名称" placeholder={blankTitle(kind, year ?? new Date().getFullYear() - 1)} />
        </Form.Item>
        {chosen && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {blankSummary(chosen, kind, year ?? 0)}
          </Typography.Paragraph>
        )}
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onCancel}>取消</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            新建并填写
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** What the blank will hold, said before it is created. */
function blankSummary(f: Framework, kind: Kind, year: number): string {
  const e = blankEvaluation(f, { kind, year });
  const named = e.indicators.filter((i) => i.name).length;
  const rows = named
    ? `${named} 项固定的三级指标（含分值与计分标准）`
    : `一级指标 ${[...new Set(e.indicators.map((i) => i.level1))].join('、')} 各一行空白指标`;
  const budget = e.budget.length ? `预算执行表 ${e.budget.length} 行` : '无预算执行表';
  const inputs = Object.keys(e.inputs).length ? `，计分数据 ${Object.keys(e.inputs).length} 项` : '';
  return `将建立：${rows}；${budget}${inputs}。`;
}
