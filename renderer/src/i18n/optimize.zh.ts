import type { optimizeEn } from './optimize.en.ts';

/** 预设的 FSRS 参数、优化 / 评估与保留率模拟（设置）的中文文字：与 optimize.en.ts 一一对应。 */
export const optimizeZh: typeof optimizeEn = {
  optimize: {
    section: 'FSRS 参数',
    paramsLabel: 'FSRS 参数（21 个数）',
    paramsHint: '粘贴 21 个数（逗号或空格分隔），例如从 Anki 复制。留空 = 默认参数。',
    usingDefaults: '此预设使用 ts-fsrs 的默认参数。',
    usingPersonal: '此预设使用自己的参数。',
    saveParams: '保存参数',
    resetDefaults: '恢复默认',
    paramsSaved: '参数已保存。',
    paramsReset: '已恢复默认参数。',
    count: (n: number) => `FSRS-6 有 21 个参数，这里有 ${n} 个。`,
    notANumber: (i: number, text: string) => `w[${i}]：“${text}”不是数字。`,
    outOfRange: (i: number, min: number, max: number) => `w[${i}] 必须在 ${min} 到 ${max} 之间。`,
    optimizeTitle: '根据你的复习记录优化',
    optimizeIntro:
      '用此预设的复习记录拟合参数，并先检验：用较早的 80% 回答拟合，在它没见过的最新 20% 上与当前参数比较。数值越低越好。',
    unavailable: '此平台无法使用优化：FSRS 优化器只为 Linux x64 构建。其他功能都可正常使用。',
    history: (answers: number, cards: number, items: number) =>
      `${cards} 张卡片共 ${answers} 次回答；其中 ${items} 次与该卡上次复习不在同一天。`,
    notEnough: (items: number, min: number) =>
      `优化至少需要 ${min} 次与该卡上次复习不在同一天的复习；此预设只有 ${items} 次。少于这个数，留作检验的最新部分太小，分不清真正的改进和偶然。`,
    run: '优化',
    cancel: '取消',
    phase: { reading: '正在读取复习记录…', split: '正在用较早部分拟合…', final: '正在用全部复习拟合…' },
    step: (current: number, total: number) => `${current} / ${total}`,
    cancelled: '已取消：没有任何改动。',
    tableCaption: (train: number, heldOut: number) =>
      `用较早的 ${train} 项拟合，在最新的 ${heldOut} 项上评分`,
    parameters: '参数',
    logLoss: '对数损失',
    rmse: 'RMSE（分箱）',
    inUse: '当前使用',
    inUseDefaults: '当前使用（默认）',
    fitted: '拟合结果',
    better: '拟合的参数能更好地预测你最新的复习。',
    notBetter: '拟合的参数没有更好地预测你最新的复习：保留当前参数。',
    apply: '应用拟合的参数',
    applied: '已应用。之前的参数已保留：“恢复之前的参数”可以回去。',
    revert: '恢复之前的参数',
    reverted: '已恢复之前的参数。',
    previousDefaults: '恢复后将使用默认参数。',
    simTitle: '适合你时间的保留率',
    simIntro: '按每个目标保留率模拟此预设的卡片未来 365 天：使用它的参数、步长、上限和你的回答用时。',
    simulate: '模拟 365 天',
    simulating: '正在模拟…',
    sampled: (sample: number, cards: number) => `从 ${cards} 张卡片中抽样 ${sample} 张模拟，再按比例放大。`,
    suggested: (r: string, current: string) =>
      `工作量最优：${r}（期末每记住一张卡片所花分钟最少）。你的设置：${current}。`,
    chartSummary: (from: string, to: string, lo: number, hi: number) =>
      `目标保留率从 ${from} 到 ${to}，每天分钟数从 ${lo} 到 ${hi}。`,
    barTitle: (r: string, minutes: number, reviews: number) =>
      `${r}：每天 ${minutes} 分钟，每天 ${reviews} 次复习`,
    legendMinutes: '每天分钟数',
    legendCurrent: '你当前的保留率',
    retention: '保留率',
    reviewsPerDay: '每天复习',
    minutesPerDay: '每天分钟',
    remembered: '期末记住',
    currentMark: '当前',
    suggestedMark: '建议',
    tableSummary: '各保留率的具体数字',
  },
};
