import { NativeSelect, TextInput } from '@mantine/core';
import { useStaff } from '../../api/awards';
import { useI18n } from '../../i18n/i18n';

/**
 * Picks a staff user (program manager or reviewer) from `GET /staff` in a native select (the most
 * accessible and phone-friendly picker). Should the list not load, the user id can be pasted instead.
 */
export function StaffPicker({
  role,
  label,
  value,
  onChange,
  error,
}: {
  role: 'program_manager' | 'reviewer';
  label: string;
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const staff = useStaff(role);
  if (staff.isError) {
    return (
      <TextInput
        label={label}
        description={t('awards.staffIdHint')}
        value={value}
        error={error}
        onChange={(e) => onChange(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
    );
  }
  const items = staff.data?.items ?? [];
  // The current value stays selectable even when the list does not hold it (deactivated, beyond the first 200).
  const unlisted = value && staff.data && !items.some((s) => s.id === value) ? [{ value, label: value.slice(0, 8) }] : [];
  return (
    <NativeSelect
      label={label}
      value={value}
      error={error}
      disabled={staff.isPending}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        { value: '', label: staff.isPending ? t('common.loading') : t('awards.nobody') },
        ...items.map((s) => ({ value: s.id, label: s.displayName })),
        ...unlisted,
      ]}
    />
  );
}
