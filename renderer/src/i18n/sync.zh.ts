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
  },
};
