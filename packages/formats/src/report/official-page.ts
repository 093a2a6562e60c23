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

/** Font families by role as a docx declares them (the names an office suite knows). */
export const OFFICIAL_FONTS = {
  body: '仿宋',
  heading1: '黑体',
  heading2: '楷体',
  title: '方正小标宋简体',
  table: '宋体',
  pageNumber: '宋体',
} as const;

export const mmToTwips = (mm: number): number => Math.round((mm / 25.4) * 1440);

/**
 * Font stacks by role for the printed (PDF) report: the office names first (a machine with the fonts of
 * Windows or a 公文 font pack uses them), then TrueType-outline fonts from Debian — chromium (Skia) embeds
 * these as named, subsetted CID fonts, where it turns the CFF-outline Noto CJK into hundreds of unnamed Type 3
 * fonts. Debian has no simplified 仿宋, so the body falls back to 宋 (AR PL SungtiL GB, fonts-arphic-gbsn00lp);
 * 黑体 is WenQuanYi Micro Hei (fonts-wqy-microhei), 楷体 AR PL KaitiM GB (fonts-arphic-gkai00mp). Noto CJK stays
 * last, for a character outside those fonts' GB 2312 repertoire.
 */
export const PRINT_FONT_STACKS = {
  body: ['FangSong', '仿宋', '仿宋_GB2312', 'AR PL SungtiL GB', 'Noto Serif CJK SC', 'serif'],
  heading1: ['SimHei', '黑体', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'sans-serif'],
  heading2: ['KaiTi', '楷体', '楷体_GB2312', 'AR PL KaitiM GB', 'Noto Serif CJK SC', 'serif'],
  title: [
    '方正小标宋简体',
    'FZXiaoBiaoSong-B05S',
    'SimSun',
    '宋体',
    'AR PL SungtiL GB',
    'Noto Serif CJK SC',
    'serif',
  ],
  table: ['SimSun', '宋体', 'AR PL SungtiL GB', 'Noto Serif CJK SC', 'serif'],
  pageNumber: ['SimSun', '宋体', 'AR PL SungtiL GB', 'Noto Serif CJK SC', 'serif'],
} as const;

/** A stack as a CSS font-family value (generic families unquoted). */
export function cssFontFamily(stack: readonly string[]): string {
  return stack.map((f) => (f === 'serif' || f === 'sans-serif' ? f : `"${f}"`)).join(', ');
}
