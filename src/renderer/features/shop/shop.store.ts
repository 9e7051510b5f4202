import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type { FieldSetting, OptionalField, Purpose, SettingsView } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { afterOk, call } from '../../lib/client';

interface ShopState {
  fields: FieldSetting[];
  purposes: Purpose[];
  loaded: boolean;
  load(): Promise<void>;
  enabled(key: OptionalField): boolean;
  /** The owner's choices; each reloads fields and purposes when it succeeds. */
  updateField(input: ChannelInput<'fields:update'>): Promise<Result<{ cleared: number }>>;
  savePurpose(input: ChannelInput<'purposes:save'>): Promise<Result<Purpose>>;
  getSettings(): Promise<Result<SettingsView>>;
  updateSettings(input: ChannelInput<'settings:update'>): Promise<Result<SettingsView>>;
}

/** The owner's choices every form depends on: which fields are collected, which purposes exist. */
export const useShop = create<ShopState>((set, get) => {
  const reload = () => get().load();
  return {
    fields: [],
    purposes: [],
    loaded: false,
    async load() {
      const [f, p] = await Promise.all([call('fields:list', {}), call('purposes:list', {})]);
      set({ fields: f.ok ? f.value : [], purposes: p.ok ? p.value : [], loaded: f.ok && p.ok });
    },
    enabled(key) {
      return get().fields.some((f) => f.key === key && f.enabled);
    },
    updateField: (input) => afterOk(call('fields:update', input), reload),
    savePurpose: (input) => afterOk(call('purposes:save', input), reload),
    getSettings: () => call('settings:get', {}),
    updateSettings: (input) => call('settings:update', input),
  };
});
