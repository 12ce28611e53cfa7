/** English strings of Settings → Sync. */
export const syncEn = {
  sync: {
    title: 'Sync',
    intro:
      'Your review history travels through a folder that Syncthing, Dropbox, OneDrive, iCloud Drive, Nextcloud or Git keeps in step between your devices. Each device writes only its own files there.',
    notSetUp: 'Sync is not set up. Choose a synced folder on each device with:',
    folder: 'Sync folder',
    thisDevice: 'This device',
    outbox: (n: number) =>
      n === 0
        ? 'Everything is written to the folder.'
        : `${n} ${n === 1 ? 'change waits' : 'changes wait'} to be written.`,
    devices: 'Devices seen',
    self: 'this device',
    lastWrote: (when: string) => `last wrote ${when}`,
    nothingYet: 'nothing written yet',
    future: 'Its events are dated far in the future: is its clock wrong?',
    lastSync: (when: string) => `Last sync: ${when}`,
    counts: (inn: number, out: number, rederived: number) =>
      `${inn} events in, ${out} out, ${rederived} ${rederived === 1 ? 'card' : 'cards'} re-derived`,
    waiting: (n: number) =>
      `${n} events wait for cards not in this collection: compile their deck files here.`,
    newDevice: 'This data folder was copied from another device: it now syncs under a new device id.',
    failed: (message: string) => `Nothing was synced: ${message}`,
    problems: 'Lines and files it could not read',
    never: 'never',
    syncNow: 'Sync now',
    syncing: 'Syncing…',
    settingsTitle: 'Settings merged',
    settingsIntro:
      'Presets, the preset each deck uses, exams, the day start and the learn-ahead limit travel with your reviews; the theme and language stay on each device.',
    settingsIn: 'Received at the last sync',
    settingsOut: 'Sent at the last sync',
    settingsCounts: (c: { preset: number; deck: number; exam: number; settings: number }) => {
      const parts = [
        c.preset ? `${c.preset} preset ${c.preset === 1 ? 'change' : 'changes'}` : '',
        c.deck ? `${c.deck} deck preset ${c.deck === 1 ? 'choice' : 'choices'}` : '',
        c.exam ? `${c.exam} exam ${c.exam === 1 ? 'change' : 'changes'}` : '',
        c.settings
          ? `${c.settings} scheduling ${c.settings === 1 ? 'setting change' : 'setting changes'}`
          : '',
      ].filter(Boolean);
      return parts.length ? parts.join(', ') : 'no settings changes';
    },
    lastChange: 'Last settings change from another device',
    noChange: 'none yet',
    fromDevice: 'from device',
    at: (when: string) => `at ${when}`,
    dayStart: (hour: number) => `next day starts at ${hour}:00`,
    learnAhead: (minutes: number) => `learn ahead limit ${minutes} min`,
    presetChanged: (name: string, n: number) =>
      `preset “${name}”: ${n} ${n === 1 ? 'option' : 'options'} changed`,
    presetDeleted: (name: string) => `preset “${name}” deleted`,
    aPreset: 'a preset',
    deckPreset: (deck: string) => `deck “${deck}” given another preset`,
    examChanged: (name: string, n: number) =>
      `exam “${name}”: ${n} ${n === 1 ? 'detail' : 'details'} changed`,
    examDeleted: (name: string) => `exam “${name}” deleted`,
    listSeparator: ', ',
    anExam: 'an exam',
  },
};
