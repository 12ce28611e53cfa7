import type { presetsEn } from './presets.en.ts';

/** 预设管理（设置）、牌组选项对话框和预设表单检查的中文文字：与 presets.en.ts 一一对应。 */
export const presetsZh: typeof presetsEn = {
  presets: {
    defaultName: '默认',
    add: '新建预设',
    clone: '复制',
    rename: '重命名',
    delete: '删除',
    nameLabel: '预设名称',
    newTitle: '新建预设（默认选项）',
    cloneTitle: (name: string) => `新建预设，选项与“${name}”相同`,
    renameTitle: (name: string) => `重命名“${name}”`,
    copyName: (name: string) => `${name}（副本）`,
    create: '创建',
    saveName: '重命名',
    cancel: '取消',
    usedBy: (decks: string[]) =>
      decks.length === 0 ? '没有牌组使用这个预设。' : `${decks.length} 个牌组使用它：${decks.join('、')}`,
    confirmDelete: (name: string) => `删除预设“${name}”？没有牌组使用它。`,
    created: (name: string) => `已创建“${name}”。`,
    renamed: (name: string) => `已重命名为“${name}”。`,
    deleted: (name: string) => `已删除“${name}”。`,
    cannotDeleteDefault: '默认预设不能删除：新牌组会使用它。',
    inUse: (name: string, decks: string[]) =>
      `“${name}”正被 ${decks.length} 个牌组使用（${decks.join('、')}）。请先为这些牌组换一个预设：主页 → 牌组行上的 ⚙。`,
    nameEmpty: '请输入名称。',
    nameTooLong: (max: number) => `最多 ${max} 个字符。`,
    nameTaken: (name: string) => `已经有名为“${name}”的预设。`,
    refused: '这个值未被接受。请检查后再保存。',
    refusedOther: '这些选项未被接受，没有保存任何内容。',
    maximumInterval: '最大间隔（天）',
    maximumIntervalHint: '1–36500：复习不会安排在比这更远的日子。',
    enableFuzz: '随机偏移：让每个间隔略有浮动，一起学的卡片不会全在同一天到期',
  },
  deckOptions: {
    open: (deck: string) => `${deck} 的选项`,
    title: (deck: string) => `${deck} 的选项`,
    preset: '预设',
    subdecks: (n: number) => `同时用于它的 ${n} 个子牌组`,
    summary: (retention: string, newPerDay: number, reviewsPerDay: number, maxDays: number) =>
      `记忆保持率 ${retention} · 每天 ${newPerDay} 张新卡片、${reviewsPerDay} 次复习 · 复习间隔最多 ${maxDays} 天`,
    save: '保存',
    cancel: '取消',
    editPresets: '在设置中编辑预设',
    saved: (deck: string, preset: string) => `${deck} 现在使用“${preset}”。`,
  },
};
