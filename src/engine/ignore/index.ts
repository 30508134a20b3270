/**
 * Which files of a tree a scan skips: the `.gitignore` files met on the way down, compiled
 * once each. A public entry of its own, apart from the scanner, because the editor's code
 * scan reads the files a person opens and needs none of it.
 */
export { GITIGNORE, IgnoreFiles, MAX_PATTERNS, splitPath, walkFiles, type FileTree, type TreeEntry } from './ignoreFiles';
export { MAX_SHARED_KEY } from './patterns';
