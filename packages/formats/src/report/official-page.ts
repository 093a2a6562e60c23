/**
 * 公文格式 — the page and type of an official document (GB/T 9704-2012《党政机关公文格式》): A4, 版心 156 mm ×
 * 225 mm with 天头 37 mm and 订口 28 mm, so margins 37/35/28/26 mm; 正文 3号仿宋 with 22 lines to the page,
 * 一级标题 3号黑体, 二级标题 3号楷体, 标题 2号小标宋; 页码 4号半角宋体 "— 1 —", odd pages right, even left.
 * The docx and the HTML printed to PDF both take their page from here.
 */
export const OFFICIAL_PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginMm: { top: 37, bottom: 35, left: 28, right: 26 },
  /** 字号 in points: 2号 22 pt, 3号 16 pt, 4号 14 pt. */
  titlePt: 22,
  bodyPt: 16,
  headingPt: 16,
  pageNumberPt: 14,
  /** 225 mm of 版心 over 22 lines: a fixed line pitch of about 28.9 pt. */
  linePitchPt: ((225 / 25.4) * 72) / 22,
  /** Tables and notes are set smaller than the body so a 自评表 fits the 版心's 156 mm. */
  tablePt: 9,
  notePt: 10.5,
} as const;

/** Font families by role, the names an office suite knows first, then the Noto CJK that Debian provides. */
export const OFFICIAL_FONTS = {
  body: '仿宋',
  heading1: '黑体',
  heading2: '楷体',
  title: '方正小标宋简体',
  table: '宋体',
  pageNumber: '宋体',
} as const;

export const mmToTwips = (mm: number): number => Math.round((mm / 25.4) * 1440);
