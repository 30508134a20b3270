/**
 * What the panel gives each tab: the state it draws from, the analysis of the followed config,
 * and the few actions a tab takes (change the inputs, ask for a redraw, talk to the host).
 */
import type { Analysis } from '../../src/engine';
import type { DocumentMessage, PanelInputs, PanelState, WebviewMessage } from '../../src/protocol';

/** The config the panel follows, as the host last sent it. */
export type Doc = Omit<DocumentMessage, 'type'>;

export interface ButtonOptions {
  secondary?: boolean;
  id?: string;
  title?: string;
  disabled?: boolean;
}

export interface TabHost {
  state(): PanelState;
  doc(): Doc | undefined;
  analysis(): Analysis | undefined;
  /** Changes the panel's inputs, saves them and redraws. */
  setInputs(update: (inputs: PanelInputs) => void): void;
  /** Changes the rest of the panel's state (a sort order), saves it and redraws. */
  setState(update: Partial<Omit<PanelState, 'v' | 'inputs'>>): void;
  scheduleRender(): void;
  /** Whether this tab is the one shown (a resize redraws only the tab shown). */
  shown(tab: PanelState['tab']): boolean;
  post(message: WebviewMessage): void;
  button(text: string, onClick: () => void, options?: ButtonOptions): HTMLElement;
}

/** A tab mounted in its section: draws it from the host's state. */
export interface PanelTab {
  render(): void;
}
