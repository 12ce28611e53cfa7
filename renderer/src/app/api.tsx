import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { MnemoClient } from '../client/index.ts';

export type Call = MnemoClient['call'];

const ClientContext = createContext<MnemoClient | null>(null);

/** Provides the one client (created once in main.tsx) to every component. */
export function ClientProvider({ client, children }: { client: MnemoClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The whole client, for the few components that move files (export, import). */
export function useClient(): MnemoClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientProvider>');
  return client;
}

/** `call(method, args)`, typed from core/api/service.ts, over the shared client. */
export function useApi(): Call {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useApi() outside <ClientProvider>');
  return useMemo(() => client.call.bind(client) as Call, [client]);
}
