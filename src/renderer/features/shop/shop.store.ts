import { create } from 'zustand';
import type { FieldSetting, OptionalField, Purpose } from '../../../shared/domain';
import { call } from '../../lib/client';

interface ShopState {
  fields: FieldSetting[];
  purposes: Purpose[];
  loaded: boolean;
  load(): Promise<void>;
  enabled(key: OptionalField): boolean;
}

/** The owner's choices every form depends on: which fields are collected, which purposes exist. */
export const useShop = create<ShopState>((set, get) => ({
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
}));
