// What a system contributes to the Connections page: a form that adds a connection, and the panel of its own
// settings inside the connection's card. Each system's file exports one SystemPanel; panels.ts lists them.
import type { ComponentType } from 'react';
import type { ConnectionT } from '../../../../preload/contract';

export type SystemNameT = ConnectionT['system'];

export interface AddPanelProps {
  companyId: string;
  /** Called with the new connection's id once it exists (and, for sign-in systems, once sign-in has started). */
  onCreated(connectionId: string): void;
}

export interface SettingsPanelProps {
  connection: ConnectionT;
  /** Reloads the page's connections after a change. */
  onSaved(): void;
}

/** A Settings panel renders as `<details className="system-settings">` with its fields in a <fieldset>. */
export interface SystemPanel {
  /** The chooser's words, e.g. "QuickBooks Online". */
  title: string;
  /** One sentence under the chooser: what connecting needs. */
  description: string;
  Add?: ComponentType<AddPanelProps>;
  Settings?: ComponentType<SettingsPanelProps>;
  /** Why Connect cannot start yet (a setting is missing; the panel explains it); null when it can. */
  connectBlocked?(connection: ConnectionT): string | null;
}
