import type { LoyaltyQuote, LoyaltyUndo } from './loyalty';
import type { Page } from './page';

/** All of one sale's item texts together, at most this many characters. */
export const SALE_ITEMS_MAX_CHARS = 2000;

export interface Purchase {
  id: number;
  at: number;
  /** The items' total, before a member's reward. */
  amount: number;
  /** Rupiah off for a member's reward (0: none); the customer paid amount - discount. */
  discount: number;
  items: string[];
  recordedBy: string | null;
  /** Voided (kept in the record, left out of totals): when, by whom, why. */
  voided: { at: number; by: string | null; reason: string } | null;
  /** The purchase this one corrects (that one is voided). */
  corrects: number | null;
  /** Whether the viewer may void or correct it (the owner; or its cashier, the same day). */
  canChange: boolean;
}

export interface PurchasePage extends Page<Purchase> {
  /** What the customer paid over the sales that stand (rewards' discounts taken off). */
  totalAmount: number;
}

/** A sale just recorded: what it did to the member's points (or that membership may be offered). */
export type RecordedSale = Purchase & { loyalty: LoyaltyQuote };

export interface VoidResult {
  voided: number;
  customerId: number;
  correction: RecordedSale | null;
  loyalty: LoyaltyUndo;
}

/** One entry of the shop's price list (no personal data); hidden ones stay for the owner. */
export interface Product {
  id: number;
  name: string;
  /** Whole rupiah. */
  price: number;
  active: boolean;
}

/** Bounds of the price list and of a sale built from it (checked in main). */
export const PRODUCT_NAME_MAX = 60;
export const PRODUCT_PRICE_MAX = 100_000_000;
export const PRODUCTS_MAX = 200;
export const SALE_QUANTITY_MAX = 999;
/** Lines of one sale from the list: 20 x "999 x <60 characters>" stays under SALE_ITEMS_MAX_CHARS. */
export const SALE_LINES_MAX = 20;
