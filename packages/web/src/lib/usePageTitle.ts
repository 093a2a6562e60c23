import { useEffect } from 'react';

/** The product's name after every page's own: a browser tab and its history say which page it is. */
export const PRODUCT_TITLE = '预算绩效自评与复核';

/** Sets the browser title for the page shown: "汇总表 - 预算绩效自评与复核". */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} - ${PRODUCT_TITLE}` : PRODUCT_TITLE;
  }, [title]);
}
