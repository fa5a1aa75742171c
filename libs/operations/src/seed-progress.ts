/** How a long seeding step reports progress (the CLI draws a bar; tests pass nothing). */
export interface SeedProgress {
  start(total: number): void;
  increment(by?: number): void;
  stop(): void;
}
