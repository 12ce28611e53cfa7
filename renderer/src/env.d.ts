// Stylesheets are bundled by Vite; importing one only adds it to the page.
declare module '*.css';

// echarts' Chinese locale object (UMD, no typings of its own): what registerLocale takes.
declare module 'echarts/i18n/langZH-obj.js' {
  const locale: Parameters<typeof import('echarts/core')['registerLocale']>[1];
  export default locale;
}
