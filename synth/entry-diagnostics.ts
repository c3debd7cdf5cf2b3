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
    doc: 'Running the entry threw (any value: an Error, a string, a rejected promise), for example because a construct was given something it cannot use. The diagnostic points at the line of your code that threw.',
  },
  timeout: {
    code: 'entry/timeout',
    title: 'The entry file finishes in time',
    doc: 'Running the entry (and settling the promise it exports) has a time limit, 60 s by default (`--timeout`): an entry that loops forever or waits on something that never comes is stopped and reported instead of hanging synth.',
  },
  noApp: {
    code: 'entry/no-app',
    title: 'The entry file default-exports an App',
    doc: 'The entry must `export default` the App, or a function (possibly async) that returns it.',
  },
} as const;
