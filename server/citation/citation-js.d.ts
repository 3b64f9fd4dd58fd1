// citation-js 0.8 ships no type declarations; only what server/citation uses is declared here.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: { config: { get(name: string): Record<string, unknown> } };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-ris';
