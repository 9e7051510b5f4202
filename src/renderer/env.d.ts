/// <reference types="vite/client" />
import type { BrankasApi } from '../shared/api';

declare global {
  interface Window {
    /** Put there by the preload (Electron) or the test bridge; the only way to reach main. */
    brankas: BrankasApi;
  }
}
