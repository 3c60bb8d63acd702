import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** System fonts with the Chinese faces of each platform first after the Latin UI faces (no web fonts: nothing to download). */
const sans = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  'sans-serif',
].join(', ');

export const theme = createTheme({
  primaryColor: 'red',
  // Shade 8 of red keeps white text above 4.5:1 contrast (WCAG AA) on filled buttons and badges.
  primaryShade: 8,
  fontFamily: sans,
  headings: { fontFamily: sans },
  defaultRadius: 'sm',
});

/**
 * WCAG AA (4.5:1 for small text) on white: Mantine's "dimmed" text (gray 6) is 3.3:1 and its error
 * red (red 6) 3.6:1; gray 7 and red 9 pass. The focus ring is blue 8 (4.9:1; focus.css): a ring in
 * the primary red would look like an error. No orange shade reaches 4.5:1 on orange's light
 * background (orange 9 is ~4:1), so light orange components (warnings, RequireRole) write in dark 7.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: { '--jiebang-focus': t.colors.blue[8] },
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-error': t.colors.red[9],
    '--mantine-color-orange-light-color': t.colors.dark[7],
  },
  dark: {},
});
