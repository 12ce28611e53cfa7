import type { syncEn } from './sync.en.ts';

/** 设置 → 同步的中文文字：与 sync.en.ts 一一对应。 */
export const syncZh: typeof syncEn = {
  sync: {
    title: '同步',
    intro:
      '复习记录通过一个文件夹在你的设备之间传递：Syncthing、Dropbox、OneDrive、iCloud Drive、Nextcloud 或 Git 保持它在各设备上一致。每台设备只写自己的文件。',
    notSetUp: '尚未设置同步。在每台设备上用以下命令选择同步文件夹：',
    folder: '同步文件夹',
    thisDevice: '本设备',
    outbox: (n: number) => (n === 0 ? '所有更改都已写入文件夹。' : `${n} 项更改等待写入。`),
    devices: '见到的设备',
    self: '本设备',
    lastWrote: (when: string) => `最后写入于 ${when}`,
    nothingYet: '尚未写入',
    future: '它的记录时间远在未来：它的时钟是否有误？',
    lastSync: (when: string) => `上次同步：${when}`,
    counts: (inn: number, out: number, rederived: number) =>
      `读入 ${inn} 条记录，写出 ${out} 条，重新推算 ${rederived} 张卡片`,
    waiting: (n: number) => `${n} 条记录所属的卡片不在本收藏中：请在本设备上编译它们的牌组文件。`,
    newDevice: '这个数据文件夹是从另一台设备复制来的：现在以新的设备编号同步。',
    failed: (message: string) => `没有同步任何内容：${message}`,
    problems: '无法读取的行和文件',
    never: '从未',
    syncNow: '立即同步',
    syncing: '正在同步…',
    settingsTitle: '合并的设置',
    settingsIntro:
      '预设、各牌组使用的预设、考试、新一天的开始时间和提前学习上限随复习记录一起同步；主题和语言留在各自的设备上。',
    settingsIn: '上次同步收到',
    settingsOut: '上次同步发出',
    settingsCounts: (c: { preset: number; deck: number; exam: number; settings: number }) => {
      const parts = [
        c.preset ? `预设更改 ${c.preset} 项` : '',
        c.deck ? `牌组预设选择 ${c.deck} 项` : '',
        c.exam ? `考试更改 ${c.exam} 项` : '',
        c.settings ? `调度设置更改 ${c.settings} 项` : '',
      ].filter(Boolean);
      return parts.length ? parts.join('，') : '没有设置更改';
    },
    lastChange: '最近一次来自其他设备的设置更改',
    noChange: '尚无',
    fromDevice: '来自设备',
    at: (when: string) => `于 ${when}`,
    dayStart: (hour: number) => `新的一天从 ${hour}:00 开始`,
    learnAhead: (minutes: number) => `提前学习上限 ${minutes} 分钟`,
    presetChanged: (name: string, n: number) => `预设“${name}”：${n} 项选项已更改`,
    presetDeleted: (name: string) => `预设“${name}”已删除`,
    aPreset: '一个预设',
    deckPreset: (deck: string) => `牌组“${deck}”改用了另一个预设`,
    examChanged: (name: string, n: number) => `考试“${name}”：${n} 项内容已更改`,
    examDeleted: (name: string) => `考试“${name}”已删除`,
    listSeparator: '，',
    anExam: '一场考试',
  },
};
