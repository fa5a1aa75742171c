import { ValidateBy } from 'class-validator';

export const MAX_SEARCH_TERMS = 8;
export const MAX_SEARCH_OPERATORS = 5;

export interface SearchComplexity {
  terms: number;
  operators: number;
}

/**
 * What a `websearch_to_tsquery` string asks of the database: its words, and its operators
 * (`or`, a `-` exclusion, a quoted phrase).
 */
export function searchComplexity(search: string): SearchComplexity {
  let operators = 0;
  const phrases = search.match(/"[^"]*"?/g) ?? [];
  operators += phrases.length;
  let terms = phrases.reduce((sum, phrase) => sum + (phrase.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
  for (const token of search
    .replace(/"[^"]*"?/g, ' ')
    .split(/\s+/)
    .filter(Boolean)) {
    if (token.toLowerCase() === 'or') operators += 1;
    else {
      if (token.startsWith('-')) operators += 1;
      terms += token.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
    }
  }
  return { terms, operators };
}

/** A search the database can answer cheaply: at most 8 words and 5 operators, else 400. */
export const IsBoundedSearch = () =>
  ValidateBy({
    name: 'isBoundedSearch',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return true;
        const { terms, operators } = searchComplexity(value);
        return terms <= MAX_SEARCH_TERMS && operators <= MAX_SEARCH_OPERATORS;
      },
      defaultMessage: (args) =>
        `${args?.property ?? 'search'} may hold at most ${MAX_SEARCH_TERMS} words and ${MAX_SEARCH_OPERATORS} operators (or, -, "phrases")`,
    },
  });
