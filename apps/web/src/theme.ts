import { createTheme } from '@mantine/core';

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
