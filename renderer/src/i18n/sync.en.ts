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
  },
};
