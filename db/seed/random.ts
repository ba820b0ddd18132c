// Deterministic randomness and calendar helpers for the demo seed: the same seed
// on an empty database gives the same content (dates move with the day it runs).

import { DAY_MS } from "../../app/utils/dates";

export const DAY = DAY_MS;
export const HOUR = DAY_MS / 24;

/** mulberry32: tiny, fast and good enough for demo data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A key of `weights`, drawn in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  /** `k` distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** Rounds a random amount in [min, max] to a multiple of `step`. */
  amount(min: number, max: number, step: number): number {
    return Math.round(this.between(min, max) / step) * step;
  }
}

/** `YYYY-MM-DD` of an instant, in UTC (Mali's time zone). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch milliseconds of midnight UTC of an ISO date. */
export function dateMs(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

/** Adds calendar months to an ISO date; the 31st becomes the month's last day. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return isoDate(target.getTime());
}

/** Lower-case ASCII words joined by hyphens: "Hôtel Le Djoliba" → "hotel-le-djoliba". */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Hands out unique Malian mobile numbers; +22370000001 belongs to the demo candidate. */
export class PhoneBook {
  private readonly used = new Set<string>(["+22370000001"]);

  constructor(private readonly rng: Rng) {}

  next(): string {
    for (;;) {
      const first = this.rng.weighted({ "6": 3, "7": 5, "8": 1, "9": 1 });
      const rest = String(this.rng.int(0, 9_999_999)).padStart(7, "0");
      const phone = `+223${first}${rest}`;
      if (!this.used.has(phone)) {
        this.used.add(phone);
        return phone;
      }
    }
  }
}

/** Smallest index whose value is >= `value` in an ascending array. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
