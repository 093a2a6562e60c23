import { Button, Space } from 'antd';

/** 导出: links to the server's exports; the session cookie goes along, so access rules apply as for viewing. */
export function ExportLinks({ base, formats }: { base: string; formats: Array<'xlsx' | 'docx' | 'pdf'> }) {
  const names = { xlsx: '自评表 xlsx', docx: '自评报告 docx', pdf: '报告 PDF' } as const;
  return (
    <Space size="small" wrap>
      {formats.map((f) => (
        <Button key={f} size="small" href={`${base}/export?format=${f}`} download data-testid={`export-${f}`}>
          下载{names[f]}
        </Button>
      ))}
    </Space>
  );
}
