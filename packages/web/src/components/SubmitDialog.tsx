import { Alert, Form, Input, Modal, Typography } from 'antd';
import type { Finding } from '@jixiao/core';
import { useState } from 'react';
import { findingKey } from '../lib/assess.ts';
import { findingPlace } from '../lib/locate.ts';

/**
 * 提交 — lists the error findings still open; each needs a reason before the evaluation goes to
 * the finance bureau (the server checks the same).
 */
export function SubmitDialog({
  open,
  errors,
  busy,
  serverError,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  errors: Finding[];
  busy: boolean;
  serverError: string | null;
  onCancel: () => void;
  onSubmit: (explanations: Record<string, string>) => void;
}) {
  const [explanations, setExplanations] = useState<Record<string, string>>({});
  const missing = errors.filter((f) => !explanations[findingKey(f)]?.trim()).length;
  return (
    <Modal
      title="提交自评"
      open={open}
      onCancel={onCancel}
      okText="提交"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: missing > 0 }}
      onOk={() => onSubmit(explanations)}
      width={720}
    >
      {serverError && <Alert type="error" showIcon message={serverError} style={{ marginBottom: 12 }} />}
      {errors.length === 0 ? (
        <Typography.Paragraph>
          没有未处理的错误。提交后由财政部门审核，审核期间不能修改。
        </Typography.Paragraph>
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            message={`还有 ${errors.length} 条错误：请逐条说明原因（或关闭窗口先修正）`}
            style={{ marginBottom: 12 }}
          />
          <Form layout="vertical">
            {errors.map((f, i) => {
              const key = findingKey(f);
              return (
                <Form.Item
                  key={`${key}-${i}`}
                  label={
                    <span>
                      {f.message}
                      <br />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {findingPlace(f)}
                      </Typography.Text>
                    </span>
                  }
                >
                  <Input.TextArea
                    aria-label={`说明 ${i + 1}`}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    value={explanations[key] ?? ''}
                    onChange={(e) => setExplanations({ ...explanations, [key]: e.target.value })}
                  />
                </Form.Item>
              );
            })}
          </Form>
        </>
      )}
    </Modal>
  );
}
