import { Alert, Form, Input, Modal, Typography } from 'antd';
import type { Finding } from '@jixiao/core';
import { useEffect, useMemo, useState } from 'react';
import type { SubmittedExplanation } from '../lib/api.ts';
import { findingKey } from '../lib/assess.ts';
import { findingPlace } from '../lib/locate.ts';

/**
 * 提交 — lists the error findings still open (those a reviewer marked 不是问题 are not: the count is the
 * header's); each needs a reason before the evaluation goes to the finance bureau (the server checks the
 * same), prefilled with the one given at an earlier submission. A blank field of the form is to be filled,
 * not explained.
 */
export function SubmitDialog({
  open,
  errors,
  dismissed,
  explained,
  busy,
  serverError,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  errors: Finding[];
  /** Keys of the findings marked 不是问题: they leave the dialog. */
  dismissed: Set<string>;
  /** Explanations given at earlier submissions (the stored evaluation's). */
  explained: SubmittedExplanation[];
  busy: boolean;
  serverError: string | null;
  onCancel: () => void;
  onSubmit: (explanations: Record<string, string>) => void;
}) {
  const previous = useMemo(() => new Map(explained.map((x) => [x.key, x.text])), [explained]);
  const [explanations, setExplanations] = useState<Record<string, string>>({});
  // Each opening starts from what was written before (earlier submissions), kept while it is open.
  useEffect(() => {
    if (open) setExplanations((typed) => ({ ...Object.fromEntries(previous), ...typed }));
  }, [open, previous]);
  const open_ = errors.filter((f) => !dismissed.has(findingKey(f)));
  const blanks = open_.filter((f) => f.code === 'incomplete');
  const toExplain = open_.filter((f) => f.code !== 'incomplete');
  const missing = toExplain.filter((f) => !explanations[findingKey(f)]?.trim()).length;
  const sent = () =>
    Object.fromEntries(toExplain.map((f) => [findingKey(f), explanations[findingKey(f)]?.trim() ?? '']));
  return (
    <Modal
      title="提交自评"
      open={open}
      onCancel={onCancel}
      okText="提交"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: missing > 0 || blanks.length > 0 }}
      onOk={() => onSubmit(sent())}
      width={720}
    >
      {serverError && <Alert type="error" showIcon message={serverError} style={{ marginBottom: 12 }} />}
      {open_.length === 0 ? (
        <Typography.Paragraph>
          没有未处理的错误。提交后由财政部门审核，审核期间不能修改。
        </Typography.Paragraph>
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            data-testid="submit-count"
            message={`还有 ${open_.length} 条错误${
              blanks.length ? `，其中 ${blanks.length} 项必填内容未填写，须先填写` : ''
            }${toExplain.length ? '：请逐条说明原因（或关闭窗口先修正）' : ''}`}
            style={{ marginBottom: 12 }}
          />
          {blanks.length > 0 && (
            <ul data-testid="submit-blanks">
              {blanks.map((f, i) => (
                <li key={`${findingKey(f)}-${i}`}>{f.message}</li>
              ))}
            </ul>
          )}
          <Form layout="vertical">
            {toExplain.map((f, i) => {
              const key = findingKey(f);
              return (
                <Form.Item
                  key={`${key}-${i}`}
                  htmlFor={`explain-${i}`}
                  label={
                    <span>
                      {f.message}
                      <br />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {findingPlace(f)}
                        {previous.has(key) ? '（已填入上次提交时的说明）' : ''}
                      </Typography.Text>
                    </span>
                  }
                >
                  <Input.TextArea
                    id={`explain-${i}`}
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
