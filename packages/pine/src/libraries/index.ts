// Pine library imports: resolving `import user/Name/version` to a user-supplied source and linking it.
export { libraryIdentity, type LibraryIdentity } from './identity.js';
export { SourceLibraryResolver, type LibraryResolver, type LibrarySource } from './resolver.js';
export { linkLibraries, type LinkResult } from './link.js';
