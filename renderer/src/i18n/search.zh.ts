import type { searchEn } from './search.en.ts';

/** 浏览界面计数提前停止时（匹配很多的搜索）及短文字只查了按到期排在前面的卡片时的中文文字：与 search.en.ts 一一对应。 */
export const searchZh: typeof searchEn = {
  searchCount: {
    atLeast: (from: number, to: number, atLeast: number) => `第 ${from}–${to} 张，至少 ${atLeast} 张`,
    about: (from: number, to: number, about: number) => `第 ${from}–${to} 张，约 ${about} 张`,
    partial: (cards: number, of: number) =>
      `（只查了最早添加的 ${cards.toLocaleString()} 张，共 ${of.toLocaleString()} 张）`,
    searchAll: (of: number) => `搜索全部 ${of.toLocaleString()} 张卡片`,
  },
};
