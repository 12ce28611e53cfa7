/**
 * Preload (bundled as CommonJS so the sandbox stays on): exposes exactly one bridge,
 * `window.mnemo`, that forwards service-API calls over IPC (and opens the deck folder dialog). No Node or Electron object
 * reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('mnemo', {
  call: (method: string, args: unknown) => ipcRenderer.invoke('mnemo:call', method, args),
  addDeckFolder: () => ipcRenderer.invoke('mnemo:addDeckFolder'),
  saveExport: (name: string) => ipcRenderer.invoke('mnemo:saveExport', name),
  pickImport: () => ipcRenderer.invoke('mnemo:pickImport'),
  openInEditor: (cardId: number) => ipcRenderer.invoke('mnemo:openInEditor', cardId),
  onMenu: (listener: (action: string) => void) => {
    ipcRenderer.on('mnemo:menu', (_event, action: string) => listener(action));
  },
});
