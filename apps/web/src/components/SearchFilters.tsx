import { Group, NativeSelect, TextInput } from '@mantine/core';

export interface SearchFiltersProps<V extends string> {
  search: { label: string; hint: string; value: string; onChange: (q: string) => void };
  filter: { label: string; value: V | ''; onChange: (value: V | '') => void; options: { value: V | ''; label: string }[] };
}

/** A list's search box (≤ 100 characters) beside one filter, as the admin's lists share them. */
export function SearchFilters<V extends string>({ search, filter }: SearchFiltersProps<V>) {
  return (
    <Group align="flex-end" wrap="wrap">
      <TextInput
        type="search"
        label={search.label}
        placeholder={search.hint}
        value={search.value}
        onChange={(e) => search.onChange(e.currentTarget.value)}
        style={{ flex: '1 1 240px' }}
        maxLength={100}
      />
      <NativeSelect
        label={filter.label}
        value={filter.value}
        onChange={(e) => filter.onChange(e.currentTarget.value as V | '')}
        data={filter.options}
      />
    </Group>
  );
}
