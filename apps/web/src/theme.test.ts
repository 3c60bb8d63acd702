import { mergeMantineTheme, DEFAULT_THEME } from '@mantine/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cssVariablesResolver, theme } from './theme';

const full = mergeMantineTheme(DEFAULT_THEME, theme);

/** WCAG relative luminance contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b2);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('light orange (warnings)', () => {
  it('writes in a colour that passes 4.5:1 on the light orange background', () => {
    const text = cssVariablesResolver(full).light['--mantine-color-orange-light-color'];
    // Mantine's light background: orange 6 at 10% over white.
    const mix = (c: number) => Math.round(255 - (255 - c) * 0.1);
    const [r, g, b] = [1, 3, 5].map((i) => mix(parseInt(full.colors.orange[6].slice(i, i + 2), 16)));
    const background = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(full.colors.orange[9], background)).toBeLessThan(4.5); // why not an orange
  });
});

describe('focus ring', () => {
  it('is blue, not the red of errors, and stands out 3:1 on white', () => {
    const ring = cssVariablesResolver(full).variables['--jiebang-focus'];
    expect(ring).toBe(full.colors.blue[8]);
    expect(full.colors.red).not.toContain(ring);
    expect(contrast(ring, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('replaces the primary colour in Mantine focus styles and input borders', () => {
    const css = readFileSync(join(__dirname, 'focus.css'), 'utf8');
    expect(css).toMatch(/\.mantine-focus-auto:focus-visible[\s\S]*?outline-color: var\(--jiebang-focus\)/);
    expect(css).toMatch(/--input-bd-focus: var\(--jiebang-focus\)/);
    expect(readFileSync(join(__dirname, 'main.tsx'), 'utf8')).toMatch(/styles\.css';[\s\S]*import '\.\/focus\.css'/);
  });
});
