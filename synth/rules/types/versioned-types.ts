import { computeVersionedType } from '../../plan/versioned-types';
import { defineRule, type Rule } from '../rule';

interface Spec {
  readonly code: string;
  readonly title: string;
  readonly doc: string;
  readonly reference?: readonly string[];
}

/**
 * The versioned-type rules. Checking a type is one replay of its migrations
 * (`computeVersionedType`, cached per type); each rule reports the problems of its own code.
 */
const SPECS: readonly Spec[] = [
  { code: 'types/invalid-type-name', title: "Versioned type names are snake_case, not 'raw' or 'json', and do not end like a version", doc: "Type names become Rust and TypeScript identifiers; 'raw' and 'json' name endpoint body kinds. Version n of type `msg` is generated as `BwTypeMsgV<n>`, so a name ending in `_v<n>` (`msg_v1`) would collide with another type's version." },
  { code: 'types/invalid-field-name', title: 'Field names are snake_case and start with a letter', doc: 'Field names are JSON keys and Rust struct fields; `self`, `super` and `crate` cannot be Rust fields.' },
  { code: 'types/no-versions', title: 'A versioned type has at least one snapshot', doc: 'Declare the first version with `type.snapshot(1, {...})`.', reference: ['BwTypeNoSnapshotsOrMigrationsFound'] },
  { code: 'types/duplicate-version', title: 'A version is declared by at most one snapshot and one migration', doc: 'Each version has one shape and one way to reach it.' },
  { code: 'types/version-out-of-range', title: 'Versions are whole numbers from 1 to 65535', doc: 'The version is stored in 16 bits of serialized data headers.' },
  { code: 'types/single-version-migration', title: 'A type with one version is declared by a snapshot', doc: 'With nothing to migrate from, the only version must be a snapshot.', reference: ['BwTypeWithOneVersionCannotHaveAMigration'] },
  { code: 'types/first-and-last-need-snapshots', title: 'The first and the last version have snapshots', doc: 'The first snapshot is where the replay starts; the last one states the current shape so it can be read without replaying.', reference: ['BwTypeFirstAndLastVersionMustHaveSnapshots'] },
  { code: 'types/first-version-migration', title: 'The first version has no migration', doc: 'There is no earlier version to migrate from.', reference: ['BwTypeFirstVersionCantHaveMigration'] },
  { code: 'types/missing-migration', title: 'Every version after the first has a migration', doc: 'Readers upgrade old data one version at a time, so each version needs a migration from the one before.', reference: ['BwTypeMigrationNotFoundForVersions'] },
  { code: 'types/field-indexes-not-sequential', title: 'Field indexes are 0, 1, 2, ... in each struct', doc: 'Indexes record the order fields were added; they start at 0 in every struct (nested ones too) and have no gaps.', reference: ['BwTypeFieldIndexesMustBeZeroBasedSequential'] },
  { code: 'types/optional-field-with-default', title: 'Optional fields have no default', doc: 'An optional field defaults to absent.', reference: ['BwTypeSnapshotOptionAndDefaultValueAreMutuallyExclusive'] },
  { code: 'types/default-not-supported', title: 'Only scalar fields have defaults', doc: 'Arrays and structs cannot have default values; make them optional to add them later.', reference: ['BwTypeSnapshotDefaultValuesForTypeAreNotSupported'] },
  { code: 'types/invalid-default', title: "A default parses as its field's type", doc: 'I64 defaults are integers, F64 numbers, Bool `true` or `false`, DateTime RFC 3339 timestamps, UUID canonical UUIDs.', reference: ['BwTypeSnapshotCannotParseDefaultValueForType'] },
  { code: 'types/invalid-migration-path', title: 'Migration paths are dotted snake_case field names', doc: "Write paths as `parent.child`; `?` after an intermediate segment creates it as an optional struct. The last segment cannot carry `?`: make the field's type optional instead.", reference: ['BwTypeMigrationSyntaxError', 'BwTypeLastFieldCannotBeOptional'] },
  { code: 'types/add-into-non-struct', title: 'A path added into goes through structs', doc: 'Only struct fields (or optional structs) have fields to add to.', reference: ['BwTypeExpectedStructTypeGotGround'] },
  { code: 'types/add-duplicate-field', title: 'A migration does not add a field that exists', doc: 'Choose a new name, or drop the old field first in an earlier version.', reference: ['BwTypeCannotAddDuplicateNameField'] },
  { code: 'types/added-field-option-and-default', title: 'An added field is optional or has a default, not both', doc: 'An optional field defaults to absent.', reference: ['BwTypeMigrationOptionAndDefaultValueAreMutuallyExclusive'] },
  { code: 'types/added-field-needs-default', title: 'An added field is optional or has a default', doc: 'Data written by older versions lacks the field; readers fill it with the default, or leave an optional field absent.', reference: ['BwTypeMigrationNewFieldMustHaveDefaultValueOrBeOptional'] },
  { code: 'types/add-invalid-index', title: 'An added field takes the next index of its struct', doc: 'The next index is one more than the largest in the struct (0 in an empty struct).', reference: ['BwTypeMigrationAddsInvalidFieldIndex'] },
  { code: 'types/drop-into-non-struct', title: 'A path dropped from goes through structs', doc: 'Only struct fields have fields to drop.', reference: ['BwTypeMigrationExpectedNestedStructFieldToDropGotGround'] },
  { code: 'types/drop-missing-field', title: 'A migration drops only existing fields', doc: 'Check the path against the previous version.', reference: ['BwTypeMigrationCannotFindFieldToDrop'] },
  { code: 'types/drop-empties-struct', title: 'A drop leaves its struct with fields', doc: 'A struct without fields carries no data; drop the struct itself instead.', reference: ['BwTypeMigrationStructBecomesEmptyAfterFieldDrop'] },
  { code: 'types/rename-across-structs', title: 'A rename stays within one struct', doc: 'Moving a field between structs is a drop and an add, in separate versions.', reference: ['BwTypeMigrationRenamingFieldIsOnlyAllowedAtTheSameStructLevel'] },
  { code: 'types/rename-to-same-name', title: 'A rename changes the name', doc: 'Renaming a field to its own name does nothing.', reference: ['BwTypeMigrationRenamingFromAndToFieldsAreTheSame'] },
  { code: 'types/rename-missing-field', title: 'A migration renames only existing fields', doc: 'Check the path against the previous version.', reference: ['BwTypeMigrationRenamingFieldNotFound'] },
  { code: 'types/rename-target-exists', title: 'A rename does not overwrite a field', doc: 'The new name must be free in its struct.', reference: ['BwTypeMigrationRenamingFieldWithSuchNameAlreadyExists'] },
  { code: 'types/rename-into-non-struct', title: 'A path renamed in goes through structs', doc: 'Only struct fields have fields to rename.', reference: ['BwTypeMigrationRenamingFieldExpectedInnerStructFoundGroundType'] },
  { code: 'types/field-mutated-twice', title: 'A migration changes each field, and each struct with what is inside it, at most once', doc: 'Adding then dropping, renaming twice, or renaming a struct while changing a field inside it, in one migration, is ambiguous; spread the changes over versions.', reference: ['BwTypeFieldMutatedMoreThanOnceDuringMigration'] },
  { code: 'types/snapshot-migration-mismatch', title: 'Replaying the migrations reproduces each snapshot', doc: 'A snapshot states the shape its version must have; the migrations from the previous version must produce exactly it: the same fields, types, indexes and defaults.', reference: ['BwTypeSnapshotAndMigrationAreInconsistent'] },
];

export const versionedTypeRules: readonly Rule[] = SPECS.map((spec) =>
  defineRule({
    ...spec,
    severity: 'error',
    check(model, report) {
      for (const type of model.versionedTypes) {
        for (const p of computeVersionedType(type).problems) if (p.code === spec.code) report(p.construct, p.message, p.prop ? { prop: p.prop } : undefined);
      }
    },
  }),
);

const known = new Set(SPECS.map((s) => s.code));
/** Codes the replay may emit; a test keeps this in step with SPECS. */
export function isVersionedTypeCode(code: string): boolean {
  return known.has(code);
}
