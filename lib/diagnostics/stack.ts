import type { SourceLocation } from './types';

const FRAME = /^\s*at (?:.*? \()?(.*?):(\d+):(\d+)\)?$/;

/**
 * Maps a position in generated code (a bundled entry) back to the source it came from; null
 * drops the frame (code with no source, such as bundler helpers).
 */
export type LocationMapper = (line: number, column: number) => SourceLocation | null;

const mappers = new Map<string, LocationMapper>();

/**
 * Registers how to map frames of a generated file. epl maps stack frames itself rather than
 * relying on the runtime's source-map support, which test runners and loaders replace.
 */
export function registerLocationMapper(generatedFile: string, mapper: LocationMapper): void {
  mappers.set(generatedFile, mapper);
}

function mapFrame(frame: SourceLocation): SourceLocation | null {
  const mapper = mappers.get(frame.file);
  return mapper ? mapper(frame.line, frame.column) : frame;
}

/** Parses the frames of a V8 stack trace into locations (frames without a file are dropped). */
export function parseStack(stack: string): SourceLocation[] {
  const frames: SourceLocation[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line);
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) file = decodeURIComponent(file.slice('file://'.length));
    frames.push({ file, line: Number(m[2]), column: Number(m[3]) });
  }
  return frames;
}

/**
 * The first frame of the current stack that is the user's own code: not inside any of
 * `libraryDirs`, not Node's internals, not a dependency.
 */
export function captureUserLocation(libraryDirs: readonly string[]): SourceLocation | undefined {
  const previous = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = previous;
  return firstUserFrame(parseStack(stack), libraryDirs);
}

export function firstUserFrame(frames: readonly SourceLocation[], libraryDirs: readonly string[]): SourceLocation | undefined {
  return frames.map(mapFrame).find(
    (f): f is SourceLocation =>
      f !== null &&
      f.file.startsWith('/') &&
      !f.file.includes('/node_modules/') &&
      !libraryDirs.some((dir) => f.file.startsWith(dir)),
  );
}
