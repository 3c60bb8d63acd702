/** 绩效评估 (libs/evaluations): a programme's evaluation and its CSV. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';
import { authHeaders, failure, saveBlob } from './raw-fetch';

export type ProgrammeEvaluation = Schemas['ProgrammeEvaluationView'];
export type ChallengeEvaluation = Schemas['ChallengeEvaluationView'];
export type MilestoneFigures = Schemas['MilestoneFiguresView'];
export type MoneyFigures = Schemas['MoneyFiguresView'];

export interface ProgrammeParams {
  industry?: string;
  year?: number;
}

export function useProgrammeEvaluation(params: ProgrammeParams, enabled = true) {
  return useQuery({
    queryKey: ['evaluation', params],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => call(api.GET('/api/v1/evaluations/programme', { params: { query: params }, signal })),
  });
}

/** Saves the programme's CSV (the server words its headers in `language`; a plain link cannot carry the token). */
export async function downloadProgrammeCsv(params: ProgrammeParams, language: 'zh' | 'en'): Promise<void> {
  const query = new URLSearchParams();
  if (params.industry) query.set('industry', params.industry);
  if (params.year) query.set('year', String(params.year));
  const response = await globalThis.fetch(`/api/v1/evaluations/programme/csv?${query}`, {
    headers: { ...authHeaders(), 'accept-language': language },
  });
  if (!response.ok) throw await failure(response);
  saveBlob(await response.blob(), `evaluation${params.year ? `-${params.year}` : ''}.csv`);
}
