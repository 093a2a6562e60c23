// What a reader checks in each seed's report, read off the seed texts by hand.
export interface SeedExpectation {
  title: string;
  organization: string;
  /** Figures as the report must print them (万元 with 2 decimals, rates recomputed). */
  figures: string[];
  /** A finding code the audit raises on this seed (shown only in the internal appendix). */
  findingCode: string;
}

export const SEED_EXPECTATIONS: Record<string, SeedExpectation> = {
  // 汇总表: 人民调解 35.20 / 24.81 (the seed prints 70.47%, 24.81 ÷ 35.20 is 70.48%); 社区矫正 40.00 / 18.00.
  '000': {
    title: '2024年度金安区司法局项目支出绩效自评报告',
    organization: '金安区司法局',
    figures: [
      '人民调解',
      '35.20',
      '24.81',
      '70.48%',
      '城乡困难群体法律援助',
      '49.50',
      '压缩项目经费，未足额拨付',
    ],
    findingCode: 'missing-deviation-reason',
  },
  // 部门整体绩效自评表: 总额 701.61 / 717.52 / 102.27%; 基本支出 621.88; 社区矫正 2.00 → 0.25 (12.50%).
  '001': {
    title: '2021年度郑州市上街区司法局机关部门整体支出绩效自评报告',
    organization: '郑州市上街区司法局机关',
    figures: ['701.61', '717.52', '102.27%', '621.88', '12.50%', '政府采购执行率'],
    findingCode: 'sum-mismatch',
  },
  // 整体绩效自评表: 年度资金总额 495.66 年初 / 674.85 全年; 自评 96.12 分.
  '002': {
    title: '2024年度雁峰区司法局部门整体支出绩效自评报告',
    organization: '雁峰区司法局',
    figures: ['495.66', '674.85', '96.12', '417.88'],
    findingCode: 'ratio-mismatch',
  },
  // 部门整体 + five project tables: 普法宣传 14.94, 社区矫正办公经费 37.88, 法律援助 5.00 → 4.90.
  '003': {
    title: '2023年度遂宁市安居区司法局部门整体支出绩效自评报告',
    organization: '遂宁市安居区司法局',
    figures: ['案件代理', '14.94', '37.88', '4.90', '法律援助人次'],
    findingCode: 'scored-without-actual',
  },
  // 年度主要任务: 合计 898.33 / 883.84; 普法宣传 353.02 / 352.29.
  '004': {
    title: '2024年度红河州司法局部门整体支出绩效自评报告',
    organization: '红河州司法局',
    figures: ['898.33', '883.84', '353.02', '352.29'],
    findingCode: 'narrative-conflict',
  },
};
