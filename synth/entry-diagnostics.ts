/** Codes of the diagnostics about the entry file itself (not rules over the tree). */
export const ENTRY_DIAGNOSTICS = {
  buildFailed: {
    code: 'entry/build-failed',
    title: 'The entry file compiles',
    doc: 'esbuild could not bundle the entry: a syntax error, or an import that does not resolve. The diagnostic points at the offending line.',
  },
  exception: {
    code: 'entry/exception',
    title: 'The entry file runs without throwing',
    doc: 'Running the entry threw, for example because two constructs in one scope have the same id. The diagnostic points at the line of your code that threw.',
  },
  noApp: {
    code: 'entry/no-app',
    title: 'The entry file default-exports an App',
    doc: 'The entry must `export default` the App, or a function (possibly async) that returns it.',
  },
} as const;
